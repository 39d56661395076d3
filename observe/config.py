"""Settings: safe embedded defaults, everything overridable through the environment.

DATABASE_URL            SQLAlchemy URL (postgresql://... uses psycopg 3);
                        default SQLite in <instance>/observe.db
SECRET_KEY              session signing key; default generated once into instance/
OBSERVE_INSTANCE        instance folder (database, secret key); default ./instance
OBSERVE_UPLOADS         photo files; default ./uploads
OBSERVE_INDEX           search index folder; default <instance>/index
OBSERVE_MAX_UPLOAD_MB   largest accepted photo upload; default 25
OBSERVE_SECURE_COOKIES  force the Secure cookie flag (1/0); default: on behind HTTPS
OBSERVE_PROXY_FIX       1: trust one reverse proxy's X-Forwarded-* headers
OBSERVE_DEFAULT_LANGUAGE  da or en; default da
PORT                    port for `observe run`; default 5000
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _instance_dir() -> Path:
    return Path(os.environ.get("OBSERVE_INSTANCE", ROOT / "instance")).resolve()


def normalise_db_url(url: str) -> str:
    """Heroku-style ``postgres://`` and bare ``postgresql://`` both mean psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def load_secret_key(instance: Path) -> str:
    """SECRET_KEY from the environment, else generated once into instance/ (mode 0600)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def _secure_cookies() -> bool | None:
    value = os.environ.get("OBSERVE_SECURE_COOKIES", "").strip().lower()
    if value in {"1", "true", "yes"}:
        return True
    if value in {"0", "false", "no"}:
        return False
    return None


def build_config(overrides: dict | None = None) -> dict:
    instance = _instance_dir()
    overrides = dict(overrides or {})
    instance = Path(overrides.pop("INSTANCE_PATH", instance))
    db_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'observe.db'}"
    config = {
        "INSTANCE_PATH": str(instance),
        "SQLALCHEMY_DATABASE_URI": normalise_db_url(db_url),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "UPLOAD_FOLDER": os.environ.get("OBSERVE_UPLOADS", str(ROOT / "uploads")),
        "INDEX_FOLDER": os.environ.get("OBSERVE_INDEX", str(instance / "index")),
        "MAX_UPLOAD_BYTES": int(os.environ.get("OBSERVE_MAX_UPLOAD_MB", "25")) * 1024 * 1024,
        "MAX_JSON_BYTES": 1024 * 1024,
        "DEFAULT_LANGUAGE": os.environ.get("OBSERVE_DEFAULT_LANGUAGE", "da"),
        "LANGUAGES": ("da", "en"),
        "BABEL_DEFAULT_LOCALE": os.environ.get("OBSERVE_DEFAULT_LANGUAGE", "da"),
        "BABEL_DEFAULT_TIMEZONE": "Europe/Copenhagen",
        # A pedagogue may spend an hour on a story: the CSRF token lives as long as
        # the session instead of expiring after Flask-WTF's default hour.
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_ENABLED": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": dt.timedelta(days=60),
        "PERMANENT_SESSION_LIFETIME": dt.timedelta(hours=12),
        "SECURE_COOKIES": _secure_cookies(),
        "LOGIN_MAX_FAILURES": 5,
        "LOGIN_WINDOW_MINUTES": 15,
        "PASSWORD_MIN_LENGTH": 10,
        "SETUP_LINK_HOURS": 72,
        "TESTING": False,
    }
    config.update(overrides)
    if "SECRET_KEY" not in config:
        config["SECRET_KEY"] = load_secret_key(Path(config["INSTANCE_PATH"]))
    config["SQLALCHEMY_DATABASE_URI"] = normalise_db_url(config["SQLALCHEMY_DATABASE_URI"])
    return config
