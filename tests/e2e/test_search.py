"""In a real browser: search from the header, tap a facet chip, open a result."""

from __future__ import annotations

from playwright.sync_api import expect

from observe.auth.passwords import hash_password
from observe.extensions import db
from observe.observations import services as obs_services
from observe.people import services as people
from observe.people.models import User
from observe.search import writer
from observe.stories import services as story_services
from tests.factories import PASSWORD


def _seed(app):
    with app.app_context():
        inst = people.get_or_create_institution("Børnehuset Mælkebøtten")
        team = people.create_team(inst.id, "Solsikken")
        anne = User(institution_id=inst.id, name="Anne Pædagog", email="anne@example.dk",
                    role="staff", password_hash=hash_password(PASSWORD), teams=[team])
        bo = User(institution_id=inst.id, name="Bo Kollega", email="bo@example.dk",
                  role="staff", password_hash=hash_password(PASSWORD), teams=[team])
        db.session.add_all([anne, bo])
        db.session.commit()
        child = people.create_child(inst.id, first_name="Sofie", last_initial="L",
                                    birth_date=None, team_id=team.id,
                                    photo_consent="internal")
        db.session.commit()
        obs_services.create_observation(anne, {
            "body": "Børnene legede med klodser, og Malik byggede et tårn.",
            "observed_ids": [bo.id]})
        db.session.commit()
        story = story_services.create_story(anne, {
            "title": "Sofie bygger en bro", "story": "Sofie leger med klodserne hele formiddagen.",
            "child_ids": [child.id], "team_id": team.id, "visibility": "team",
            "occurred_on": "2025-03-03"})
        db.session.commit()
        writer.wait_idle(app)
        return story.id


def test_search_tap_facet_open_result(live_app, live_server, page, shot):
    story_id = _seed(live_app)
    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill("anne@example.dk")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    box = page.locator("#header-q")
    box.fill("leg")
    box.press("Enter")
    expect(page.locator(".result-card")).to_have_count(2)
    expect(page.locator(".result-snippet mark").first).to_be_visible()
    shot("results")

    page.locator('a.chip[data-facet="kind"][href*="kind=story"]').click()
    expect(page.locator(".result-card")).to_have_count(1)
    expect(page.locator('a.chip-selected[data-facet="kind"]')).to_be_visible()
    shot("facet")

    page.locator(".result-title a").first.click()
    expect(page).to_have_url(f"{live_server}/stories/{story_id}")
    expect(page.get_by_role("heading", name="Sofie bygger en bro")).to_be_visible()
    shot("opened")
