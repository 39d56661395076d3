"""The ``observe`` command: database, demo data, accounts, tokens and a local server.

``main`` is the console-script entry point (``observe = "observe.cli:main"``). The app
is built on first use by a command, from the environment as ``create_app()`` reads it
(``DATABASE_URL``, ``OBSERVE_INSTANCE``, ...), so ``observe --help`` needs no database.
Tests hand in their own ``AppHolder`` as click's ``obj``.

There is no request here, so each command commits its own work explicitly, once, at
the end; a refused command rolls back and leaves nothing half-created. Output is in
English: service messages are translated with the ``en`` locale (the app's locale
selector needs a request).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask
from flask_babel import force_locale
from sqlalchemy import func, select

from observe import migrate
from observe.extensions import db
from observe.validation import ValidationError


class AppHolder:
    """Creates the app once, when a command first needs it."""

    def __init__(self, config: dict | None = None):
        self.config = config
        self._app: Flask | None = None

    @property
    def app(self) -> Flask:
        if self._app is None:
            from observe import create_app

            self._app = create_app(self.config)
            # The default SQLite database lives in the instance folder.
            Path(self._app.instance_path).mkdir(parents=True, exist_ok=True)
        return self._app

    def close(self) -> None:
        if self._app is not None:
            with self._app.app_context():
                db.session.remove()
                db.engine.dispose()


def register_commands(app: Flask) -> None:
    """Kept for ``create_app``: the commands live on the ``observe`` entry point, not on
    ``flask``'s CLI, so there is nothing to attach to the app."""


def _holder() -> AppHolder:
    return click.get_current_context().find_object(AppHolder)


@contextmanager
def app_context() -> Iterator[Flask]:
    app = _holder().app
    with app.app_context(), force_locale("en"):
        try:
            yield app
        except BaseException:
            db.session.rollback()
            raise


def _fail(message: str) -> click.ClickException:
    """Printed as ``Error: message`` on stderr, exit status 1."""
    return click.ClickException(message)


def _describe(exc: ValidationError) -> str:
    return "; ".join(msg if key == "_" else f"{key}: {msg}" for key, msg in exc.fields.items())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="observe")
@click.pass_context
def main(ctx: click.Context) -> None:
    """observe: kollegial observation og læringshistorier.

    Settings come from the environment (DATABASE_URL, SECRET_KEY, OBSERVE_INSTANCE,
    OBSERVE_UPLOADS, OBSERVE_INDEX, PORT); see observe/config.py.
    """
    if ctx.find_object(AppHolder) is None:
        holder = ctx.ensure_object(AppHolder)
        ctx.call_on_close(holder.close)


# -- database ---------------------------------------------------------------------------

def _upgrade(app: Flask) -> None:
    before = migrate.current(app)
    if before is None and migrate.has_tables(app):
        raise _fail("The database has tables but no migration history (was it made with "
                    "create_all?). Start from an empty database.")
    migrate.upgrade(app)
    after = migrate.current(app)
    if before == after:
        click.echo(f"Database is up to date (revision {after}).")
    else:
        click.echo(f"Database upgraded: {before or 'empty'} -> {after}.")


@main.group("db")
def db_group() -> None:
    """Create or migrate the database."""


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Create the database or migrate it to the newest revision."""
    _upgrade(_holder().app)


@main.command("init")
def init() -> None:
    """Same as `observe db upgrade`."""
    _upgrade(_holder().app)


@db_group.command("current")
def db_current() -> None:
    """Show the database's revision."""
    app = _holder().app
    revision = migrate.current(app)
    if revision is None:
        click.echo("No revision: the database has not been created yet (observe db upgrade).")
    elif revision == migrate.head():
        click.echo(f"{revision} (head)")
    else:
        click.echo(f"{revision} (behind {migrate.head()}: run observe db upgrade)")


@db_group.command("revision")
@click.option("-m", "--message", required=True, help="What changes, e.g. \"observations\".")
@click.option("--rev-id", help="Default: the next number and the message, 0002_observations.")
def db_revision(message: str, rev_id: str | None) -> None:
    """For developers: write a migration from the models' difference to the database.

    The database (DATABASE_URL) must be at the newest revision. Read and tidy the new
    file before committing it.
    """
    from alembic.util import CommandError

    try:
        path = migrate.revision(_holder().app, message, rev_id)
    except CommandError as exc:
        raise _fail(str(exc)) from None
    click.echo(f"Wrote {path}")


# -- demo data ------------------------------------------------------------------------

def _print_demo_logins() -> None:
    from observe import demo
    from observe.people.models import User

    accounts = demo.demo_accounts()
    present = set(db.session.scalars(
        select(User.email).where(User.email.in_([a[0] for a in accounts]))))
    if not present:
        click.echo("No demo accounts in this database.")
        return
    click.echo(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
    for email, name, role, institution in accounts:
        if email in present:
            click.echo(f"  {email:<28} {role:<9} {name} ({institution})")


@main.command("demo")
def demo_command() -> None:
    """Seed the demo institutions (does nothing when they are already there)."""
    from observe import demo

    with app_context() as app:
        _upgrade(app)
        if demo.seed_demo():
            db.session.commit()
            click.echo(f"Demo data created: {demo.DAYCARE_NAME} and {demo.SCHOOL_NAME}.")
        else:
            click.echo("Demo data already present; nothing changed.")
        _print_demo_logins()


@main.command("seed-if-empty")
def seed_if_empty() -> None:
    """Upgrade the database, seed the demo data when it has no users yet, print logins."""
    from observe import demo
    from observe.people.models import User

    with app_context() as app:
        _upgrade(app)
        users = db.session.scalar(select(func.count()).select_from(User))
        if users == 0:
            demo.seed_demo()
            db.session.commit()
            click.echo("Empty database: demo data created.")
        else:
            click.echo(f"The database has {users} account(s); no demo data added.")
        _print_demo_logins()


# -- server and search ----------------------------------------------------------------

@main.command("run")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, envvar="PORT", default=5000, show_default=True,
              help="Also read from PORT.")
def run(host: str, port: int) -> None:
    """Serve the app with Werkzeug's threaded server (seeds nothing)."""
    from werkzeug import serving

    app = _holder().app
    if migrate.current(app) != migrate.head():
        click.echo("Warning: the database is not at the newest revision; "
                   "run `observe db upgrade`.", err=True)
    serving.run_simple(host, port, app, threaded=True)


def _search_module():
    """observe.search once it exists (built by another feature), else None."""
    if importlib.util.find_spec("observe.search") is None:
        return None
    module = importlib.import_module("observe.search")
    return module if hasattr(module, "rebuild") else None


@main.command("reindex")
def reindex() -> None:
    """Rebuild the search index from the database."""
    search = _search_module()
    if search is None:
        click.echo("Search index not available yet; nothing to rebuild.")
        return
    with app_context():
        result = search.rebuild()
        db.session.commit()
    suffix = f" ({result} records)" if isinstance(result, int) else ""
    click.echo(f"Search index rebuilt{suffix}.")


# -- accounts -------------------------------------------------------------------------

def _read_password() -> tuple[str | None, bool]:
    """(password, generated?) from standard input.

    Piped: one line, optionally a second confirming line that must match; nothing
    (or a blank line) means "generate one". At a terminal: asked twice, hidden;
    pressing Enter generates one.
    """
    stdin = sys.stdin
    if stdin.isatty():
        typed = click.prompt("Password (Enter: generate one)", hide_input=True,
                             confirmation_prompt=True, default="", show_default=False)
        return (typed, False) if typed else (None, True)
    lines = stdin.read().splitlines()
    while lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return None, True
    if len(lines) > 2:
        raise _fail("Expected the password on one line, optionally confirmed on a second.")
    if len(lines) == 2 and lines[0] != lines[1]:
        raise _fail("The two password lines do not match.")
    return lines[0], False


def _institution_for(name: str | None, kind: str | None):
    from observe.people import services as people
    from observe.people.models import Institution

    if name:
        institution = people.get_or_create_institution(name.strip(), kind or "daycare")
        if kind and institution.kind != kind:
            raise _fail(f"{institution.name} already exists as a {institution.kind}.")
        return institution
    existing = list(db.session.scalars(select(Institution).order_by(Institution.name)))
    if not existing:
        return people.get_or_create_institution("Min institution", kind or "daycare")
    if len(existing) == 1:
        return existing[0]
    names = ", ".join(i.name for i in existing)
    raise _fail(f"Several institutions exist; choose one with --institution ({names}).")


@main.command("create-user")
@click.argument("email")
@click.option("--name", required=True, help="Full name, as colleagues know it.")
@click.option("--role", required=True, help="admin, leader, resource or staff.")
@click.option("--team", "teams", multiple=True, help="Team (stue, klasse); repeatable.")
@click.option("--institution", help="Created if it does not exist.")
@click.option("--kind", type=click.Choice(["daycare", "school"]),
              help="For a new institution (default daycare).")
def create_user(email, name, role, teams, institution, kind) -> None:
    """Create a staff account; the password is read from standard input.

    The account need not change its password at first login, also when the password
    was generated: the operator hands it over in person, and the colleague can change
    it under their profile. (A password an admin sets in the web app is temporary;
    this command is for the people who run the server.)
    """
    from observe.auth.passwords import generate_password
    from observe.people import services as people
    from observe.people.models import ROLES

    if role not in ROLES:
        raise _fail(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
    password, generated = _read_password()
    with app_context():
        if generated:
            password = generate_password()
        try:
            inst = _institution_for(institution, kind)
            team_ids = [people.get_or_create_team(inst.id, team).id for team in teams]
            user, _link = people.create_person(inst.id, name=name, email=email, role=role,
                                               team_ids=team_ids, password=password)
        except ValidationError as exc:
            raise _fail(_describe(exc)) from None
        user.must_change_password = False
        db.session.commit()
        team_names = ", ".join(t.name for t in user.teams) or "no team"
        click.echo(f"Created {user.email} ({user.role}) in {inst.name}; teams: {team_names}.")
    if generated:
        click.echo(f"Generated password: {password}")


@main.command("create-token")
@click.argument("email")
@click.option("--name", default="observe create-token", show_default=True,
              help="What the token is for, shown in the token list.")
def create_token(email: str, name: str) -> None:
    """Print a new personal API token for EMAIL, alone on the last line."""
    from observe.auth import services as auth

    with app_context():
        user = auth.find_user_by_email(email)
        if user is None:
            raise _fail(f"No account with the e-mail address {email.strip()}.")
        if not user.active:
            raise _fail(f"The account {user.email} is deactivated.")
        token = auth.create_api_token(user, name)
        db.session.commit()
        click.echo(f"New API token for {user.email} ({name}); it is shown only this once:")
        click.echo(token)
