"""The observe command, run as an operator would (SQLite; the CLI is not dialect-bound)."""

from __future__ import annotations

import types

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, inspect, select

from observe import cli, demo, migrate
from observe.auth import services as auth
from observe.extensions import db
from observe.people.models import Child, Institution, Team, User

PASSWORD = "sommerfugl-i-sandkassen"


@pytest.fixture
def holder(tmp_path):
    holder = cli.AppHolder({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        "INDEX_FOLDER": str(tmp_path / "index"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'cli.db'}",
        "WTF_CSRF_ENABLED": False,
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_KIB": 1024,
    })
    yield holder
    holder.close()


@pytest.fixture
def observe(holder):
    """``observe("create-user", ..., input=...)`` runs the command against the test app."""
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(cli.main, list(args), obj=holder, input=input,
                             catch_exceptions=False)

    return run


@pytest.fixture
def migrated(observe):
    result = observe("db", "upgrade")
    assert result.exit_code == 0, result.output
    return observe


def count(holder, model, *where):
    with holder.app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def logs_in(holder, email, password) -> bool:
    response = holder.app.test_client().post(
        "/login", data={"email": email, "password": password})
    return response.status_code == 302


# -- database ---------------------------------------------------------------------------

def test_db_upgrade_from_the_environment(tmp_path, monkeypatch):
    """The console script reads its settings from the environment, like create_app."""
    database = tmp_path / "env.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    monkeypatch.setenv("SECRET_KEY", "env-secret")
    monkeypatch.setenv("OBSERVE_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("OBSERVE_UPLOADS", str(tmp_path / "uploads"))
    monkeypatch.setenv("OBSERVE_INDEX", str(tmp_path / "index"))
    runner = CliRunner()

    before = runner.invoke(cli.main, ["db", "current"])
    assert before.exit_code == 0 and "No revision" in before.output
    result = runner.invoke(cli.main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    head = migrate.head()
    assert head and f"empty -> {head}" in result.output

    engine = create_engine(f"sqlite:///{database}")
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {"institutions", "teams", "users", "children", "themes", "alembic_version"} <= tables

    again = runner.invoke(cli.main, ["init"])
    assert again.exit_code == 0 and "up to date" in again.output
    current = runner.invoke(cli.main, ["db", "current"])
    assert current.output.strip() == f"{head} (head)"


def test_upgrade_refuses_a_database_made_without_migrations(observe, holder):
    with holder.app.app_context():
        db.create_all()
    result = observe("db", "upgrade")
    assert result.exit_code == 1
    assert "no migration history" in result.stderr


# -- create-user ------------------------------------------------------------------------

def test_create_user_with_confirmed_password_can_log_in(migrated, holder):
    result = migrated("create-user", "Mette@Example.dk", "--name", "Mette Jensen",
                      "--role", "staff", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Generated" not in result.output
    with holder.app.app_context():
        user = auth.find_user_by_email("mette@example.dk")
        assert user.name == "Mette Jensen" and user.role == "staff"
        assert not user.must_change_password
        assert user.institution.name == "Min institution"  # the first, on an empty database
    assert logs_in(holder, "mette@example.dk", PASSWORD)


def test_create_user_with_one_password_line(migrated, holder):
    result = migrated("create-user", "ole@example.dk", "--name", "Ole", "--role", "leader",
                      input=f"{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert logs_in(holder, "ole@example.dk", PASSWORD)


def test_mismatching_password_lines_create_nothing(migrated, holder):
    result = migrated("create-user", "mette@example.dk", "--name", "Mette", "--role", "staff",
                      "--institution", "Børnehuset Humlebien", "--team", "Solsikken",
                      input=f"{PASSWORD}\n{PASSWORD}x\n")
    assert result.exit_code == 1
    assert "do not match" in result.stderr
    assert count(holder, User) == 0
    assert count(holder, Institution) == 0


def test_empty_stdin_generates_a_password(migrated, holder):
    result = migrated("create-user", "pia@example.dk", "--name", "Pia", "--role", "admin",
                      input="")
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("Generated password: ")
    password = last.removeprefix("Generated password: ")
    assert len(password) >= 10
    assert logs_in(holder, "pia@example.dk", password)
    with holder.app.app_context():
        assert not auth.find_user_by_email("pia@example.dk").must_change_password


def test_institution_and_teams_are_created_or_reused(migrated, holder):
    first = migrated("create-user", "a@example.dk", "--name", "A", "--role", "staff",
                     "--institution", "Skovbrynet Skole", "--kind", "school",
                     "--team", "2.a", "--team", "5.b", input=f"{PASSWORD}\n")
    assert first.exit_code == 0, first.output
    second = migrated("create-user", "b@example.dk", "--name", "B", "--role", "staff",
                      "--team", "2.A", input=f"{PASSWORD}\n")  # the only institution
    assert second.exit_code == 0, second.output
    with holder.app.app_context():
        school = db.session.scalar(select(Institution))
        assert school.name == "Skovbrynet Skole" and school.is_school
        assert sorted(t.name for t in school.teams) == ["2.a", "5.b"]
        b = auth.find_user_by_email("b@example.dk")
        assert b.institution_id == school.id and [t.name for t in b.teams] == ["2.a"]
        assert {t.name for t in db.session.scalars(select(Team))} == {"2.a", "5.b"}


def test_several_institutions_need_a_choice(migrated, holder):
    for email, inst in (("a@example.dk", "Børnehuset Humlebien"),
                        ("b@example.dk", "Børnehuset Mælkebøtten")):
        result = migrated("create-user", email, "--name", "X", "--role", "staff",
                          "--institution", inst, input=f"{PASSWORD}\n")
        assert result.exit_code == 0, result.output
    result = migrated("create-user", "c@example.dk", "--name", "C", "--role", "staff",
                      input=f"{PASSWORD}\n")
    assert result.exit_code == 1
    assert "--institution" in result.stderr
    assert count(holder, User) == 2


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (["ikke-en-adresse", "--role", "staff"], PASSWORD, "e-mail"),
    (["ny@example.dk", "--role", "boss"], PASSWORD, "Unknown role"),
    (["taken@example.dk", "--role", "staff"], PASSWORD, "already uses"),
    (["ny@example.dk", "--role", "staff"], "kort", "at least 10"),
])
def test_invalid_input_exits_1_and_creates_nothing(migrated, holder, args, stdin, message):
    setup = migrated("create-user", "taken@example.dk", "--name", "T", "--role", "admin",
                     "--institution", "Børnehuset Humlebien", input=f"{PASSWORD}\n")
    assert setup.exit_code == 0, setup.output
    result = migrated("create-user", *args, "--name", "Ny", "--institution", "Ny institution",
                      "--team", "Ny stue", input=f"{stdin}\n")
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stdout == ""
    assert count(holder, User) == 1
    assert count(holder, Institution) == 1
    assert count(holder, Team) == 0


# -- create-token -----------------------------------------------------------------------

def test_create_token_prints_a_working_token_last(migrated, holder):
    migrated("create-user", "mette@example.dk", "--name", "Mette", "--role", "staff",
             input=f"{PASSWORD}\n")
    result = migrated("create-token", "METTE@example.dk", "--name", "iPad på Solsikken")
    assert result.exit_code == 0, result.output
    token = result.stdout.splitlines()[-1]
    assert token.startswith("obs_") and " " not in token
    with holder.app.app_context():
        user = auth.user_for_token(token)
        assert user is not None and user.email == "mette@example.dk"
        assert [t.name for t in auth.user_tokens(user)] == ["iPad på Solsikken"]


def test_create_token_for_unknown_email_fails(migrated):
    result = migrated("create-token", "ingen@example.dk")
    assert result.exit_code == 1
    assert "No account" in result.stderr
    assert result.stdout == ""


# -- demo and seed-if-empty -------------------------------------------------------------

def _counts(holder):
    return [count(holder, model) for model in (Institution, Team, User, Child)]


def test_demo_twice_changes_nothing(observe, holder):
    first = observe("demo")
    assert first.exit_code == 0, first.output
    assert "Demo data created" in first.output
    after_first = _counts(holder)
    second = observe("demo")
    assert second.exit_code == 0, second.output
    assert "already present; nothing changed" in second.output
    assert _counts(holder) == after_first
    assert count(holder, User) >= 12 and count(holder, Child) >= 40
    assert logs_in(holder, "anne@maelkeboetten.dk", demo.DEMO_PASSWORD)


def test_seed_if_empty_seeds_an_empty_database_and_prints_logins(observe, holder):
    result = observe("seed-if-empty")
    assert result.exit_code == 0, result.output
    assert demo.DEMO_PASSWORD in result.output
    assert "anne@maelkeboetten.dk" in result.output
    assert "lars@maelkeboetten.dk" in result.output
    assert count(holder, User) == len(demo.demo_accounts())


def test_seed_if_empty_leaves_a_database_with_users_alone(migrated, holder):
    migrated("create-user", "pia@example.dk", "--name", "Pia", "--role", "admin",
             input=f"{PASSWORD}\n")
    result = migrated("seed-if-empty")
    assert result.exit_code == 0, result.output
    assert "no demo data added" in result.output
    assert count(holder, User) == 1


# -- run and reindex --------------------------------------------------------------------

def test_run_serves_threaded_on_port_from_environment(migrated, holder, monkeypatch):
    calls = []
    monkeypatch.setattr("werkzeug.serving.run_simple",
                        lambda *args, **kwargs: calls.append((args, kwargs)))
    monkeypatch.setenv("PORT", "5123")
    result = migrated("run")
    assert result.exit_code == 0, result.output
    (host, port, app), kwargs = calls[0]
    assert (host, port, app, kwargs) == ("127.0.0.1", 5123, holder.app, {"threaded": True})

    assert migrated("run", "--host", "192.168.1.20", "--port", "8000").exit_code == 0
    assert calls[1][0][:2] == ("192.168.1.20", 8000)
    assert count(holder, User) == 0  # serving seeds nothing


def test_reindex_without_search_says_so(observe, monkeypatch):
    monkeypatch.setattr(cli, "_search_module", lambda: None)
    result = observe("reindex")
    assert result.exit_code == 0
    assert "not available yet" in result.output


def test_reindex_calls_rebuild(migrated, monkeypatch):
    rebuilt = []
    fake = types.SimpleNamespace(rebuild=lambda: rebuilt.append(True) or 7)
    monkeypatch.setattr(cli, "_search_module", lambda: fake)
    result = migrated("reindex")
    assert result.exit_code == 0, result.output
    assert rebuilt == [True]
    assert "rebuilt (7 records)" in result.output


def test_db_revision_needs_a_database_at_head(observe):
    result = observe("db", "revision", "-m", "observations")
    assert result.exit_code == 1
    assert "not up to date" in result.stderr
