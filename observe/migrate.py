"""Alembic, driven from code: no ``alembic.ini``, no Flask-Migrate.

The scripts live in ``migrations/`` at the repository root in a checkout and inside the
package in an installed wheel; ``observe.paths.bundled`` finds either, so the same
``observe db upgrade`` works in both. ``migrations/env.py`` takes the engine from the
Flask app whose context is active, so the database is always the one the app uses.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import inspect

from observe.extensions import db
from observe.paths import bundled


def alembic_config(app: Flask | None = None) -> Config:
    """An Alembic configuration built in memory. ``app`` is kept in ``attributes`` for
    tooling; env.py itself reads the app from the active app context."""
    config = Config()
    config.set_main_option("script_location", str(bundled("migrations")))
    if app is not None:
        config.attributes["app"] = app
    return config


def upgrade(app: Flask, revision: str = "head") -> None:
    with app.app_context():
        command.upgrade(alembic_config(app), revision)


def downgrade(app: Flask, revision: str) -> None:
    with app.app_context():
        command.downgrade(alembic_config(app), revision)


def current(app: Flask) -> str | None:
    """The database's revision (None for a database never migrated)."""
    with app.app_context(), db.engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    return ",".join(heads) if heads else None


def head() -> str | None:
    """The newest revision among the migration scripts."""
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    return ",".join(heads) if heads else None


def is_current(app: Flask) -> bool:
    return current(app) == head()


def has_tables(app: Flask) -> bool:
    """Whether the database holds any table other than Alembic's own."""
    with app.app_context(), db.engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
    return bool(names - {"alembic_version"})
