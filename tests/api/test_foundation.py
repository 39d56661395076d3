"""Cross-cutting API behaviour: authentication, body parsing, errors, CSRF, OpenAPI."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from observe.api.openapi import flask_rule_to_path
from observe.extensions import db
from observe.people.models import Team
from tests.api.conftest import assert_error
from tests.factories import PASSWORD, Factory


def team_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Team))


# -- authentication ----------------------------------------------------------------------

def test_no_token_is_401_json(client):
    for path in ("/api/v1/me", "/api/v1/teams", "/api/v1/children/1"):
        assert_error(client.get(path), 401, "unauthorized")


def test_bad_token_is_401_json(client, f):
    f.user()
    for header in ("Bearer nonsense", "Bearer ", "bearer obs_" + "x" * 40):
        assert_error(client.get("/api/v1/me", headers={"Authorization": header}), 401,
                     "unauthorized")


def test_token_of_deactivated_user_is_401(client, f, bearer):
    user = f.user()
    headers = bearer(user)
    user.active = False
    db.session.commit()
    assert_error(client.get("/api/v1/me", headers=headers), 401)


def test_me(client, f, bearer):
    team = f.team()
    user = f.user(role="leader", teams=[team], name="Lise Leder")
    body = client.get("/api/v1/me", headers=bearer(user)).get_json()
    assert body == {"id": user.id, "name": "Lise Leder", "email": user.email,
                    "role": "leader", "institution_id": user.institution_id,
                    "team_ids": [team.id], "language": "da"}


def test_session_cookie_works_for_get(client, f, login):
    user = f.user()
    login(user)
    assert client.get("/api/v1/me").get_json()["id"] == user.id


def test_unknown_api_route_and_method_are_json(client, admin_headers):
    assert_error(client.get("/api/v1/nothing", headers=admin_headers), 404, "not_found")
    assert_error(client.delete("/api/v1/teams/1", headers=admin_headers), 405)


def test_huge_id_is_404_not_500(client, admin_headers):
    assert_error(client.get("/api/v1/teams/" + "9" * 30, headers=admin_headers), 404)
    response = client.patch("/api/v1/children/" + "9" * 25, json={}, headers=admin_headers)
    assert_error(response, 404)


# -- request bodies ------------------------------------------------------------------------

def test_non_json_body_is_415(client, admin_headers):
    before = team_count()
    response = client.post("/api/v1/teams", data={"name": "Form"}, headers=admin_headers)
    assert_error(response, 415, "unsupported_media_type")
    response = client.post("/api/v1/teams", data='{"name": "Text"}',
                           content_type="text/plain", headers=admin_headers)
    assert_error(response, 415)
    assert team_count() == before


def test_body_over_one_megabyte_is_413(client, admin_headers):
    before = team_count()
    payload = b'{"name": "' + b"x" * (1024 * 1024) + b'"}'
    response = client.post("/api/v1/teams", data=payload, content_type="application/json",
                           headers=admin_headers)
    assert_error(response, 413, "too_large")
    assert team_count() == before


def test_malformed_json_is_400(client, admin_headers):
    for payload in ('{"name": ', "{'name': 'x'}", '{"name": NaN}', "[" * 100000):
        response = client.post("/api/v1/teams", data=payload,
                               content_type="application/json", headers=admin_headers)
        assert_error(response, 400, "bad_request")


def test_body_must_be_an_object(client, admin_headers):
    for payload in ('[{"name": "x"}]', '"Stue"', "3", "null"):
        response = client.post("/api/v1/teams", data=payload,
                               content_type="application/json", headers=admin_headers)
        assert_error(response, 400, "bad_request")


def test_wrong_types_are_400_with_fields(client, admin_headers):
    before = team_count()
    error = assert_error(client.post("/api/v1/teams", json={"name": 42},
                                     headers=admin_headers), 400)
    assert set(error["fields"]) == {"name"}
    error = assert_error(client.post("/api/v1/people", json={
        "name": "X", "email": "x@example.dk", "team_ids": [True, "1"]},
        headers=admin_headers), 400)
    assert set(error["fields"]) == {"team_ids"}
    assert team_count() == before


def test_unknown_field_is_422_and_named(client, admin_headers):
    before = team_count()
    error = assert_error(client.post("/api/v1/teams", json={"name": "Ny", "colour": "red"},
                                     headers=admin_headers), 422, "validation_error")
    assert set(error["fields"]) == {"colour"}
    assert team_count() == before


# -- CSRF for session-cookie requests ----------------------------------------------------------

def _csrf_login(client, user):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302


def test_session_post_needs_csrf_header(csrf_app):
    admin = Factory().user(role="admin")
    client = csrf_app.test_client()
    _csrf_login(client, admin)
    before = team_count()
    response = client.post("/api/v1/teams", json={"name": "Uden token"})
    assert_error(response, 400, "csrf")
    assert team_count() == before

    home = client.get("/").get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', home).group(1)
    response = client.post("/api/v1/teams", json={"name": "Med token"},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 201, response.data
    assert response.get_json()["name"] == "Med token"


def test_bearer_post_needs_no_csrf(csrf_app):
    from observe.auth.services import create_api_token

    admin = Factory().user(role="admin")
    token = create_api_token(admin, "test")
    db.session.commit()
    response = csrf_app.test_client().post(
        "/api/v1/teams", json={"name": "Stue"}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201


# -- OpenAPI -------------------------------------------------------------------------------

def test_openapi_is_public_and_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert re.fullmatch(r"3\.1\.\d+", spec["openapi"])
    assert spec["info"]["title"] and spec["info"]["version"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    error = spec["components"]["schemas"]["Error"]["properties"]["error"]
    assert set(error["properties"]) == {"code", "message", "fields"}


def test_openapi_documents_every_api_route(app, client):
    spec = client.get("/api/v1/openapi.json").get_json()
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        path = flask_rule_to_path(rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method.lower() not in spec["paths"].get(path, {}):
                missing.append(f"{method} {rule.rule}")
    assert not missing, f"undocumented API routes: {missing}"


def test_openapi_references_resolve_and_errors_are_documented(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    text = str(spec)
    for name in re.findall(r"#/components/(\w+/\w+)", text):
        kind, key = name.split("/")
        assert key in spec["components"][kind], name
    ids = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            if operation.get("security") != []:
                assert {"401", "403"} <= codes, (method, path)
            if "requestBody" in operation:
                assert {"400", "413", "415", "422"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
