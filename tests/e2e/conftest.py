"""End-to-end harness: the real app served on localhost, driven by Playwright for
Python in Debian's Chromium at a tablet viewport.

Skipped when no ``chromium`` is installed (CI installs it). Screenshots go to
``artifacts/screenshots/`` (override with ``OBSERVE_SCREENSHOTS``), which CI keeps.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from observe import create_app
from observe.extensions import db

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(os.environ.get(
    "OBSERVE_SCREENSHOTS", Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"))
TABLET_PORTRAIT = {"width": 768, "height": 1024}



def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    skip = pytest.mark.skip(reason="chromium is not installed (apt-get install chromium)")
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture
def live_app(tmp_path):
    app = create_app({
        "SECRET_KEY": "e2e-secret",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "INDEX_FOLDER": str(tmp_path / "index"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'e2e.db'}",
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_KIB": 1024,
    })
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport=TABLET_PORTRAIT, locale="da-DK",
                                  has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def shot(page, request):
    """``shot("name")`` saves a screenshot named after the test (``of=`` another page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def _shot(name: str, of=None):
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        (of or page).screenshot(path=str(path), full_page=True)
        return path

    return _shot
