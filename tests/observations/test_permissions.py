"""The whole permission matrix, through HTTP, on the pages and on the API:

{author, observed colleague, same-team colleague, other-team colleague, leader, admin,
other institution} x {private, observed, team} x {read, edit, delete, comment, share}.

Not visible answers 404 (never 403); visible but not allowed is refused (403, or 409
for sharing what is already shared) and changes nothing; and the page shows no button
or link for what the user may not do. Leaders and admins get no back door.
"""

from __future__ import annotations

import pytest

from observe.extensions import db
from observe.observations.models import Observation, ObservationComment
from tests.observations.conftest import ROLES

VISIBILITIES = ("private", "observed", "team")
ACTIONS = ("read", "edit", "delete", "comment", "share")


def can_read(role: str, visibility: str) -> bool:
    return (role == "author" or (role == "observed" and visibility != "private")
            or (role == "teammate" and visibility == "team"))


def allowed(role: str, visibility: str, action: str) -> bool:
    if not can_read(role, visibility):
        return False
    return {
        "read": True,
        "edit": role == "author",
        "delete": role == "author",
        "comment": True,  # everyone who can read it: author, observed, team if shared
        "share": role == "observed" and visibility == "observed",
    }[action]


def expected_status(role, visibility, action, ok_status) -> int:
    if not can_read(role, visibility):
        return 404
    if allowed(role, visibility, action):
        return ok_status
    if action == "share" and role == "observed":
        return 409  # already shared with the team
    return 403


def _state(obs_id):
    db.session.expire_all()
    obs = db.session.get(Observation, obs_id)
    if obs is None:
        return None
    comments = db.session.query(ObservationComment).filter_by(observation_id=obs_id).count()
    return (obs.body, obs.visibility, comments)


CASES = [(r, v, a) for r in ROLES for v in VISIBILITIES for a in ACTIONS]


@pytest.mark.parametrize(("role", "visibility", "action"), CASES)
def test_pages_matrix(client, login, cast, make_observation, role, visibility, action):
    obs = make_observation(visibility)
    before = _state(obs.id)
    login(cast.by_role(role))
    base = f"/observations/{obs.id}"
    ok = allowed(role, visibility, action)

    if action == "read":
        response = client.get(base)
        assert response.status_code == (200 if ok else 404)
        if ok:
            assert "Hun ventede" in response.get_data(as_text=True)
        return

    if action == "edit":
        response = client.post(f"{base}/edit", data={
            "observed_ids": [cast.observed.id], "occurred_at": "2024-05-01T09:30",
            "team_id": cast.team.id, "body": "Ændret tekst"})
    elif action == "delete":
        response = client.post(f"{base}/delete", data={"confirmed": "1"})
    elif action == "comment":
        response = client.post(f"{base}/comments", data={"body": "Tak for det!"})
    else:
        response = client.post(f"{base}/visibility", data={"visibility": "team"})

    status = expected_status(role, visibility, action, 302)
    if status == 409:
        status = 302  # the page flashes the conflict and returns to the observation
    assert response.status_code == status, response.data[:300]
    after = _state(obs.id)
    if ok:
        assert after != before
        expected = {"edit": lambda: after[0] == "Ændret tekst", "delete": lambda: after is None,
                    "comment": lambda: after[2] == 1, "share": lambda: after[1] == "team"}
        assert expected[action]()
    else:
        assert after == before

    # The button or link is there exactly when the action is allowed.
    view = client.get(base)
    if not can_read(role, visibility):
        assert view.status_code == 404
        return
    if action == "delete" and ok:
        assert view.status_code == 404
        return
    html = view.get_data(as_text=True)
    markers = {"edit": f'href="{base}/edit"', "delete": f'action="{base}/delete"',
               "comment": f'action="{base}/comments"',
               "share": 'name="visibility" value="team"'}
    if action == "share" and ok:
        assert markers["share"] not in html  # shared now: nothing more to share
    elif action in ("edit", "delete", "comment"):
        assert (markers[action] in html) == ok
    else:
        assert markers[action] not in html


@pytest.mark.parametrize(("role", "visibility", "action"), CASES)
def test_api_matrix(client, bearer, cast, make_observation, role, visibility, action):
    obs = make_observation(visibility)
    before = _state(obs.id)
    headers = bearer(cast.by_role(role))
    url = f"/api/v1/observations/{obs.id}"
    if action == "read":
        response, ok_status = client.get(url, headers=headers), 200
    elif action == "edit":
        response, ok_status = client.patch(url, json={"body": "Ændret tekst"},
                                           headers=headers), 200
    elif action == "delete":
        response, ok_status = client.delete(url, headers=headers), 204
    elif action == "comment":
        response, ok_status = client.post(f"{url}/comments", json={"body": "Tak!"},
                                          headers=headers), 201
    else:
        response, ok_status = client.post(f"{url}/share", headers=headers), 200
    assert response.status_code == expected_status(role, visibility, action, ok_status), \
        response.data[:300]
    if response.status_code >= 400:
        assert response.get_json()["error"]["code"]
        assert _state(obs.id) == before


@pytest.mark.parametrize("role", ROLES)
def test_lists_show_exactly_what_the_user_may_read(client, bearer, cast, make_observation,
                                                   role):
    made = {v: make_observation(v).id for v in VISIBILITIES}
    response = client.get("/api/v1/observations", headers=bearer(cast.by_role(role)))
    ids = {item["id"] for item in response.get_json()["items"]}
    assert ids == {made[v] for v in VISIBILITIES if can_read(role, v)}


def test_observed_colleague_responds_and_only_they_can(client, login, cast,
                                                       make_observation):
    obs = make_observation("observed")
    login(cast.author)
    assert client.post(f"/observations/{obs.id}/response",
                       data={"response": "Min egen"}).status_code == 403
    page = client.get(f"/observations/{obs.id}").get_data(as_text=True)
    assert f'action="/observations/{obs.id}/response"' not in page
    client.post("/logout")
    login(cast.observed)
    response = client.post(f"/observations/{obs.id}/response",
                           data={"response": "Jeg vil prøve at vente længere."})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Observation, obs.id).response.startswith("Jeg vil")


def test_narrowing_author_and_observed(client, bearer, cast, make_observation):
    obs = make_observation("team")
    # The observed colleague may take the share back...
    response = client.patch(f"/api/v1/observations/{obs.id}", json={"visibility": "observed"},
                            headers=bearer(cast.observed))
    assert response.status_code == 200 and response.get_json()["visibility"] == "observed"
    # ...but cannot make it the author's private draft.
    response = client.patch(f"/api/v1/observations/{obs.id}", json={"visibility": "private"},
                            headers=bearer(cast.observed))
    assert response.status_code == 403
    # The author narrows to private, and cannot widen to the team.
    author = bearer(cast.author)
    assert client.patch(f"/api/v1/observations/{obs.id}", json={"visibility": "private"},
                        headers=author).get_json()["visibility"] == "private"
    response = client.patch(f"/api/v1/observations/{obs.id}", json={"visibility": "team"},
                            headers=author)
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Observation, obs.id).visibility == "private"


def test_comments_are_edited_and_deleted_by_their_author_only(client, login, cast,
                                                              make_observation):
    obs = make_observation("team")
    login(cast.teammate)
    client.post(f"/observations/{obs.id}/comments", data={"body": "Spændende!"})
    comment = db.session.query(ObservationComment).one()
    client.post("/logout")
    login(cast.author)
    page = client.get(f"/observations/{obs.id}").get_data(as_text=True)
    assert f"/comments/{comment.id}/edit" not in page
    assert client.post(f"/comments/{comment.id}/edit", data={"body": "x"}).status_code == 403
    assert client.post(f"/comments/{comment.id}/delete",
                       data={"confirmed": "1"}).status_code == 403
    client.post("/logout")
    login(cast.teammate)
    assert client.post(f"/comments/{comment.id}/edit",
                       data={"body": "Rettet"}).status_code == 302
    assert client.post(f"/comments/{comment.id}/delete",
                       data={"confirmed": "1"}).status_code == 302
    assert db.session.query(ObservationComment).count() == 0


def test_comment_of_invisible_observation_is_404(client, login, cast, make_observation):
    obs = make_observation("team")
    login(cast.teammate)
    client.post(f"/observations/{obs.id}/comments", data={"body": "Spændende!"})
    comment = db.session.query(ObservationComment).one()
    client.post("/logout")
    login(cast.leader)
    assert client.get(f"/comments/{comment.id}/edit").status_code == 404
