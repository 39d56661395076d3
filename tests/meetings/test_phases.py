"""Running a meeting: phase A privacy before and after the reveal, phase B notes,
phase C development points (with the gentle warning), follow-up across meetings."""

from __future__ import annotations

import pytest

from observe.extensions import db
from observe.meetings import services
from observe.meetings.models import DevelopmentPoint, FollowUp, Meeting, Reflection
from tests.meetings.conftest import post_ok

SECRETS = {"author": "Anne tænker på ventetiden", "observed": "Ole undrer sig over Malik",
           "facilitator": "Mette ser roen"}


@pytest.fixture
def meeting_with_reflections(client, login, cast, make_meeting, make_observation):
    meeting = make_meeting(phase="a")
    item = services.add_example(meeting, cast.facilitator, make_observation("team"))
    db.session.commit()
    for role, text in SECRETS.items():
        client.post("/logout")
        login(getattr(cast, role))
        post_ok(client, f"/meetings/{meeting.id}/items/{item.id}/reflection", {"text": text})
    client.post("/logout")
    return meeting, item


def _page(client, login, user, meeting):
    client.post("/logout")
    login(user)
    return client.get(f"/meetings/{meeting.id}/phase/a")


@pytest.mark.parametrize("role", ["author", "observed", "facilitator", "leader", "teammate"])
def test_before_the_reveal_each_sees_only_their_own(client, login, cast, role,
                                                    meeting_with_reflections):
    meeting, _item = meeting_with_reflections
    page = _page(client, login, getattr(cast, role), meeting).get_data(as_text=True)
    for writer, text in SECRETS.items():
        assert (text in page) == (writer == role), (role, writer)


@pytest.mark.parametrize("role", ["admin", "outsider"])
def test_non_members_get_404_before_and_after(client, login, cast, role,
                                              meeting_with_reflections):
    meeting, _item = meeting_with_reflections
    assert _page(client, login, getattr(cast, role), meeting).status_code == 404
    services.reveal_reflections(meeting, cast.facilitator)
    db.session.commit()
    assert client.get(f"/meetings/{meeting.id}/phase/a").status_code == 404


def test_only_the_facilitator_reveals(client, login, cast, meeting_with_reflections):
    meeting, _item = meeting_with_reflections
    login(cast.teammate)
    assert client.post(f"/meetings/{meeting.id}/reveal").status_code == 403
    assert db.session.get(Meeting, meeting.id).reflections_revealed_at is None


@pytest.mark.parametrize("anonymous", [False, True])
def test_after_the_reveal_the_team_sees_all(client, login, cast, anonymous,
                                            meeting_with_reflections):
    meeting, item = meeting_with_reflections
    meeting.anonymous_reveal = anonymous
    db.session.commit()
    login(cast.facilitator)
    post_ok(client, f"/meetings/{meeting.id}/reveal")
    for role in ("teammate", "leader", "author"):
        page = _page(client, login, getattr(cast, role), meeting).get_data(as_text=True)
        assert all(text in page for text in SECRETS.values())
        assert ("— Anne Author" in page) is not anonymous
    # After the reveal nobody rewrites their reflection.
    response = client.post(f"/meetings/{meeting.id}/items/{item.id}/reflection",
                           data={"text": "ændret"})
    assert response.status_code == 403
    assert client.post(f"/meetings/{meeting.id}/reveal").status_code in (403, 409)


def test_a_non_participant_member_cannot_write_a_reflection(client, login, cast, f,
                                                            make_meeting):
    meeting = make_meeting(phase="a")
    late = f.user(teams=[cast.team], name="Nanna Ny")  # joined after the meeting was made
    item = services.add_free_item(meeting, cast.facilitator, {"title": "Frokost"})
    db.session.commit()
    login(late)
    assert client.post(f"/meetings/{meeting.id}/items/{item.id}/reflection",
                       data={"text": "hej"}).status_code == 403
    assert db.session.query(Reflection).count() == 0


def test_notes_are_saved_in_phase_b_by_fetch_and_by_form(client, login, cast,
                                                         make_meeting):
    meeting = make_meeting(phase="a")
    item = services.add_free_item(meeting, cast.facilitator, {"title": "Garderoben"})
    db.session.commit()
    login(cast.teammate)
    url = f"/meetings/{meeting.id}/items/{item.id}/notes"
    assert client.post(url, data={"notes": "for tidligt"}).status_code == 409
    meeting.phase = "b"
    db.session.commit()
    response = client.post(url, data={"notes": "Vi talte om ventetid."},
                           headers={"X-Requested-With": "fetch"})
    assert response.status_code == 200 and response.is_json
    post_ok(client, url, {"notes": "Vi talte om ventetid. Og om Malik."})
    page = client.get(f"/meetings/{meeting.id}/phase/b").get_data(as_text=True)
    assert "Og om Malik." in page
    assert "Og om Malik." in client.get(f"/meetings/{meeting.id}/minutes").get_data(
        as_text=True)


def _point(client, meeting, title):
    return client.post(f"/meetings/{meeting.id}/points", data={
        "title": title, "plan": "Vi noterer, hvad børnene selv prøver.", "owner_id": 0,
        "follow_up_on": ""}, follow_redirects=True)


def test_more_than_three_points_warns_but_saves(client, login, cast, make_meeting):
    meeting = make_meeting(phase="c")
    login(cast.teammate)
    for n in range(3):
        page = _point(client, meeting, f"Punkt {n}").get_data(as_text=True)
        assert "more than three" not in page and "mere end tre" not in page
    response = _point(client, meeting, "Punkt 4")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "more than three" in page or "mere end tre" in page
    assert db.session.query(DevelopmentPoint).count() == 4


def test_points_only_in_phase_c(client, login, cast, make_meeting):
    meeting = make_meeting(phase="b")
    login(cast.teammate)
    assert _point(client, meeting, "For tidligt").status_code == 409
    assert db.session.query(DevelopmentPoint).count() == 0


def test_follow_up_across_two_meetings(client, login, cast, make_meeting):
    first = make_meeting(days=-14, title="Første møde", phase="c")
    second = make_meeting(days=7, title="Andet møde")
    login(cast.teammate)
    post_ok(client, f"/meetings/{first.id}/points", {
        "title": "Vi venter fem sekunder", "plan": "Ved påklædning.",
        "owner_id": cast.teammate.id, "follow_up_on": "2030-01-01"})
    point = db.session.query(DevelopmentPoint).one()
    client.post("/logout")
    login(cast.facilitator)
    post_ok(client, f"/meetings/{first.id}/phase", {"phase": "done"})
    # Open on the team's page and at the top of the next meeting's agenda.
    team_page = client.get(f"/meetings/team/{cast.team.id}").get_data(as_text=True)
    assert "Vi venter fem sekunder" in team_page
    agenda = client.get(f"/meetings/{second.id}").get_data(as_text=True)
    assert "Vi venter fem sekunder" in agenda and f"/follow-ups/{point.id}" in agenda
    # A point cannot be followed up in its own meeting.
    assert client.post(f"/meetings/{first.id}/follow-ups/{point.id}",
                       data={"decision": "done"}).status_code == 409
    assert client.post(f"/meetings/{second.id}/follow-ups/{point.id}",
                       data={"decision": "maybe"}).status_code == 422
    post_ok(client, f"/meetings/{second.id}/follow-ups/{point.id}",
            {"decision": "continued", "note": "Det virker, vi fortsætter."})
    db.session.expire_all()
    assert db.session.get(DevelopmentPoint, point.id).status == "continued"
    third = make_meeting(days=30, title="Tredje møde")
    post_ok(client, f"/meetings/{third.id}/follow-ups/{point.id}",
            {"decision": "done", "note": "Nu gør vi det altid."})
    db.session.expire_all()
    assert db.session.get(DevelopmentPoint, point.id).status == "done"
    assert db.session.query(FollowUp).count() == 2
    team_page = client.get(f"/meetings/team/{cast.team.id}").get_data(as_text=True)
    assert "Vi venter fem sekunder" not in team_page
    # The trail: the third meeting shows the decision made in it, with earlier notes.
    agenda = client.get(f"/meetings/{third.id}").get_data(as_text=True)
    assert "Det virker, vi fortsætter." in agenda and "Nu gør vi det altid." in agenda
    fourth = make_meeting(days=60, title="Fjerde møde")
    agenda = client.get(f"/meetings/{fourth.id}").get_data(as_text=True)
    assert f"/follow-ups/{point.id}" not in agenda  # done: no longer to follow up
    assert "Vi venter fem sekunder" in agenda  # but still in the trail


def test_team_page_is_for_members(client, login, cast):
    login(cast.admin)
    assert client.get(f"/meetings/team/{cast.team.id}").status_code == 404


def test_two_note_takers_never_overwrite_each_other_unseen(app, client, login, cast,
                                                           make_meeting):
    """Both open phase B (version 0). Tina saves first; Ole's save, started from the
    old version, writes nothing: he sees Tina's text and keeps his own, then saves the
    combined text on top of hers."""
    meeting = make_meeting(phase="b")
    item = services.add_free_item(meeting, cast.facilitator, {"title": "Frokosten"})
    db.session.commit()
    url = f"/meetings/{meeting.id}/items/{item.id}/notes"
    tina = login(cast.teammate)
    ole = login(cast.observed, c=app.test_client())
    page = ole.get(f"/meetings/{meeting.id}/phase/b").get_data(as_text=True)
    assert 'name="version" value="0"' in page
    first = tina.post(url, data={"notes": "Tina: vi venter for længe.", "version": "0"},
                      headers={"X-Requested-With": "fetch"})
    assert first.status_code == 200 and first.get_json()["version"] == 1
    # Ole's autosave (fetch) from version 0: refused, with Tina's text and the version.
    clash = ole.post(url, data={"notes": "Ole: Malik hjalp.", "version": "0"},
                     headers={"X-Requested-With": "fetch"})
    assert clash.status_code == 409
    body = clash.get_json()
    assert body["notes"] == "Tina: vi venter for længe." and body["version"] == 1
    db.session.expire_all()
    assert db.session.get(type(item), item.id).notes == "Tina: vi venter for længe."
    # The same without JavaScript: the page shows both texts; his stays in the box.
    page = ole.post(url, data={"notes": "Ole: Malik hjalp.", "version": "0"})
    html = page.get_data(as_text=True)
    assert page.status_code == 409
    assert "Tina: vi venter for længe." in html
    assert ">Ole: Malik hjalp.</textarea>" in html
    assert 'name="version" value="1"' in html
    combined = "Tina: vi venter for længe.\nOle: Malik hjalp."
    assert ole.post(url, data={"notes": combined, "version": "1"}).status_code == 302
    db.session.expire_all()
    saved = db.session.get(type(item), item.id)
    assert saved.notes == combined and saved.notes_version == 2


def test_api_notes_version_guards_against_overwriting(app, client, cast, make_meeting,
                                                      bearer):
    meeting = make_meeting(phase="b")
    item = services.add_free_item(meeting, cast.facilitator, {"title": "Garderoben"})
    db.session.commit()
    url = f"/api/v1/meetings/{meeting.id}/items/{item.id}"
    headers = bearer(cast.teammate)
    first = client.patch(url, json={"notes": "Første udgave.", "notes_version": 0},
                         headers=headers)
    assert first.status_code == 200 and first.get_json()["notes_version"] == 1
    stale = client.patch(url, json={"notes": "Gammel base.", "notes_version": 0},
                         headers=headers)
    assert stale.status_code == 409
    items = client.get(f"/api/v1/meetings/{meeting.id}", headers=headers).get_json()["items"]
    assert [(i["notes"], i["notes_version"]) for i in items] == [("Første udgave.", 1)]
    # Without notes_version the notes are simply written (older clients).
    assert client.patch(url, json={"notes": "Overskrevet."},
                        headers=headers).get_json()["notes"] == "Overskrevet."
