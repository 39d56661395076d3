"""In a real browser at a tablet viewport: an admin logs in, adds a child, logs out."""

from __future__ import annotations

from playwright.sync_api import expect

from observe.extensions import db
from observe.people import services as people
from observe.people.models import Child
from tests.factories import PASSWORD


def _seed_admin(app):
    from observe.auth.passwords import hash_password
    from observe.people.models import User

    with app.app_context():
        inst = people.get_or_create_institution("Børnehuset Mælkebøtten")
        team = people.create_team(inst.id, "Solsikken")
        db.session.add(User(institution_id=inst.id, name="Anne Administrator",
                            email="anne@example.dk", role="admin",
                            password_hash=hash_password(PASSWORD), teams=[team]))
        db.session.commit()


def test_admin_logs_in_adds_a_child_and_logs_out(live_app, live_server, page, shot):
    _seed_admin(live_app)
    page.goto(live_server + "/")
    expect(page).to_have_url(live_server + "/login?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_label("E-mail").fill("anne@example.dk")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    shot("login")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Hej, Anne")).to_be_visible()
    shot("home")

    page.get_by_role("link", name="Administration").first.click()
    page.get_by_role("navigation", name="Administration").get_by_role(
        "link", name="Børn").click()
    page.get_by_role("link", name="Tilføj et barn").first.click()
    page.get_by_label("Fornavn").fill("Sofie")
    page.get_by_label("Første bogstav i efternavnet").fill("L")
    page.get_by_label("Fødselsdato").fill("2021-03-14")
    page.get_by_label("Samtykke til billeder").select_option("internal")
    shot("child-form")
    page.get_by_role("button", name="Tilføj et barn").click()
    expect(page.get_by_text("Sofie L.").first).to_be_visible()
    shot("children")

    with live_app.app_context():
        child = db.session.scalar(db.select(Child).where(Child.first_name == "Sofie"))
        assert child is not None and child.photo_consent == "internal"

    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_role("heading", name="Log ind")).to_be_visible()
    page.goto(live_server + "/admin/")
    expect(page).to_have_url(live_server + "/login?next=/admin/")
    shot("logged-out")


def test_tablet_layout_has_large_touch_targets(live_app, live_server, page):
    _seed_admin(live_app)
    page.goto(live_server + "/login")
    for locator in (page.get_by_role("button", name="Log ind"), page.get_by_label("E-mail")):
        box = locator.bounding_box()
        assert box["height"] >= 44
