"""/api/v1/teams, /children and /themes: lists, pagination, admin changes, isolation."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from observe.extensions import db
from observe.people.models import Child, Team, Theme
from tests.api.conftest import assert_error


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


# -- pagination ----------------------------------------------------------------------------

def test_lists_paginate_with_total(client, f, admin_headers):
    team = f.team("Stue 0")
    for n in range(24):
        f.child(team=team, first_name=f"Barn{n:02d}")
    first = client.get("/api/v1/children", headers=admin_headers).get_json()
    assert (first["total"], first["page"], first["per_page"]) == (24, 1, 20)
    assert len(first["items"]) == 20
    second = client.get("/api/v1/children?page=2", headers=admin_headers).get_json()
    assert [c["first_name"] for c in second["items"]] == [f"Barn{n:02d}" for n in range(20, 24)]
    small = client.get("/api/v1/children?page=3&per_page=5", headers=admin_headers).get_json()
    assert [c["first_name"] for c in small["items"]] == [f"Barn{n:02d}" for n in range(10, 15)]
    past = client.get("/api/v1/children?page=99", headers=admin_headers).get_json()
    assert past["items"] == [] and past["total"] == 24


def test_per_page_is_capped_at_100(client, f, admin_headers):
    team = f.team()
    for n in range(105):
        db.session.add(Child(institution_id=team.institution_id, team_id=team.id,
                             first_name=f"B{n:03d}", last_initial="K"))
    db.session.commit()
    body = client.get("/api/v1/children?per_page=1000", headers=admin_headers).get_json()
    assert body["per_page"] == 100 and len(body["items"]) == 100 and body["total"] == 105


@pytest.mark.parametrize("query", [
    "page=0", "page=-1", "page=abc", "page=1.5", "per_page=0", "per_page=x",
    "page=" + "9" * 5000, "page=" + "9" * 30, "per_page=" + "9" * 30,
])
def test_bad_page_parameters_are_400(client, admin_headers, query):
    for resource in ("teams", "people", "children", "themes"):
        response = client.get(f"/api/v1/{resource}?{query}", headers=admin_headers)
        error = assert_error(response, 400, "bad_request")
        assert error["fields"]


# -- teams ---------------------------------------------------------------------------------

def test_team_create_read_update(client, f, admin, admin_headers):
    response = client.post("/api/v1/teams", json={"name": "  Solstuen "}, headers=admin_headers)
    assert response.status_code == 201, response.data
    team = response.get_json()
    assert team == {"id": team["id"], "name": "Solstuen",
                    "institution_id": admin.institution_id, "active": True}
    assert client.get(f"/api/v1/teams/{team['id']}", headers=admin_headers).get_json() == team
    changed = client.patch(f"/api/v1/teams/{team['id']}", json={"name": "Månestuen",
                                                               "active": False},
                           headers=admin_headers)
    assert changed.get_json()["name"] == "Månestuen" and changed.get_json()["active"] is False
    listed = client.get("/api/v1/teams?active=false", headers=admin_headers).get_json()
    assert [t["id"] for t in listed["items"]] == [team["id"]]


def test_team_validation(client, f, admin_headers):
    existing = f.team("Stjernen")
    before = count(Team)
    for payload in ({}, {"name": ""}, {"name": "stjernen"}, {"name": "x" * 121}):
        error = assert_error(client.post("/api/v1/teams", json=payload,
                                         headers=admin_headers), 422, "validation_error")
        assert set(error["fields"]) == {"name"}
    assert count(Team) == before
    f.team("Månen")
    assert_error(client.patch(f"/api/v1/teams/{existing.id}", json={"name": "Månen"},
                              headers=admin_headers), 422)
    db.session.refresh(existing)
    assert existing.name == "Stjernen"


# -- themes --------------------------------------------------------------------------------

def test_themes_listed_in_order_and_managed(client, f, admin_headers):
    body = client.get("/api/v1/themes", headers=admin_headers).get_json()
    assert body["total"] == 6 and body["items"][0]["name"] == "Alsidig personlig udvikling"
    assert set(body["items"][0]) == {"id", "name", "active"}
    response = client.post("/api/v1/themes", json={"name": "Leg"}, headers=admin_headers)
    assert response.status_code == 201
    theme_id = response.get_json()["id"]
    assert_error(client.post("/api/v1/themes", json={"name": "leg"}, headers=admin_headers),
                 422)
    response = client.patch(f"/api/v1/themes/{theme_id}", json={"active": False},
                            headers=admin_headers)
    assert response.get_json() == {"id": theme_id, "name": "Leg", "active": False}


# -- children ------------------------------------------------------------------------------

def test_child_create_read_update(client, f, admin_headers):
    team, other = f.team(), f.team()
    response = client.post("/api/v1/children", json={
        "first_name": "Ida", "last_initial": "h.", "birth_date": "2021-03-04",
        "team_id": team.id, "photo_consent": "parents"}, headers=admin_headers)
    assert response.status_code == 201, response.data
    child = response.get_json()
    assert child == {"id": child["id"], "first_name": "Ida", "last_initial": "H",
                     "birth_date": "2021-03-04", "team_id": team.id,
                     "photo_consent": "parents", "active": True}
    response = client.patch(f"/api/v1/children/{child['id']}", json={
        "team_id": other.id, "birth_date": None, "active": False}, headers=admin_headers)
    assert response.status_code == 200, response.data
    changed = response.get_json()
    assert (changed["team_id"], changed["birth_date"], changed["active"]) == (
        other.id, None, False)
    assert changed["first_name"] == "Ida" and changed["photo_consent"] == "parents"
    by_team = client.get(f"/api/v1/children?team={other.id}&active=false",
                         headers=admin_headers).get_json()
    assert [c["id"] for c in by_team["items"]] == [child["id"]]


def test_child_validation_is_422_and_creates_nothing(client, f, admin_headers):
    foreign_team = f.team(institution=f.institution("Fremmed Hus"))
    before = count(Child)
    response = client.post("/api/v1/children", json={
        "first_name": "", "last_initial": "ABCD", "birth_date": "31-31-2020",
        "team_id": foreign_team.id, "photo_consent": "everyone"}, headers=admin_headers)
    error = assert_error(response, 422, "validation_error")
    assert set(error["fields"]) == {"first_name", "last_initial", "birth_date", "team_id",
                                    "photo_consent"}
    assert_error(client.post("/api/v1/children", json={"first_name": "A", "team_id": "1"},
                             headers=admin_headers), 400)
    assert count(Child) == before


def test_staff_cannot_change_structure(client, f, staff_headers):
    team, child = f.team(), f.child()
    theme = db.session.scalars(select(Theme)).first()
    before = (count(Team), count(Child), count(Theme))
    for path, payload in (("/api/v1/teams", {"name": "X"}), ("/api/v1/themes", {"name": "X"}),
                          ("/api/v1/children", {"first_name": "X", "last_initial": "Y",
                                                "team_id": team.id})):
        assert_error(client.post(path, json=payload, headers=staff_headers), 403, "forbidden")
    for path in (f"/api/v1/teams/{team.id}", f"/api/v1/themes/{theme.id}",
                 f"/api/v1/children/{child.id}"):
        assert client.get(path, headers=staff_headers).status_code == 200
        assert_error(client.patch(path, json={"active": False}, headers=staff_headers), 403)
    assert (count(Team), count(Child), count(Theme)) == before


# -- institution isolation ---------------------------------------------------------------------

def test_other_institution_records_are_404_and_never_listed(client, f, bearer):
    a_team = f.team("A-stuen")
    a_child = f.child(team=a_team, first_name="Aksel")
    a_theme = db.session.scalars(select(Theme).where(
        Theme.institution_id == a_team.institution_id)).first()
    b_inst = f.institution("Hus B", kind="school")
    b_team = f.team("B-klassen", institution=b_inst)
    for role in ("admin", "staff"):
        headers = bearer(f.user(role=role, institution=b_inst, teams=[b_team]))
        for resource, record in (("teams", a_team), ("children", a_child),
                                 ("themes", a_theme)):
            assert_error(client.get(f"/api/v1/{resource}/{record.id}", headers=headers), 404)
            assert_error(client.patch(f"/api/v1/{resource}/{record.id}",
                                      json={"active": False}, headers=headers), 404)
            listed = client.get(f"/api/v1/{resource}?per_page=100", headers=headers)
            assert record.id not in [item["id"] for item in listed.get_json()["items"]]
        teams = client.get("/api/v1/teams", headers=headers).get_json()
        assert [t["id"] for t in teams["items"]] == [b_team.id] and teams["total"] == 1
        assert client.get("/api/v1/children", headers=headers).get_json()["total"] == 0
        themes = client.get("/api/v1/themes", headers=headers).get_json()["items"]
        assert {t["name"] for t in themes} >= {"Feedback", "Relationer"}
    # B's admin cannot place a child on A's team either.
    headers = bearer(f.user(role="admin", institution=b_inst))
    response = client.post("/api/v1/children", json={
        "first_name": "X", "last_initial": "Y", "team_id": a_team.id}, headers=headers)
    assert "team_id" in assert_error(response, 422)["fields"]
    db.session.refresh(a_child)
    assert a_child.active and a_child.team_id == a_team.id
