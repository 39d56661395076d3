"""/api/v1/people: listing colleagues, and admins creating and changing accounts."""

from __future__ import annotations

from sqlalchemy import func, select

from observe.extensions import db
from observe.people.models import User
from tests.api.conftest import assert_error


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_list_people_fields_and_filters(client, f, admin, admin_headers):
    team = f.team()
    member = f.user(teams=[team], name="Bo Bager")
    f.user(name="Carl Coach", active=False)
    body = client.get("/api/v1/people", headers=admin_headers).get_json()
    assert body["total"] == 3 and body["page"] == 1 and body["per_page"] == 20
    assert [p["name"] for p in body["items"]] == ["Anna Admin", "Bo Bager", "Carl Coach"]
    assert body["items"][1] == {"id": member.id, "name": "Bo Bager", "email": member.email,
                                "role": "staff", "team_ids": [team.id], "active": True}
    only_team = client.get(f"/api/v1/people?team={team.id}", headers=admin_headers)
    assert [p["id"] for p in only_team.get_json()["items"]] == [member.id]
    active = client.get("/api/v1/people?active=false", headers=admin_headers).get_json()
    assert [p["name"] for p in active["items"]] == ["Carl Coach"]
    admins = client.get("/api/v1/people?role=admin", headers=admin_headers).get_json()
    assert [p["id"] for p in admins["items"]] == [admin.id]
    for bad in ("team=x", "active=maybe", "role=king"):
        assert_error(client.get(f"/api/v1/people?{bad}", headers=admin_headers), 400)


def test_staff_may_list_and_read_but_not_create_or_change(client, f, bearer):
    staff = f.user()
    other = f.user()
    headers = bearer(staff)
    assert client.get("/api/v1/people", headers=headers).get_json()["total"] == 2
    assert client.get(f"/api/v1/people/{other.id}", headers=headers).status_code == 200
    before = user_count()
    response = client.post("/api/v1/people", json={"name": "Ny", "email": "ny@example.dk"},
                           headers=headers)
    assert_error(response, 403, "forbidden")
    assert_error(client.patch(f"/api/v1/people/{other.id}", json={"role": "admin"},
                              headers=headers), 403)
    assert_error(client.patch(f"/api/v1/people/{staff.id}", json={"role": "admin"},
                              headers=headers), 403)
    assert user_count() == before
    db.session.refresh(staff)
    assert staff.role == "staff"


def test_create_person_without_password_gives_working_setup_link(client, f, admin_headers):
    team = f.team()
    response = client.post("/api/v1/people", json={
        "name": "Dorte Dag", "email": "Dorte@Example.dk", "role": "resource",
        "team_ids": [team.id]}, headers=admin_headers)
    assert response.status_code == 201, response.data
    body = response.get_json()
    assert body["email"] == "dorte@example.dk" and body["role"] == "resource"
    assert body["team_ids"] == [team.id] and body["active"] is True
    assert response.headers["Location"].endswith(f"/api/v1/people/{body['id']}")
    assert body["setup_url"].startswith("http://localhost/welcome/")
    assert client.get(body["setup_url"]).status_code == 200
    assert client.get(f"/api/v1/people/{body['id']}", headers=admin_headers).get_json() == {
        k: v for k, v in body.items() if k != "setup_url"}


def test_create_person_with_password_must_change_it(client, admin_headers):
    response = client.post("/api/v1/people", json={
        "name": "Erik", "email": "erik@example.dk", "password": "midlertidig-kode-123"},
        headers=admin_headers)
    assert response.status_code == 201, response.data
    body = response.get_json()
    assert "setup_url" not in body and body["role"] == "staff"
    user = db.session.get(User, body["id"])
    assert user.must_change_password
    login = client.post("/login", data={"email": "erik@example.dk",
                                        "password": "midlertidig-kode-123"})
    assert login.status_code == 302 and "/account/password" in login.headers["Location"]


def test_create_person_validation_is_422_and_creates_nothing(client, f, admin,
                                                           admin_headers):
    other_team = f.team(institution=f.institution("Andet Hus"))
    before = user_count()
    cases = [
        ({"name": "", "email": "not-an-email", "role": "king"}, {"name", "email", "role"}),
        ({"name": "Dup", "email": admin.email}, {"email"}),
        ({"name": "X", "email": "x@example.dk", "team_ids": [other_team.id]}, {"team_ids"}),
        ({"name": "X", "email": "x@example.dk", "password": "kort"}, {"password"}),
        ({"name": "X" * 121, "email": "x@example.dk"}, {"name"}),
    ]
    for payload, fields in cases:
        response = client.post("/api/v1/people", json=payload, headers=admin_headers)
        error = assert_error(response, 422, "validation_error")
        assert set(error["fields"]) == fields, (payload, error)
    assert user_count() == before


def test_update_person(client, f, admin_headers):
    team = f.team()
    person = f.user(name="Frida")
    response = client.patch(f"/api/v1/people/{person.id}", json={
        "name": "Frida F", "role": "leader", "team_ids": [team.id]}, headers=admin_headers)
    assert response.status_code == 200, response.data
    assert response.get_json() == {"id": person.id, "name": "Frida F", "email": person.email,
                                   "role": "leader", "team_ids": [team.id], "active": True}
    response = client.patch(f"/api/v1/people/{person.id}", json={"active": False},
                            headers=admin_headers)
    assert response.get_json()["active"] is False


def test_update_person_rejections_change_nothing(client, f, admin, admin_headers):
    person = f.user(name="Gitte")
    error = assert_error(client.patch(f"/api/v1/people/{person.id}",
                                      json={"name": "", "email": "bad"},
                                      headers=admin_headers), 422)
    assert set(error["fields"]) == {"name", "email"}
    error = assert_error(client.patch(f"/api/v1/people/{admin.id}", json={"role": "staff"},
                                      headers=admin_headers), 422)
    assert "role" in error["fields"]
    assert_error(client.patch(f"/api/v1/people/{person.id}", json={"password": "x" * 12},
                              headers=admin_headers), 422)
    assert_error(client.patch(f"/api/v1/people/{person.id}", json={"active": "no"},
                              headers=admin_headers), 400)
    db.session.refresh(person)
    db.session.refresh(admin)
    assert person.name == "Gitte" and person.active and admin.role == "admin"


def test_people_of_another_institution_are_invisible(client, f, bearer):
    a_person = f.user(name="Fra A")
    b_admin = f.user(role="admin", institution=f.institution("Hus B"))
    headers = bearer(b_admin)
    body = client.get("/api/v1/people?per_page=100", headers=headers).get_json()
    assert [p["id"] for p in body["items"]] == [b_admin.id] and body["total"] == 1
    assert_error(client.get(f"/api/v1/people/{a_person.id}", headers=headers), 404)
    assert_error(client.patch(f"/api/v1/people/{a_person.id}", json={"name": "Hacked"},
                              headers=headers), 404)
    db.session.refresh(a_person)
    assert a_person.name == "Fra A"
