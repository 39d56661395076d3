"""Writing, listing and filtering observations through the pages; drafts are wired."""

from __future__ import annotations

import datetime as dt
import re

from observe.extensions import db
from observe.observations.models import Observation, ObservationComment
from observe.people import services as people


def _form(cast, **extra):
    return {"observed_ids": [cast.observed.id], "team_id": cast.team.id,
            "occurred_at": "2024-05-01T09:30", "situation_choice": "frokost",
            "body": "Hun satte kanden på bordet.", "visibility": "observed", **extra}


def test_new_form_has_sensible_defaults_and_prompts(client, login, cast):
    login(cast.author)
    html = client.get("/observations/new").get_data(as_text=True)
    assert f'<option selected value="{cast.team.id}">' in html  # the user's first team
    assert re.search(r'name="occurred_at"[^>]*value="20\d\d-', html)  # now
    assert 'data-draft-key="observation:new"' in html
    assert "/static/js/drafts.js" in html
    assert "rating" not in html.lower() and "score" not in html.lower()


def test_write_observation_and_validation(client, login, cast):
    login(cast.author)
    response = client.post("/observations/new", data=_form(cast, body=""))
    assert response.status_code == 422
    response = client.post("/observations/new", data=_form(cast, observed_ids=[]))
    assert response.status_code == 422
    assert db.session.query(Observation).count() == 0
    response = client.post("/observations/new", data=_form(
        cast, situation_choice="other", situation_other="Middagslur"))
    assert response.status_code == 302
    obs = db.session.query(Observation).one()
    assert obs.situation == "Middagslur" and obs.visibility == "observed"
    assert obs.occurred_at == dt.datetime(2024, 5, 1, 7, 30, tzinfo=dt.UTC)  # CEST


def test_delete_asks_first_and_removes_comments(client, login, cast, make_observation):
    obs = make_observation("observed")
    login(cast.observed)
    client.post(f"/observations/{obs.id}/comments", data={"body": "Tak"})
    client.post("/logout")
    login(cast.author)
    response = client.post(f"/observations/{obs.id}/delete")
    assert response.status_code == 200 and 'name="confirmed" value="1"' in response.get_data(
        as_text=True)
    assert db.session.query(Observation).count() == 1
    assert client.post(f"/observations/{obs.id}/delete",
                       data={"confirmed": "1"}).status_code == 302
    assert db.session.query(Observation).count() == 0
    assert db.session.query(ObservationComment).count() == 0


def test_lists_filters_and_pagination(client, login, cast, make_observation, app):
    theme = people.create_theme(cast.team.institution_id, "Konflikter")
    db.session.commit()
    for i in range(23):
        make_observation("team", occurred_at=f"2024-03-{i + 1:02d}T10:00",
                         theme_ids=[theme.id] if i < 4 else [])
    make_observation("observed", author=cast.teammate, body="Af mig")
    login(cast.observed)
    feed = client.get("/observations/team").get_data(as_text=True)
    assert feed.count('class="card obs-card"') == 20
    assert 'rel="next"' in feed
    page2 = client.get("/observations/team?page=2").get_data(as_text=True)
    assert page2.count('class="card obs-card"') == 3
    filtered = client.get(f"/observations/team?theme={theme.id}").get_data(as_text=True)
    assert filtered.count('class="card obs-card"') == 4
    period = client.get("/observations/team?date_from=2024-03-10&date_to=2024-03-12")
    assert period.get_data(as_text=True).count('class="card obs-card"') == 3
    of_me = client.get("/observations/of-me?page=2").get_data(as_text=True)
    assert of_me.count('class="card obs-card"') == 4  # 24 in all
    by = client.get(f"/observations/of-me?colleague={cast.teammate.id}").get_data(as_text=True)
    assert by.count('class="card obs-card"') == 1
    mine = client.get("/observations/").get_data(as_text=True)
    assert mine.count('class="card obs-card"') == 0
    # The leader sees nothing of it: no back door through the feed either.
    client.post("/logout")
    login(cast.leader)
    assert client.get("/observations/team").get_data(as_text=True).count(
        'class="card obs-card"') == 0


def test_api_create_rules(client, bearer, cast):
    headers = bearer(cast.author)
    response = client.post("/api/v1/observations", headers=headers, json={
        "observed_ids": [cast.observed.id], "body": "x", "visibility": "team"})
    assert response.status_code == 422 and "visibility" in response.get_json()["error"][
        "fields"]
    response = client.post("/api/v1/observations", headers=headers, json={
        "observed_ids": [cast.stranger.id], "body": "x" * 20001})
    fields = response.get_json()["error"]["fields"]
    assert response.status_code == 422 and {"observed_ids", "body"} <= set(fields)
    response = client.post("/api/v1/observations", headers=headers, json={
        "observed_ids": [cast.observed.id], "body": "Hun ventede.",
        "occurred_at": "2024-05-01T09:30:00+02:00", "situation": "samling"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["team_id"] == cast.team.id and body["visibility"] == "observed"
    assert body["occurred_at"].startswith("2024-05-01T07:30:00")
    assert db.session.query(Observation).count() == 1
    listed = client.get("/api/v1/observations?from=2024-05-01&to=2024-05-01",
                        headers=headers).get_json()
    assert listed["total"] == 1
    assert client.get("/api/v1/observations?from=nope", headers=headers).status_code == 400


def test_drafts_script_is_served(client, login, cast):
    login(cast.author)
    response = client.get("/static/js/drafts.js")
    script = response.get_data(as_text=True)
    response.close()
    assert "Du er offline – kladden er gemt på enheden, og vi prøver igen" in script
    assert "data-draft-saved" in script and "localStorage" in script
