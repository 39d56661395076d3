"""Edits, visibility, membership and deletes reach search; the outbox never loses one."""

from __future__ import annotations

import time

from observe.extensions import db
from observe.observations import services as obs_services
from observe.people.models import User
from observe.search import index, writer
from observe.search.outbox import SearchOutbox
from observe.stories import services as story_services
from tests.search.conftest import observation, story


def _ids(client, q):
    return {i["id"] for i in client.get("/api/v1/search", query_string={"q": q})
            .get_json()["items"]}


def test_edit_visibility_delete_through_http(app, world, login, client):
    obs = observation(world.author, "Konflikt ved frokost om gaflerne.", [world.observed])
    colleague = app.test_client()
    login(world.same_team, c=colleague)
    assert _ids(colleague, "konflikter") == set()
    # The observed colleague shares with the team.
    login(world.observed)
    started = time.monotonic()
    response = client.post(f"/observations/{obs.id}/visibility", data={"visibility": "team"})
    assert response.status_code in (302, 303)
    assert _ids(colleague, "konflikter") == {obs.id}
    assert time.monotonic() - started < 1.0
    # The author edits the text.
    obs_services.update_observation(db.session.get(type(obs), obs.id), world.author,
                                    {"body": "Uenighed ved frokost om skeerne."})
    db.session.commit()
    assert _ids(colleague, "konflikter") == set()
    assert _ids(colleague, "skeer") == {obs.id}
    # Narrowed again by the author: gone for the team and the observed at once.
    author = app.test_client()
    login(world.author, c=author)
    response = author.post(f"/observations/{obs.id}/visibility",
                           data={"visibility": "private"})
    assert response.status_code in (302, 303)
    assert _ids(colleague, "skeer") == set()
    assert _ids(client, "skeer") == set()
    assert _ids(author, "skeer") == {obs.id}
    # Deleted.
    response = author.post(f"/observations/{obs.id}/delete", data={"confirmed": "1"})
    assert response.status_code in (302, 303)
    assert _ids(author, "skeer") == set()


def test_themes_children_and_story_changes(app, world, login, client, f):
    record = story(world.author, "Tårnet", "Sofie byggede et højt tårn.", [world.child])
    other = f.child(team=world.team_a, first_name="Malik")
    login(world.same_team)
    assert _ids(client, "Malik") == set()
    story_services.update_story(record, world.author, {"child_ids": [other.id]})
    db.session.commit()
    assert _ids(client, "Malik") == {record.id}
    body = client.get(f"/api/v1/search?child={other.id}").get_json()
    assert [i["id"] for i in body["items"]] == [record.id]
    story_services.update_story(record, world.author, {"visibility": "private"})
    db.session.commit()
    assert _ids(client, "tårn") == set()
    story_services.update_story(record, world.author, {"visibility": "team"})
    db.session.commit()
    # A child's new name is searchable in the stories that name them.
    other.first_name = "Mikkel"
    db.session.commit()
    assert _ids(client, "Mikkel") == {record.id}
    story_services.delete_story(record, world.author)
    db.session.commit()
    assert _ids(client, "tårn") == set()


def test_membership_change_needs_no_reindex(app, world, login, client):
    obs = observation(world.author, "Overgang fra leg til samling.", [world.observed],
                      visibility="team")
    login(world.other_team)
    assert _ids(client, "overgang") == set()
    user = db.session.get(User, world.other_team.id)
    user.teams = [world.team_a, world.team_b]
    db.session.commit()
    assert db.session.query(SearchOutbox).count() == 0
    assert _ids(client, "overgang") == {obs.id}
    user.teams = [world.team_b]
    db.session.commit()
    assert _ids(client, "overgang") == set()


def test_failed_index_write_stays_in_outbox_and_is_retried(app, world, login, client,
                                                           monkeypatch):
    app.config["SEARCH_RETRY_PAUSED"] = True  # the test drives the retry itself
    observation(world.author, "Den første, så indekset findes.", [world.observed])
    real = writer.write_documents
    calls = []

    def broken(ix, ops):
        calls.append(ops)
        raise OSError("disk full (injected)")

    monkeypatch.setattr(writer, "write_documents", broken)
    obs = observation(world.author, "Garderoben og flyverdragterne.", [world.observed])
    assert calls, "the write was attempted"
    row = db.session.query(SearchOutbox).one()
    assert (row.kind, row.record_id, row.attempts) == ("observation", obs.id, 1)
    assert "disk full" in row.last_error
    login(world.author)
    assert _ids(client, "flyverdragter") == set()
    monkeypatch.setattr(writer, "write_documents", real)
    assert writer.drain(app) == 0
    db.session.expire_all()
    assert db.session.query(SearchOutbox).count() == 0
    assert _ids(client, "flyverdragter") == {obs.id}


def test_background_retry_applies_leftovers(app, world, login, client, monkeypatch):
    real = writer.write_documents
    failures = []

    def flaky(ix, ops):
        if not failures:
            failures.append(1)
            raise OSError("injected once")
        return real(ix, ops)

    observation(world.author, "Den første, så indekset findes.", [world.observed])
    monkeypatch.setattr(writer, "write_documents", flaky)
    obs = observation(world.author, "Udeliv i regnvejr.", [world.observed])
    writer.wait_idle(app, timeout=5)
    login(world.author)
    assert _ids(client, "regnvejr") == {obs.id}
    assert db.session.query(SearchOutbox).count() == 0


def test_rolled_back_record_is_never_indexed(app, world, login, client):
    obs_services.create_observation(world.author, {"body": "Rollback-ordet zebra.",
                                                   "observed_ids": [world.observed.id]})
    db.session.rollback()
    login(world.author)
    assert _ids(client, "zebra") == set()
    assert db.session.query(SearchOutbox).count() == 0


def test_outdated_or_corrupt_index_rebuilds_in_background(app, world, login, client):
    obs = observation(world.author, "Bålet i skoven.", [world.observed])
    login(world.author)
    assert _ids(client, "bål") == {obs.id}
    index.close_searchers(app)
    link = index.link_path(app, world.inst.id)
    (link.resolve() / index.VERSION_FILE).write_text("0\n")
    body = client.get("/api/v1/search?q=bål").get_json()
    assert body["catching_up"] is True and body["total"] == 0
    writer.wait_idle(app)
    assert _ids(client, "bål") == {obs.id}
    # Corrupt: the table of contents is garbage.
    index.close_searchers(app)
    for toc in link.resolve().glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    assert client.get("/api/v1/search?q=bål").get_json()["catching_up"] is True
    writer.wait_idle(app)
    assert _ids(client, "bål") == {obs.id}


def test_missing_index_is_rebuilt(app, world, login, client):
    import shutil

    obs = observation(world.author, "Maden i madpakken.", [world.observed])
    link = index.link_path(app, world.inst.id)
    shutil.rmtree(link.resolve())
    link.unlink()
    login(world.author)
    body = client.get("/api/v1/search?q=madpakke").get_json()
    assert body["catching_up"] is True
    writer.wait_idle(app)
    assert _ids(client, "madpakke") == {obs.id}


def test_reindex_command_rebuilds(app, world):
    from click.testing import CliRunner

    from observe.cli import AppHolder, main

    observation(world.author, "Sanglegen i rundkredsen.", [world.observed])
    holder = AppHolder()
    holder._app = app
    result = CliRunner().invoke(main, ["reindex"], obj=holder)
    assert result.exit_code == 0, result.output
    assert "rebuilt" in result.output


def test_parallel_rebuild_finds_everything(app, world, monkeypatch):
    """A big institution is rebuilt by several processes into several segments."""
    from observe import search

    monkeypatch.setattr(writer, "PARALLEL_BUILD", 0)
    monkeypatch.setattr(writer, "BUILD_PROCS", 2)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    for i in range(6):
        observation(world.author, f"Leg med klodser nummer {i} på stuen.", [world.observed])
    story(world.author, "Tårnet", "Vi byggede et tårn af klodser.", [world.child])
    assert writer._build_options(app, world.inst.id)["procs"] == 2
    assert search.rebuild(world.inst.id) == 7
    assert search.search(world.author, "klodser").total == 7
    assert search.search(world.observed, "legede").total == 6


def test_outdated_indexes_rebuild_one_at_a_time(app, world, f, login, client, monkeypatch):
    """After a schema change every institution rebuilds at start; the builds queue
    for one build slot instead of all running at once, and each is found after."""
    import threading

    other = f.institution("Skovbrynet")
    other_team = f.team("Egern", institution=other)
    colleague = f.user(teams=[other_team], institution=other)
    peer = f.user(teams=[other_team], institution=other)
    mine = observation(world.author, "Regnormene i mudderet.", [world.observed])
    theirs = observation(colleague, "Regnormene i bedet.", [peer])
    index.close_searchers(app)
    for inst in (world.inst.id, other.id):
        (index.link_path(app, inst).resolve() / index.VERSION_FILE).write_text("0\n")
    running, most = [], []
    real_build = writer.build_institution
    guard = threading.Lock()

    def build(app_, institution_id):
        with guard:
            running.append(institution_id)
            most.append(len(running))
        time.sleep(0.2)  # long enough for the other build to overlap if it could
        try:
            return real_build(app_, institution_id)
        finally:
            with guard:
                running.remove(institution_id)

    monkeypatch.setattr(writer, "build_institution", build)
    writer.start_rebuild(app, world.inst.id)
    writer.start_rebuild(app, other.id)
    writer.wait_idle(app)
    assert most and max(most) == 1
    login(world.author)
    assert _ids(client, "regnorm") == {mine.id}
    assert _ids(login(colleague, c=app.test_client()), "regnorm") == {theirs.id}
