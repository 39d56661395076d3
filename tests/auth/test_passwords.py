"""Changing and being forced to choose a password; argon2id storage."""

from __future__ import annotations

from observe.extensions import db
from tests.factories import PASSWORD


def test_passwords_are_stored_with_argon2id(f):
    user = f.user()
    assert user.password_hash.startswith("$argon2id$")


def test_change_password_needs_current_and_ends_other_sessions(app, f, login, client):
    user = f.user()
    other_tablet = app.test_client()
    login(user, c=other_tablet)
    login(user)
    new = "et-nyt-langt-kodeord"
    bad = client.post("/account/password",
                      data={"current": "forkert", "password": new, "confirm": new})
    assert bad.status_code == 422
    assert "nuværende adgangskode er ikke korrekt" in bad.get_data(as_text=True)
    ok = client.post("/account/password", data={
        "current": PASSWORD, "password": "et-nyt-langt-kodeord", "confirm": "et-nyt-langt-kodeord"})
    assert ok.status_code == 302
    assert client.get("/").status_code == 200  # this tablet stays logged in
    assert other_tablet.get("/").status_code == 302  # the other one is logged out
    client.post("/logout")
    old_login = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert old_login.status_code == 422
    assert client.post("/login", data={"email": user.email,
                                       "password": "et-nyt-langt-kodeord"}).status_code == 302


def test_short_or_mismatched_password_is_refused(client, f, login):
    user = f.user()
    login(user)
    short = client.post("/account/password", data={"current": PASSWORD, "password": "kort",
                                                    "confirm": "kort"})
    assert short.status_code == 422
    assert "mindst 10 tegn" in short.get_data(as_text=True)
    differ = client.post("/account/password", data={
        "current": PASSWORD, "password": "langt-kodeord-1", "confirm": "langt-kodeord-2"})
    assert differ.status_code == 422
    assert "ikke ens" in differ.get_data(as_text=True)


def test_temporary_password_must_be_replaced_before_anything_else(client, f, login):
    user = f.user()
    user.must_change_password = True
    db.session.commit()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.headers["Location"] == "/account/password"
    assert client.get("/").headers["Location"] == "/account/password"
    assert client.get("/api/v1/me").status_code == 403
    client.post("/account/password", data={"current": PASSWORD, "password": "mit-eget-kodeord",
                                            "confirm": "mit-eget-kodeord"})
    assert client.get("/").status_code == 200
