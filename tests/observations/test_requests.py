""""Kom og kig med": the state machine through the API (409 and no change for any
impossible transition), the whole flow through the pages, overdue, .ics, the inbox."""

from __future__ import annotations

import datetime as dt

import pytest

from observe.db import utcnow
from observe.extensions import db
from observe.observations.models import Observation, ObservationRequest
from observe.observations.request_services import TRANSITIONS


def _status(req_id):
    db.session.expire_all()
    return db.session.get(ObservationRequest, req_id).status


def _post(client, headers, req, action, **body):
    return client.post(f"/api/v1/requests/{req.id}/{action}", json=body or None,
                       headers=headers)


def test_state_machine_is_one_explicit_table():
    assert TRANSITIONS["open"] == {"accept": "accepted", "decline": "declined",
                                   "cancel": "cancelled"}
    assert TRANSITIONS["cancelled"] == {} and TRANSITIONS["declined"] == {}


def test_create_request_through_api(client, bearer, cast):
    start = utcnow() + dt.timedelta(days=2)
    response = client.post("/api/v1/requests", headers=bearer(cast.observed), json={
        "invitee_ids": [cast.author.id], "focus": "Hvordan afslutter jeg samlingen?",
        "situation": "samling", "window_start": start.isoformat(),
        "window_end": (start + dt.timedelta(hours=1)).isoformat()})
    assert response.status_code == 201, response.data
    body = response.get_json()
    assert body["status"] == "open" and body["invitee_ids"] == [cast.author.id]
    assert body["team_id"] == cast.team.id  # the requester's first team


def test_create_request_validation(client, bearer, cast):
    start = utcnow() - dt.timedelta(days=2)
    response = client.post("/api/v1/requests", headers=bearer(cast.observed), json={
        "invitee_ids": [cast.observed.id, cast.stranger.id], "focus": "",
        "window_start": start.isoformat(), "window_end": start.isoformat()})
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert {"invitee_ids", "focus", "window_end"} <= set(fields)
    assert db.session.query(ObservationRequest).count() == 0


@pytest.mark.parametrize("action", ["accept", "decline"])
def test_only_an_invitee_answers(client, bearer, cast, make_request, action):
    req = make_request()
    assert _post(client, bearer(cast.observed), req, action).status_code == 403
    assert _post(client, bearer(cast.teammate), req, action).status_code == 404
    assert _post(client, bearer(cast.stranger), req, action).status_code == 404
    assert _status(req.id) == "open"


def test_accept_then_impossible_transitions(client, bearer, cast, make_request):
    req = make_request()
    invitee = bearer(cast.author)
    response = _post(client, invitee, req, "accept", message="Jeg kommer kl. 9")
    assert response.status_code == 200
    assert response.get_json()["status"] == "accepted"
    assert response.get_json()["invitations"][0]["message"] == "Jeg kommer kl. 9"
    for action in ("accept", "decline"):
        response = _post(client, invitee, req, action)
        assert response.status_code == 409
        assert response.get_json()["error"]["code"] == "conflict"
        assert _status(req.id) == "accepted"
    assert _post(client, invitee, req, "cancel").status_code == 403  # not the requester
    assert _status(req.id) == "accepted"


def test_cancel_and_nothing_after(client, bearer, cast, make_request):
    req = make_request()
    assert _post(client, bearer(cast.observed), req, "cancel").get_json()[
        "status"] == "cancelled"
    for headers, action in ((bearer(cast.author), "accept"), (bearer(cast.author), "decline"),
                            (bearer(cast.observed), "cancel")):
        assert _post(client, headers, req, action).status_code == 409
    assert _status(req.id) == "cancelled"


def test_declined_when_every_invitee_declines(client, bearer, cast, make_request):
    req = make_request(invitees=[cast.author, cast.teammate])
    assert _post(client, bearer(cast.author), req, "decline",
                 message="Jeg har tur").get_json()["status"] == "open"
    assert _post(client, bearer(cast.author), req, "decline").status_code == 409
    assert _post(client, bearer(cast.teammate), req, "decline").get_json()[
        "status"] == "declined"
    assert _post(client, bearer(cast.author), req, "accept").status_code == 409
    assert _status(req.id) == "declined"


def test_observation_from_request_completes_it(client, bearer, cast, make_request):
    req = make_request()
    invitee = bearer(cast.author)
    body = {"request_id": req.id, "body": "Hun spurgte Ida først."}
    # Not accepted yet: 409 and nothing written.
    assert client.post("/api/v1/observations", json=body, headers=invitee).status_code == 409
    assert db.session.query(Observation).count() == 0
    _post(client, invitee, req, "accept")
    response = client.post("/api/v1/observations", json=body, headers=invitee)
    assert response.status_code == 201, response.data
    obs = response.get_json()
    assert obs["request_id"] == req.id and obs["observed_ids"] == [cast.observed.id]
    assert obs["focus"] == req.focus and obs["situation"] == "samling"
    assert obs["visibility"] == "observed"
    got = client.get(f"/api/v1/requests/{req.id}", headers=invitee).get_json()
    assert got["status"] == "done" and got["observation_ids"] == [obs["id"]]
    assert _post(client, bearer(cast.observed), req, "cancel").status_code == 409
    assert _status(req.id) == "done"


def test_requests_are_visible_to_requester_and_invitees_only(client, bearer, cast,
                                                             make_request):
    req = make_request()
    for user, status in ((cast.observed, 200), (cast.author, 200), (cast.teammate, 404),
                         (cast.leader, 404), (cast.admin, 404), (cast.stranger, 404)):
        assert client.get(f"/api/v1/requests/{req.id}",
                          headers=bearer(user)).status_code == status
    assert client.get("/api/v1/requests", headers=bearer(cast.admin)).get_json()["total"] == 0


def test_full_flow_through_the_pages(client, login, cast, make_request):
    req = make_request()
    login(cast.author)
    home = client.get("/").get_data(as_text=True)
    assert 'class="nav-count"' in home and ">1</span>" in home
    inbox = client.get("/requests/").get_data(as_text=True)
    assert req.focus in inbox
    assert client.post(f"/requests/{req.id}/accept",
                       data={"message": "Jeg kommer"}).status_code == 302
    assert _status(req.id) == "accepted"
    # Accepting twice: flashed, nothing changes.
    response = client.post(f"/requests/{req.id}/accept", data={}, follow_redirects=True)
    assert response.status_code == 200 and _status(req.id) == "accepted"
    form = client.get(f"/observations/new?request={req.id}").get_data(as_text=True)
    assert req.focus in form.split('class="obs-form"')[0]  # the focus is shown at the top
    assert '<option selected value="samling">' in form
    response = client.post("/observations/new", data={
        "request_id": req.id, "observed_ids": [cast.observed.id], "team_id": cast.team.id,
        "occurred_at": "2024-05-01T09:30", "situation_choice": "samling",
        "body": "Hun ventede, til alle sad ned.", "visibility": "observed"})
    assert response.status_code == 302, response.data[-800:]
    assert _status(req.id) == "done"
    obs = db.session.query(Observation).one()
    assert obs.request_id == req.id and obs.focus == req.focus
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'data-draft-saved="observation:request:' in page


def test_cancel_through_page_and_refusal(client, login, cast, make_request):
    req = make_request()
    login(cast.author)
    assert client.post(f"/requests/{req.id}/cancel").status_code == 403
    client.post("/logout")
    login(cast.observed)
    assert client.post(f"/requests/{req.id}/cancel").status_code == 302
    assert _status(req.id) == "cancelled"
    page = client.get(f"/requests/{req.id}").get_data(as_text=True)
    assert f"/requests/{req.id}/cancel" not in page


def test_overdue_is_shown_to_the_invitee(client, login, bearer, cast, make_request):
    past = make_request(start_in=-dt.timedelta(days=3))
    client.post(f"/api/v1/requests/{past.id}/accept", headers=bearer(cast.author))
    login(cast.author)
    inbox = client.get("/requests/").get_data(as_text=True)
    assert "is-overdue" in inbox
    assert client.get(f"/api/v1/requests/{past.id}",
                      headers=bearer(cast.author)).get_json()["overdue"] is True


def test_ics_for_accepted_request(client, login, bearer, cast, make_request):
    req = make_request(focus="Hvordan, når; børnene\\ venter?\nOg så?")
    login(cast.author)
    assert client.get(f"/requests/{req.id}/calendar.ics").status_code == 302  # not accepted
    client.post(f"/requests/{req.id}/accept")
    response = client.get(f"/requests/{req.id}/calendar.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    text = response.get_data(as_text=True)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "Hvordan\\, når\\; børnene\\\\ venter?\\nOg så?" in unfolded
    start = req.window_start.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}\r\n" in text and "BEGIN:VEVENT" in text
    assert f"UID:request-{req.id}@" in text
    client.post("/logout")
    login(cast.teammate)
    assert client.get(f"/requests/{req.id}/calendar.ics").status_code == 404


def test_new_request_page(client, login, cast):
    login(cast.observed)
    assert client.get("/requests/new").status_code == 200
    start = (utcnow() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    end = (utcnow() + dt.timedelta(days=1, hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post("/requests/new", data={
        "invitee_ids": [cast.author.id], "focus": "Se på overgangen til frokost",
        "situation_choice": "other", "situation_other": "Oprydning",
        "window_start": start, "window_end": end, "team_id": cast.team.id})
    assert response.status_code == 302, response.data[-600:]
    req = db.session.query(ObservationRequest).one()
    assert req.situation == "Oprydning" and req.status == "open"
    response = client.post("/requests/new", data={"focus": ""})
    assert response.status_code == 422
