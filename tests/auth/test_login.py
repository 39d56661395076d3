"""Logging in and out, as a pedagogue on a tablet would."""

from __future__ import annotations

import pytest

from observe.extensions import db
from tests.factories import PASSWORD


def test_anonymous_home_redirects_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/")


def test_login_page_is_danish_by_default(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="da">' in page
    assert "Log ind" in page
    assert "Adgangskode" in page


def test_login_and_home_shows_teams(client, f):
    team = f.team("Solsikken")
    user = f.user(teams=[team], name="Mette Jensen")
    response = client.post("/login", data={"email": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "Hej, Mette" in page
    assert "Solsikken" in page


def test_wrong_password_is_refused_without_revealing_account(client, f):
    user = f.user()
    wrong = client.post("/login", data={"email": user.email, "password": "forkert-kode"})
    unknown = client.post("/login", data={"email": "ingen@example.dk", "password": "forkert"})
    assert wrong.status_code == unknown.status_code == 422
    assert "Forkert e-mail eller adgangskode" in wrong.get_data(as_text=True)
    assert "Forkert e-mail eller adgangskode" in unknown.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_deactivated_user_cannot_log_in(client, f):
    user = f.user(active=False)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 422
    assert client.get("/").status_code == 302


def test_logout_requires_post_and_ends_session(client, f, login):
    user = f.user()
    login(user)
    assert client.get("/logout").status_code == 405
    response = client.post("/logout")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("target", [
    "//evil.example", "/\\evil.example", "https://evil.example/", "javascript:alert(1)",
    "http:/evil.example", "\\\\evil.example", "/%0d%0aSet-Cookie:x", "evil.example",
])
def test_login_next_never_leaves_the_app(client, f, target):
    user = f.user()
    response = client.post("/login?next=" + target,
                           data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location == "/" or (location.startswith("/") and not location.startswith("//")
                               and "evil" not in location)


def test_login_next_inside_the_app_is_followed(client, f):
    user = f.user()
    response = client.post("/login?next=/account", data={"email": user.email,
                                                          "password": PASSWORD})
    assert response.headers["Location"] == "/account"


def test_remember_me_sets_long_lived_cookie(client, f):
    user = f.user()
    client.post("/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    cookie = client.get_cookie("remember_token")
    assert cookie is not None
    assert cookie.http_only


def test_remembered_login_survives_closed_browser(app, f):
    user = f.user()
    tablet = app.test_client()
    tablet.post("/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    remember = tablet.get_cookie("remember_token").value
    reopened = app.test_client()  # a new browser session: only the remember cookie
    reopened.set_cookie("remember_token", remember)
    assert reopened.get("/").status_code == 200


def test_logout_ends_remember_me_cookies_server_side(app, f):
    user = f.user()
    tablet = app.test_client()
    tablet.post("/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    stolen_remember = tablet.get_cookie("remember_token").value
    stolen_session = tablet.get_cookie("session").value
    tablet.post("/logout")
    replay = app.test_client()
    replay.set_cookie("remember_token", stolen_remember)
    replay.set_cookie("session", stolen_session)
    response = replay.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_login_on_one_tablet_and_logout_on_another_ends_both(app, f):
    user = f.user()
    first, second = app.test_client(), app.test_client()
    for c in (first, second):
        c.post("/login", data={"email": user.email, "password": PASSWORD})
    second.post("/logout")
    assert first.get("/").status_code == 302


def test_session_cookie_flags(client, f):
    user = f.user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    assert "HttpOnly" in session_cookie
    assert "SameSite=Lax" in session_cookie
    assert "Secure" not in session_cookie


def test_cookies_secure_over_https(client, f):
    user = f.user()
    response = client.post("/login", base_url="https://localhost",
                           data={"email": user.email, "password": PASSWORD, "remember": "y"})
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies
    assert all("Secure" in c for c in cookies)


def test_language_switch_for_anonymous_and_user(client, f, login):
    client.post("/language", data={"lang": "en", "next": "/login"})
    assert "Log in" in client.get("/login").get_data(as_text=True)
    user = f.user()
    login(user)
    client.post("/account", data={"language": "en"})
    db.session.refresh(user)
    assert user.language == "en"
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Your teams" in page
