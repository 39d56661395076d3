"""Staff accounts: list, create, edit, deactivate, reactivate, reset password."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from observe.extensions import db
from observe.people.models import User
from tests.factories import PASSWORD
from tests.people.conftest import page_text

NEW_PASSWORD = "en-ny-og-lang-adgangskode"


def users_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def setup_link(text: str) -> str:
    match = re.search(r"http://localhost(/welcome/[\w\-]+)", text)
    assert match, "no setup link on the page"
    return match.group(1)


def try_login(app, email, password):
    return app.test_client().post("/login", data={"email": email, "password": password})


def test_create_person_without_password_shows_setup_link_once(app, f, admin_client):
    team = f.team("Solstuen")
    response = admin_client.post("/admin/staff/new", data={
        "name": "Sofie Holm", "email": "Sofie@Example.dk", "role": "resource",
        "team_ids": [str(team.id)]})
    assert response.status_code == 200
    text = page_text(response)
    assert "The account for Sofie Holm is created." in text
    path = setup_link(text)

    user = db.session.scalar(select(User).filter_by(email="sofie@example.dk"))
    assert user.role == "resource" and user.team_ids == [team.id]
    assert user.password_hash is None

    # The link is not shown again anywhere.
    assert path not in page_text(admin_client.get("/admin/staff"))
    assert path not in page_text(admin_client.get(f"/admin/staff/{user.id}"))

    # The colleague chooses a password through the link and is logged in.
    colleague = app.test_client()
    response = colleague.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert colleague.get("/").status_code == 200
    assert try_login(app, "sofie@example.dk", NEW_PASSWORD).status_code == 302


def test_create_person_with_password_must_change_it(app, admin_client):
    response = admin_client.post("/admin/staff/new", data={
        "name": "Bo Nielsen", "email": "bo@example.dk", "role": "staff",
        "password": "midlertidig-kode-42"}, follow_redirects=True)
    assert "Bo Nielsen can now log in" in page_text(response)
    user = db.session.scalar(select(User).filter_by(email="bo@example.dk"))
    assert user.must_change_password
    response = try_login(app, "bo@example.dk", "midlertidig-kode-42")
    assert response.headers["Location"].endswith("/account/password")


def test_person_validation_messages_and_nothing_saved(f, admin_client):
    f.user(email="taken@example.dk")
    before = users_count()

    response = admin_client.post("/admin/staff/new", data={
        "name": "", "email": "ikke-en-adresse", "role": "staff"})
    assert response.status_code == 422
    text = page_text(response)
    assert "Fill in this field." in text

    response = admin_client.post("/admin/staff/new", data={
        "name": "Ida", "email": "ikke-en-adresse", "role": "staff"})
    assert response.status_code == 422
    assert "This is not a valid e-mail address." in page_text(response)

    response = admin_client.post("/admin/staff/new", data={
        "name": "Ida", "email": "TAKEN@example.dk ", "role": "staff"})
    assert response.status_code == 422
    assert "Another account already uses this e-mail address." in page_text(response)

    response = admin_client.post("/admin/staff/new", data={
        "name": "Ida", "email": "ida@example.dk", "role": "staff", "password": "kort"})
    assert response.status_code == 422
    assert "Use at least 10 characters." in page_text(response)

    response = admin_client.post("/admin/staff/new", data={
        "name": "Ida", "email": "ida@example.dk", "role": "boss"})
    assert response.status_code == 422

    assert users_count() == before


def test_edit_person(f, admin_client):
    solstuen, maanestuen = f.team("Solstuen"), f.team("Månestuen")
    person = f.user(name="Karl", email="karl@example.dk", teams=[solstuen])
    response = admin_client.post(f"/admin/staff/{person.id}", data={
        "name": "Karl Åberg", "email": "karl.aaberg@example.dk", "role": "leader",
        "team_ids": [str(maanestuen.id)]}, follow_redirects=True)
    assert "The changes to Karl Åberg are saved." in page_text(response)
    db.session.refresh(person)
    assert (person.name, person.email, person.role) == (
        "Karl Åberg", "karl.aaberg@example.dk", "leader")
    assert person.team_ids == [maanestuen.id]
    text = page_text(admin_client.get("/admin/staff"))
    assert "Karl Åberg" in text and "Leader" in text


def test_edit_person_duplicate_email_changes_nothing(f, admin_client):
    f.user(email="taken@example.dk")
    person = f.user(name="Karl", email="karl@example.dk")
    response = admin_client.post(f"/admin/staff/{person.id}", data={
        "name": "Karl Nyt Navn", "email": "taken@example.dk", "role": "staff"})
    assert response.status_code == 422
    assert "Another account already uses this e-mail address." in page_text(response)
    db.session.refresh(person)
    assert (person.name, person.email) == ("Karl", "karl@example.dk")


def test_edit_rejects_team_of_another_institution(f, admin_client):
    other_team = f.team("Fremmed", institution=f.institution("Andet Hus"))
    person = f.user(name="Karl")
    response = admin_client.post(f"/admin/staff/{person.id}", data={
        "name": "Karl", "email": person.email, "role": "staff",
        "team_ids": [str(other_team.id)]})
    assert response.status_code == 422
    db.session.refresh(person)
    assert person.team_ids == []


def test_last_admin_cannot_lose_the_role(admin, admin_client):
    response = admin_client.post(f"/admin/staff/{admin.id}", data={
        "name": admin.name, "email": admin.email, "role": "staff"})
    assert response.status_code == 422
    assert "at least one active administrator" in page_text(response)
    db.session.refresh(admin)
    assert admin.role == "admin"


def test_deactivated_person_cannot_log_in_and_can_be_reactivated(app, f, admin_client):
    person = f.user(name="Lise", email="lise@example.dk")
    colleague = app.test_client()
    assert try_login(app, "lise@example.dk", PASSWORD).status_code == 302
    colleague.post("/login", data={"email": "lise@example.dk", "password": PASSWORD})
    assert colleague.get("/").status_code == 200

    response = admin_client.post(f"/admin/staff/{person.id}/deactivate",
                                 data={"confirmed": "1"}, follow_redirects=True)
    assert "Lise is deactivated and can no longer log in." in page_text(response)
    db.session.refresh(person)
    assert not person.active
    # The running session ends, and a new login is refused.
    assert colleague.get("/").status_code == 302
    response = try_login(app, "lise@example.dk", PASSWORD)
    assert response.status_code == 422
    assert "Wrong e-mail or password." in page_text(response) or \
        "Forkert e-mail eller adgangskode." in page_text(response)

    # Deactivated people are listed under their own filter.
    assert "Lise" not in page_text(admin_client.get("/admin/staff"))
    assert "Lise" in page_text(admin_client.get("/admin/staff?status=inactive"))

    admin_client.post(f"/admin/staff/{person.id}/reactivate")
    db.session.refresh(person)
    assert person.active
    assert try_login(app, "lise@example.dk", PASSWORD).status_code == 302


def test_deactivate_asks_first(f, admin_client):
    person = f.user(name="Lise")
    response = admin_client.post(f"/admin/staff/{person.id}/deactivate",
                                 data={"confirmed": "0"})
    assert response.status_code == 200
    assert "Deactivate Lise?" in page_text(response)
    db.session.refresh(person)
    assert person.active


def test_admin_cannot_deactivate_themselves(f, admin, admin_client):
    f.user(role="admin")  # not the last admin: the self-rule alone refuses
    response = admin_client.post(f"/admin/staff/{admin.id}/deactivate",
                                 data={"confirmed": "1"}, follow_redirects=True)
    assert "You cannot deactivate your own account." in page_text(response)
    db.session.refresh(admin)
    assert admin.active


def test_reset_password(app, f, admin_client):
    person = f.user(name="Mette", email="mette@example.dk")
    response = admin_client.post(f"/admin/staff/{person.id}/reset-password",
                                 data={"confirmed": "1"})
    assert response.status_code == 200
    text = page_text(response)
    assert "The password of Mette is reset." in text
    path = setup_link(text)

    # The old password no longer works.
    assert try_login(app, "mette@example.dk", PASSWORD).status_code == 422

    # The link lets her choose a new one and logs her in.
    colleague = app.test_client()
    assert colleague.get(path).status_code == 200
    response = colleague.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    home = colleague.get("/")
    assert home.status_code == 200 and "Mette" in page_text(home)
    # The link works once.
    assert app.test_client().get(path).status_code == 404
    assert try_login(app, "mette@example.dk", NEW_PASSWORD).status_code == 302


def test_reset_password_asks_first(f, admin_client):
    person = f.user(name="Mette")
    hash_before = person.password_hash
    response = admin_client.post(f"/admin/staff/{person.id}/reset-password",
                                 data={"confirmed": "0"})
    assert "Reset the password of Mette?" in page_text(response)
    db.session.refresh(person)
    assert person.password_hash == hash_before


def test_staff_list_filters_search_and_pages(f, admin_client):
    solstuen = f.team("Solstuen")
    for n in range(25):
        f.user(name=f"Pædagog {n:02d}", teams=[solstuen])
    f.user(name="Ørjan Ørsted")
    text = page_text(admin_client.get("/admin/staff"))
    assert "Page 1 of 2" in text
    assert "Administrator" in text  # role labels, not codes
    text = page_text(admin_client.get("/admin/staff?page=2"))
    assert "Pædagog 24" in text or "Ørjan Ørsted" in text

    text = page_text(admin_client.get(f"/admin/staff?team={solstuen.id}"))
    assert "Ørjan" not in text and "Pædagog 00" in text

    text = page_text(admin_client.get("/admin/staff?q=ørjan"))
    assert "Ørjan Ørsted" in text and "Pædagog" not in text
    text = page_text(admin_client.get("/admin/staff?q=zzz"))
    assert "Nobody matches." in text
    assert admin_client.get("/admin/staff?page=-3&status=weird&team=abc").status_code == 200
