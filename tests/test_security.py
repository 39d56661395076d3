"""Deny by default, security headers, CSRF and friendly error pages."""

from __future__ import annotations

import re

import pytest

from tests.factories import PASSWORD

# The only endpoints an anonymous visitor may reach.
PUBLIC_ENDPOINTS = {
    "static", "auth.login", "auth.setup", "web.set_language", "web.health",
    "api.openapi",
}


def _example_url(rule) -> str:
    values = {}
    for arg in rule.arguments:
        converter = rule._converters[arg].__class__.__name__
        values[arg] = 1 if converter == "IntegerConverter" else "x"
    url = rule.build(values, append_unknown=False)[1]
    return url


def test_every_route_denies_anonymous_requests(app):
    """Walk every registered route: anything not on the public allowlist must send an
    anonymous visitor to the login page (pages) or answer 401 (API)."""
    client = app.test_client()
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        url = _example_url(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            checked += 1
            if url.startswith("/api/"):
                assert response.status_code == 401, (method, url, response.status_code)
                assert response.is_json and response.json["error"]["code"] == "unauthorized"
            else:
                assert response.status_code == 302, (method, url, response.status_code)
                assert response.headers["Location"].startswith("/login"), (method, url)
    assert checked > 10


def test_public_allowlist_is_short_and_real(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert PUBLIC_ENDPOINTS - {"api.openapi"} <= endpoints


def test_security_headers_on_every_response(client):
    for url in ("/login", "/", "/does-not-exist", "/static/css/app.css"):
        response = client.get(url)
        response.close()
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp
        script_src = re.search(r"script-src ([^;]+)", csp).group(1)
        assert "unsafe-inline" not in script_src
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_no_inline_scripts_in_pages(client, f, login):
    login(f.user(role="admin"))
    page = client.get("/").get_data(as_text=True)
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag


def test_csrf_is_enforced_on_forms(csrf_app, f):
    client = csrf_app.test_client()
    user = f.user()
    refused = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert refused.status_code == 400
    assert "Genindlæs siden" in refused.get_data(as_text=True)
    assert client.get("/").status_code == 302
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    accepted = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                            "csrf_token": token})
    assert accepted.status_code == 302
    assert client.get("/").status_code == 200


def test_csrf_token_does_not_expire_after_an_hour(csrf_app):
    assert csrf_app.config["WTF_CSRF_TIME_LIMIT"] is None


def test_friendly_404_in_danish(client, f, login):
    login(f.user())
    response = client.get("/findes/ikke")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Vi kunne ikke finde siden" in page
    assert '<html lang="da">' in page


def test_staff_cannot_reach_admin_pages(client, f, login):
    login(f.user(role="staff"))
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "Du har ikke adgang til denne side" in response.get_data(as_text=True)


def test_staff_sees_no_admin_link(client, f, login):
    login(f.user(role="staff"))
    assert "/admin/" not in client.get("/").get_data(as_text=True)


def test_admin_sees_admin_link(client, f, login):
    login(f.user(role="admin"))
    assert "/admin/" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("role", ["leader", "resource", "staff"])
def test_other_roles_cannot_reach_admin(client, f, login, role):
    login(f.user(role=role))
    assert client.get("/admin/").status_code == 403


def test_secret_key_generated_once_with_private_mode(tmp_path, monkeypatch):
    from observe.config import load_secret_key

    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_secret_key(tmp_path)
    second = load_secret_key(tmp_path)
    assert first == second and len(first) > 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
