"""Alembic environment: the engine and the metadata come from the observe app.

Run through ``observe.migrate`` (``observe db upgrade``), which pushes an app context;
the engine is then Flask-SQLAlchemy's ``db.engine`` for that app. A caller may instead
hand over an open connection in ``config.attributes["connection"]`` (tests do).
SQLite gets batch mode, because it cannot ALTER most things in place.
"""

from __future__ import annotations

from alembic import context

from observe import models  # noqa: F401  (registers every model on the metadata)
from observe.db import Base

config = context.config
target_metadata = Base.metadata


def _configure(**kwargs) -> None:
    context.configure(target_metadata=target_metadata, compare_type=True, **kwargs)


def run_migrations_offline() -> None:
    """``--sql`` mode: render the DDL for the app's URL without connecting."""
    from flask import current_app

    url = current_app.config["SQLALCHEMY_DATABASE_URI"]
    _configure(url=url, literal_binds=True, dialect_opts={"paramstyle": "named"},
               render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


def _run(connection) -> None:
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from observe.extensions import db

    with db.engine.connect() as connection:
        _run(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
