"""The JSON API under /api/v1/meetings: same rules as the pages."""

from __future__ import annotations

import datetime as dt

from observe.extensions import db
from observe.meetings.models import AgendaItem
from observe.observations import services as observations
from tests.api.conftest import assert_error

SOON = (dt.datetime.now(dt.UTC) + dt.timedelta(days=5)).isoformat()


def test_create_add_examples_and_run(client, cast, bearer, make_observation):
    fac, mate = bearer(cast.facilitator), bearer(cast.teammate)
    response = client.post("/api/v1/meetings", headers=fac, json={
        "title": "Samling", "starts_at": SOON, "team_id": cast.team.id})
    assert response.status_code == 201, response.data
    meeting = response.get_json()
    assert set(meeting["participant_ids"]) == {u.id for u in cast.team.members}
    mid = meeting["id"]
    shared, private = make_observation("team"), make_observation("private")
    response = client.post(f"/api/v1/meetings/{mid}/items", headers=mate,
                           json={"observation_id": shared.id, "question": "Hvorfor?"})
    assert response.status_code == 201
    item_id = response.get_json()["id"]
    error = assert_error(client.post(f"/api/v1/meetings/{mid}/items",
                                     headers=bearer(cast.author),
                                     json={"observation_id": private.id}), 422)
    assert "record" in error["fields"]
    assert_error(client.post(f"/api/v1/meetings/{mid}/items", headers=mate,
                             json={"observation_id": private.id}), 404)
    # A reflection stays private until the reveal.
    assert client.put(f"/api/v1/meetings/{mid}/items/{item_id}/reflection", headers=mate,
                      json={"text": "Min egen tanke"}).status_code == 200
    seen = client.get(f"/api/v1/meetings/{mid}/reflections", headers=fac).get_json()
    assert seen["items"] == [] and seen["revealed"] is False
    assert_error(client.post(f"/api/v1/meetings/{mid}/reveal", headers=mate), 403)
    assert client.post(f"/api/v1/meetings/{mid}/reveal", headers=fac).status_code == 200
    seen = client.get(f"/api/v1/meetings/{mid}/reflections", headers=fac).get_json()
    assert [r["text"] for r in seen["items"]] == ["Min egen tanke"]
    assert_error(client.post(f"/api/v1/meetings/{mid}/reveal", headers=fac), 409)
    # Phase B notes, phase C points.
    assert_error(client.patch(f"/api/v1/meetings/{mid}/items/{item_id}", headers=mate,
                              json={"notes": "for tidligt"}), 409)
    client.post(f"/api/v1/meetings/{mid}/phase", headers=fac, json={"phase": "b"})
    assert client.patch(f"/api/v1/meetings/{mid}/items/{item_id}", headers=mate,
                        json={"notes": "Noter"}).get_json()["notes"] == "Noter"
    client.post(f"/api/v1/meetings/{mid}/phase", headers=fac, json={"phase": "c"})
    response = client.post(f"/api/v1/meetings/{mid}/points", headers=mate,
                           json={"title": "Vi venter fem sekunder"})
    assert response.status_code == 201 and response.get_json()["too_many"] is False
    # Narrowed later: the example is withdrawn, its ids are gone.
    observations.set_visibility(shared, cast.author, "private")
    db.session.commit()
    body = client.get(f"/api/v1/meetings/{mid}", headers=mate).get_json()
    assert body["items"][0]["state"] == "withdrawn"
    assert body["items"][0]["observation_id"] is None


def test_not_visible_is_404_and_bad_input_422(client, cast, bearer, make_meeting):
    meeting = make_meeting()
    assert_error(client.get(f"/api/v1/meetings/{meeting.id}", headers=bearer(cast.admin)),
                 404)
    assert_error(client.get(f"/api/v1/meetings/{meeting.id}",
                            headers=bearer(cast.outsider)), 404)
    listed = client.get("/api/v1/meetings", headers=bearer(cast.outsider)).get_json()
    assert listed["total"] == 0
    assert client.get("/api/v1/meetings", headers=bearer(cast.teammate)).get_json()[
        "total"] == 1
    assert_error(client.post("/api/v1/meetings", headers=bearer(cast.teammate),
                             json={"title": "x" * 201, "starts_at": SOON}), 422)
    assert_error(client.post(f"/api/v1/meetings/{meeting.id}/items",
                             headers=bearer(cast.teammate), json={"title": ""}), 422)
    assert db.session.query(AgendaItem).count() == 0


def test_documented_in_openapi(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/meetings/{meeting_id}/items" in paths and "/meetings" in paths
