"""Per-account login throttling: 5 failures in 15 minutes lock that account only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import update

from observe.auth.models import LoginFailure
from observe.extensions import db
from tests.factories import PASSWORD


def _fail(client, email, times):
    for _ in range(times):
        client.post("/login", data={"email": email, "password": "forkert-forkert"})


def test_five_failures_lock_the_account_with_minutes(client, f):
    user = f.user()
    _fail(client, user.email, 5)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Prøv igen om 15 minutter" in page
    assert client.get("/").status_code == 302


def test_lock_message_is_the_same_for_unknown_accounts(client):
    _fail(client, "findes-ikke@example.dk", 5)
    response = client.post("/login", data={"email": "findes-ikke@example.dk",
                                           "password": "x"})
    assert "Prøv igen om 15 minutter" in response.get_data(as_text=True)


def test_lock_is_per_account_not_per_address(app, f):
    """All tablets of an institution share one address; one locked account must not
    lock out the colleagues."""
    victim, colleague = f.user(), f.user()
    tablet = app.test_client()
    _fail(tablet, victim.email, 6)
    response = tablet.post("/login", data={"email": colleague.email, "password": PASSWORD})
    assert response.status_code == 302


def test_lock_is_shared_between_clients(app, f):
    """The count lives in the database, shared by every server process and tablet."""
    user = f.user()
    for _ in range(5):
        app.test_client().post("/login", data={"email": user.email, "password": "nope-nope"})
    fresh = app.test_client()
    response = fresh.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 422


def test_lock_expires_after_the_window(client, f):
    user = f.user()
    _fail(client, user.email, 5)
    old = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16)
    db.session.execute(update(LoginFailure).values(created_at=old))
    db.session.commit()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302


def test_success_clears_earlier_failures(client, f):
    user = f.user()
    _fail(client, user.email, 4)
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    client.post("/logout")
    _fail(client, user.email, 4)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
