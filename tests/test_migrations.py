"""The migrations build exactly the schema the models describe.

Upgrading an empty database to head and comparing it with the models (Alembic's
autogenerate comparison) must find no difference: a model change without a migration
fails here. Runs on SQLite always, and on PostgreSQL when OBSERVE_TEST_DATABASE_URL
is set.
"""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, create_engine, inspect, text
from sqlalchemy.engine import make_url

from observe import create_app, migrate
from observe.config import normalise_db_url
from observe.db import Base
from observe.extensions import db

PG_URL = os.environ.get("OBSERVE_TEST_DATABASE_URL", "")


def _app(tmp_path, url):
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SQLALCHEMY_DATABASE_URI": url,
    })


@pytest.fixture
def sqlite_app(tmp_path):
    app = _app(tmp_path, f"sqlite:///{tmp_path / 'migrated.db'}")
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def pg_app(tmp_path):
    if not PG_URL:
        pytest.skip("OBSERVE_TEST_DATABASE_URL is not set")
    base = normalise_db_url(PG_URL)
    name = f"observe_migrations_{os.getpid()}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    app = _app(tmp_path, url)
    yield app
    with app.app_context():
        db.engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _differences(app, metadata=Base.metadata):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True})
        return compare_metadata(context, metadata)


def _tables(app):
    with app.app_context(), db.engine.connect() as connection:
        return set(inspect(connection).get_table_names()) - {"alembic_version"}


def _check_upgrade_matches_models(app):
    assert migrate.current(app) is None
    assert _tables(app) == set()
    migrate.upgrade(app)
    assert migrate.current(app) == migrate.head() == "0001_foundation"
    assert _tables(app) == set(Base.metadata.tables)
    assert _differences(app) == []


def test_sqlite_upgrade_matches_models_and_downgrades(sqlite_app):
    _check_upgrade_matches_models(sqlite_app)
    migrate.downgrade(sqlite_app, "base")
    assert migrate.current(sqlite_app) is None
    assert _tables(sqlite_app) == set()
    migrate.upgrade(sqlite_app)  # and back up again
    assert _differences(sqlite_app) == []


@pytest.mark.postgres
def test_postgres_upgrade_matches_models_and_downgrades(pg_app):
    _check_upgrade_matches_models(pg_app)
    migrate.downgrade(pg_app, "base")
    assert _tables(pg_app) == set()


def test_comparison_notices_a_model_without_migration(sqlite_app):
    """Guards the guard: a column the migrations do not create is reported."""
    migrate.upgrade(sqlite_app)
    changed = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["teams"].append_column(Column("colour", Integer, nullable=True))
    differences = _differences(sqlite_app, changed)
    assert [d[0] for d in differences] == ["add_column"]


def test_alembic_config_finds_the_bundled_scripts(sqlite_app):
    config = migrate.alembic_config(sqlite_app)
    location = config.get_main_option("script_location")
    assert os.path.isfile(os.path.join(location, "env.py"))
    assert os.path.isdir(os.path.join(location, "versions"))
