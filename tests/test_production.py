"""The production path as the README describes it: ``observe db upgrade``,
``observe create-user``, then gunicorn with several workers serving ``create_app()``.
No demo data is seeded unless asked for. Runs on PostgreSQL when
``OBSERVE_TEST_DATABASE_URL`` is set, else on a SQLite file."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

BIN = Path(sys.executable).parent
PG_URL = os.environ.get("OBSERVE_TEST_DATABASE_URL", "")


@pytest.fixture
def database(tmp_path):
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'prod.db'}"
        return
    from observe.config import normalise_db_url

    base = normalise_db_url(PG_URL)
    name = f"observe_prod_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(base).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(tmp_path, database):
    env = {k: v for k, v in os.environ.items() if not k.startswith("OBSERVE_")}
    env.update({
        "DATABASE_URL": database,
        "SECRET_KEY": "production-test-secret",
        "OBSERVE_INSTANCE": str(tmp_path / "instance"),
        "OBSERVE_UPLOADS": str(tmp_path / "uploads"),
        "OBSERVE_INDEX": str(tmp_path / "index"),
    })
    return env


def _observe(env, *args, stdin=""):
    return subprocess.run([str(BIN / "observe"), *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=120, check=True)


def _wait_for(url, process, seconds=90.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stderr.read())
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:  # refused while booting, or slow on a busy machine
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def _login(base, email, password):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login", timeout=60).read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"email": email, "password": password,
                                   "csrf_token": token}).encode()
    try:
        opener.open(base + "/login", data=data, timeout=60)
    except urllib.error.HTTPError as exc:
        return opener, exc.code
    return opener, 200


def test_gunicorn_serves_the_app_with_several_workers(tmp_path, database):
    env = _env(tmp_path, database)
    _observe(env, "db", "upgrade")
    _observe(env, "create-user", "lone@example.dk", "--name", "Lone Leder", "--role", "admin",
             "--institution", "Børnehuset Produktion", "--team", "Stue 1",
             stdin="et-langt-kodeord\net-langt-kodeord\n")
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "observe:create_app()"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/healthz", server)
        opener, status = _login(base, "lone@example.dk", "et-langt-kodeord")
        assert status == 200
        # Several requests, spread over the workers, all see the same login.
        for _ in range(6):
            home = opener.open(base + "/", timeout=60).read().decode()
            assert "Lone" in home and "Stue 1" in home
        # No demo data was seeded behind the operator's back.
        _, demo_status = _login(base, "anne@maelkeboetten.dk", "maelkebotte-demo")
        assert demo_status == 422
    finally:
        server.terminate()
        server.wait(timeout=20)
        server.stdout.close()
        server.stderr.close()
