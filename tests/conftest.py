"""Each test gets a fresh, isolated instance: database, uploads folder and index.

SQLite by default (a new file per test). With ``OBSERVE_TEST_DATABASE_URL`` pointing
at a PostgreSQL server, the suite runs against a database of its own there instead,
created once per run and emptied between tests.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from observe import create_app
from observe.extensions import db
from tests import factories

PG_URL = os.environ.get("OBSERVE_TEST_DATABASE_URL", "")


def _pg_database_url() -> str:
    """Create (once per run) a scratch database beside the one in the URL."""
    from observe.config import normalise_db_url

    base = normalise_db_url(PG_URL)
    name = f"observe_test_{os.getpid()}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url():
    if not PG_URL:
        yield None
        return
    url = _pg_database_url()
    yield url
    from observe.config import normalise_db_url

    engine = create_engine(normalise_db_url(PG_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    engine.dispose()


_pg_schema_ready = False


def _fresh_g():
    from flask import g

    g.__dict__.clear()


def make_test_app(tmp_path, database_url, **overrides):
    global _pg_schema_ready
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "INDEX_FOLDER": str(tmp_path / "index"),
        "SQLALCHEMY_DATABASE_URI": database_url or f"sqlite:///{tmp_path / 'test.db'}",
        "WTF_CSRF_ENABLED": False,
        # Cheap hashing keeps the suite fast; production uses argon2's defaults.
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_KIB": 1024,
    }
    config.update(overrides)
    app = create_app(config)
    # Tests keep an app context pushed so factories can use the database; Flask then
    # reuses that context for every test request, and with it ``g`` (where Flask-Login
    # caches the user). In production each request has a fresh context; give each test
    # request a fresh ``g`` too.
    app.before_request_funcs.setdefault(None, []).insert(0, _fresh_g)
    with app.app_context():
        if database_url:
            if not _pg_schema_ready:
                db.drop_all()
                db.create_all()
                _pg_schema_ready = True
            else:
                _truncate_all()
        else:
            db.create_all()
    return app


def _truncate_all():
    tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    db.session.commit()


def shut_down(app) -> None:
    """End a test app cleanly: stop background search work, close searchers and every
    pooled database connection (PostgreSQL warns about connections left open)."""
    from observe.search import index

    app.config["SEARCH_RETRY_PAUSED"] = True
    index.wait_for_rebuilds(app, timeout=30)
    state = index.state_of(app)
    if state.retry_thread is not None:
        state.retry_thread.join(timeout=0.5)
    index.close_searchers(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _pushed(app):
    ctx = app.app_context()
    ctx.push()
    yield app
    db.session.remove()
    ctx.pop()
    shut_down(app)


@pytest.fixture
def app(tmp_path, database_url):
    yield from _pushed(make_test_app(tmp_path, database_url))


@pytest.fixture
def csrf_app(tmp_path, database_url):
    """An app with CSRF protection switched on, as in production."""
    yield from _pushed(make_test_app(tmp_path, database_url, WTF_CSRF_ENABLED=True))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def f(app):
    """Factories bound to the test app's database."""
    return factories.Factory()


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in as ``user`` through the login form."""

    def _login(user, password=factories.PASSWORD, c=None):
        c = c or client
        response = c.post("/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.data[:500]
        return c

    return _login


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Everything under tests/e2e is marked ``e2e`` (so ``-m "not e2e"`` skips it)."""
    for item in items:
        if "/tests/e2e/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)
