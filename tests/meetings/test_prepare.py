"""Preparing a meeting: creating it, adding examples (allowed, refused, withdrawn
later), ordering, free items and the question bank."""

from __future__ import annotations

import datetime as dt

from observe.extensions import db
from observe.meetings.models import AgendaItem, Meeting
from observe.observations import services as observations
from tests.meetings.conftest import post_ok

SOON = (dt.date.today() + dt.timedelta(days=10)).isoformat() + "T14:00"


def _add(client, meeting, record, kind="observation"):
    return client.post("/meetings/add", data={
        "kind": kind, "record_id": record.id, "meeting_id": meeting.id,
        "next": f"/meetings/{meeting.id}"})


def test_create_meeting_defaults_participants_to_the_team(client, login, cast):
    login(cast.facilitator)
    response = client.post("/meetings/new", data={
        "title": "Frokost", "team_id": cast.team.id, "starts_at": SOON,
        "focus": "Hvad ser vi ved frokosten?",
        "participant_ids": [u.id for u in cast.team.members]})
    assert response.status_code == 302
    meeting = db.session.query(Meeting).one()
    assert meeting.facilitator_id == cast.facilitator.id
    assert set(meeting.participant_ids) == {u.id for u in cast.team.members}
    page = client.get(response.location).get_data(as_text=True)
    assert "Frokost" in page and "Hvad ser vi ved frokosten?" in page


def test_create_meeting_refused_shows_errors_with_422(client, login, cast):
    login(cast.facilitator)
    response = client.post("/meetings/new", data={"title": "", "team_id": cast.team.id})
    assert response.status_code == 422
    assert db.session.query(Meeting).count() == 0


def test_add_shared_example_from_its_page(client, login, cast, make_observation,
                                          make_meeting):
    meeting, obs = make_meeting(), make_observation("team")
    login(cast.teammate)
    page = client.get(f"/observations/{obs.id}").get_data(as_text=True)
    assert "Add to meeting" in page or "Tilføj til møde" in page
    response = _add(client, meeting, obs)
    assert response.status_code == 302
    item = db.session.query(AgendaItem).one()
    assert item.observation_id == obs.id and item.kind == "example"
    agenda = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Du får ordet lige efter Ida" in agenda


def test_add_shared_story(client, login, cast, make_story, make_meeting):
    meeting, story = make_meeting(), make_story("team")
    login(cast.author)
    assert _add(client, meeting, story, "story").status_code == 302
    assert "Malik byggede et tårn" in client.get(f"/meetings/{meeting.id}").get_data(
        as_text=True)


def test_private_or_not_shared_example_is_refused_with_a_reason(client, login, cast,
                                                                make_observation,
                                                                make_meeting, make_story):
    meeting = make_meeting()
    login(cast.author)
    for obs in (make_observation("private"), make_observation("observed")):
        response = _add(client, meeting, obs)
        assert response.status_code == 422
        assert "not shared with the team" in response.get_data(as_text=True) \
            or "ikke delt med teamet" in response.get_data(as_text=True)
    response = _add(client, meeting, make_story("private"), "story")
    assert response.status_code == 422
    assert db.session.query(AgendaItem).count() == 0


def test_example_invisible_to_a_participant_is_refused(client, login, cast, f,
                                                       make_story, make_meeting):
    """A story shared with another team: the adder sees it, a participant does not."""
    both = f.user(teams=[cast.team, cast.other_team], name="Bo Both")
    story = make_story("team", author=both)
    story.team_id = cast.other_team.id
    db.session.commit()
    meeting = make_meeting()
    login(both)
    response = _add(client, meeting, story, "story")
    assert response.status_code == 422
    assert "Tina Teammate" in response.get_data(as_text=True)


def test_record_the_adder_cannot_see_is_404(client, login, cast, make_observation,
                                            make_meeting):
    meeting, obs = make_meeting(), make_observation("private")
    login(cast.teammate)
    assert _add(client, meeting, obs).status_code == 404


def test_meeting_of_another_team_is_404(client, login, cast, make_observation,
                                        make_meeting):
    meeting, obs = make_meeting(), make_observation("team")
    login(cast.outsider)
    assert client.get(f"/meetings/{meeting.id}").status_code == 404
    assert _add(client, meeting, obs).status_code == 404


def test_example_narrowed_to_private_later_shows_as_withdrawn(client, login, cast,
                                                              make_observation,
                                                              make_meeting):
    meeting, obs = make_meeting(), make_observation("team")
    login(cast.teammate)
    post_ok(client, "/meetings/add", {"kind": "observation", "record_id": obs.id,
                                      "meeting_id": meeting.id})
    observations.set_visibility(obs, cast.author, "private")
    db.session.commit()
    for viewer in (cast.teammate, cast.facilitator, cast.author):
        client.post("/logout")
        login(viewer)
        for url in (f"/meetings/{meeting.id}", f"/meetings/{meeting.id}/phase/a",
                    f"/meetings/{meeting.id}/phase/b", f"/meetings/{meeting.id}/handout",
                    f"/meetings/{meeting.id}/minutes"):
            page = client.get(url).get_data(as_text=True)
            assert "Du får ordet" not in page, (viewer.name, url)
            assert "Hvordan venter vi på hinanden" not in page, (viewer.name, url)
        assert "withdrawn" in client.get(f"/meetings/{meeting.id}").get_data(
            as_text=True).lower() or "trukket tilbage" in client.get(
            f"/meetings/{meeting.id}").get_data(as_text=True)


def test_duplicate_example_is_a_conflict(client, login, cast, make_observation,
                                         make_meeting):
    meeting, obs = make_meeting(), make_observation("team")
    login(cast.teammate)
    assert _add(client, meeting, obs).status_code == 302
    assert _add(client, meeting, obs).status_code == 409
    assert db.session.query(AgendaItem).count() == 1


def test_held_meeting_is_not_offered_and_refuses_examples(client, login, cast,
                                                          make_observation, make_meeting):
    held = make_meeting(days=-7, title="Det holdte møde", phase="done")
    obs = make_observation("team")
    login(cast.teammate)
    page = client.get(f"/observations/{obs.id}").get_data(as_text=True)
    assert "Det holdte møde" not in page
    assert _add(client, held, obs).status_code in (403, 409)


def _order(meeting):
    db.session.expire_all()
    return [i.title for i in db.session.get(Meeting, meeting.id).items]


def test_ordering_with_up_down_and_whole_order(client, login, cast, make_meeting):
    meeting = make_meeting()
    login(cast.teammate)
    for title in ("Et", "To", "Tre"):
        post_ok(client, f"/meetings/{meeting.id}/items",
                {"free-title": title, "free-question": ""})
    assert _order(meeting) == ["Et", "To", "Tre"]
    items = db.session.get(Meeting, meeting.id).items
    post_ok(client, f"/meetings/{meeting.id}/items/{items[2].id}/move", {"direction": "up"})
    assert _order(meeting) == ["Et", "Tre", "To"]
    post_ok(client, f"/meetings/{meeting.id}/items/{items[0].id}/move", {"direction": "up"})
    assert _order(meeting) == ["Et", "Tre", "To"]  # already first: nothing moves
    ids = [i.id for i in db.session.get(Meeting, meeting.id).items]
    response = client.post(f"/meetings/{meeting.id}/order",
                           data={"order": ",".join(str(i) for i in reversed(ids))},
                           headers={"X-Requested-With": "fetch"})
    assert response.status_code == 204
    assert _order(meeting) == ["To", "Tre", "Et"]
    response = client.post(f"/meetings/{meeting.id}/order", data={"order": str(ids[0])})
    assert response.status_code == 422
    assert _order(meeting) == ["To", "Tre", "Et"]


def test_question_bank_defaults_and_team_questions(client, login, cast, make_meeting):
    meeting = make_meeting()
    login(cast.teammate)
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Why do we do what we do?" in page or "Hvorfor gør vi, som vi gør?" in page
    post_ok(client, f"/meetings/{meeting.id}/questions", {"bank-text": "Hvem fik ordet?"})
    assert "Hvem fik ordet?" in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert client.post(f"/meetings/{meeting.id}/questions",
                       data={"bank-text": "Hvem fik ordet?"}).status_code == 422


def test_only_the_facilitator_edits_the_meeting(client, login, cast, make_meeting):
    meeting = make_meeting()
    login(cast.teammate)
    assert client.get(f"/meetings/{meeting.id}/edit").status_code == 403
    assert client.post(f"/meetings/{meeting.id}/phase", data={"phase": "a"}).status_code == 403
    assert "/edit" not in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
