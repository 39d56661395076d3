"""In a real browser at a tablet viewport: "kom og kig med" from request to team feed,
and a draft that survives a reload and a lost connection.

Selectors use names and URLs rather than visible words, so the tests hold in Danish
and English alike.
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from observe.extensions import db
from observe.observations.models import Observation, ObservationRequest
from observe.people import services as people
from tests.factories import PASSWORD


def _seed(app) -> dict[str, int]:
    from observe.auth.passwords import hash_password
    from observe.people.models import User

    with app.app_context():
        inst = people.get_or_create_institution("Børnehuset Mælkebøtten")
        team = people.create_team(inst.id, "Solsikken")
        ids = {}
        for key, name in (("ole", "Ole Olsen"), ("anne", "Anne Andersen"),
                          ("tina", "Tina Thomsen")):
            user = User(institution_id=inst.id, name=name, email=f"{key}@example.dk",
                        password_hash=hash_password(PASSWORD), teams=[team])
            db.session.add(user)
            db.session.flush()
            ids[key] = user.id
        db.session.commit()
        return ids


def _login(page, server, key):
    page.goto(server + "/login")
    page.fill('input[name="email"]', f"{key}@example.dk")
    page.fill('input[name="password"]', PASSWORD)
    page.locator('form button[type="submit"]').last.click()
    expect(page.locator(".main-nav")).to_be_visible()


def _logout(page):
    page.locator('form[action="/logout"] button').click()
    expect(page.locator('input[name="email"]')).to_be_visible()


def test_request_accept_observe_respond_share(live_app, live_server, page, shot):
    ids = _seed(live_app)
    focus = "Hvem får ordet i samlingen, og hvem gør ikke?"

    _login(page, live_server, "ole")
    page.goto(live_server + "/requests/new")
    page.check(f'input[name="invitee_ids"][value="{ids["anne"]}"]')
    page.fill('textarea[name="focus"]', focus)
    page.select_option('select[name="situation_choice"]', "samling")
    shot("request-form")
    page.locator('form[data-draft-key="request:new"] button[type="submit"]').click()
    expect(page).to_have_url(re.compile(r"/requests/\d+$"))
    _logout(page)

    _login(page, live_server, "anne")
    expect(page.locator('a[data-nav="requests"] .nav-count')).to_have_text("1")
    page.locator('a[data-nav="requests"]').click()
    page.locator(".request-item h3 a").first.click()
    shot("request")
    page.locator('button[formaction$="/accept"]').click()
    expect(page.locator('a[href$=".ics"]')).to_be_visible()

    # Writing the observation: the taps a pedagogue makes on the tablet.
    started = time.monotonic()
    page.locator('a[href*="/observations/new?request="]').first.click()  # tap 1
    expect(page.locator(".focus-card")).to_contain_text(focus)
    # Observed colleague, situation, time and team are pre-filled from the request.
    expect(page.locator(f'input[name="observed_ids"][value="{ids["ole"]}"]')).to_be_checked()
    page.fill('textarea[name="body"]',  # tap 2 + typing
              "Ole ventede, til alle sad ned. Da Malik afbrød, sagde Ole: "
              "'Du får ordet lige efter Ida.' Malik ventede.")
    page.fill('textarea[name="wonderings"]', "Hvad sker der, hvis Ida får ordet først?")
    shot("observation-form")
    page.locator('form.obs-form button[type="submit"]').click()  # tap 3
    expect(page).to_have_url(re.compile(r"/observations/\d+$"))
    print(f"observation from request: {time.monotonic() - started:.1f}s (browser time)")
    shot("observation")
    with live_app.app_context():
        assert db.session.scalar(db.select(ObservationRequest.status)) == "done"
    _logout(page)

    _login(page, live_server, "ole")
    page.goto(live_server + "/observations/of-me")
    page.locator(".obs-card h2 a").first.click()
    page.fill('textarea[name="response"]', "Jeg vil prøve at lade Ida starte i morgen.")
    page.locator('form[action$="/response"] button[type="submit"]').click()
    expect(page.locator('input[name="visibility"][value="team"]')).to_have_count(1)
    page.locator('form:has(input[name="visibility"][value="team"]) button').click()
    expect(page.locator('input[name="visibility"][value="team"]')).to_have_count(0)
    shot("shared")
    _logout(page)

    _login(page, live_server, "tina")
    page.goto(live_server + "/observations/team")
    expect(page.locator(".obs-card")).to_have_count(1)
    expect(page.locator(".obs-card")).to_contain_text("Ole ventede")
    shot("team-feed")


def test_draft_survives_reload_and_offline_save(live_app, live_server, page, shot):
    ids = _seed(live_app)
    _login(page, live_server, "anne")
    page.goto(live_server + "/observations/new")
    page.check(f'input[name="observed_ids"][value="{ids["ole"]}"]')
    text = "Under frokosten rejste Ole sig to gange. Begge gange blev der uro ved bordet."
    page.fill('textarea[name="body"]', text)
    page.wait_for_timeout(600)  # the autosave is debounced

    page.reload()  # an accidental reload: the draft comes back, and the user is told
    expect(page.locator('textarea[name="body"]')).to_have_value(text)
    expect(page.locator(f'input[name="observed_ids"][value="{ids["ole"]}"]')).to_be_checked()
    expect(page.locator("[data-draft-status]")).to_be_visible()
    shot("restored")

    page.context.set_offline(True)
    page.locator('form.obs-form button[type="submit"]').click()
    status = page.locator("[data-draft-status]")
    expect(status).to_contain_text("Du er offline – kladden er gemt på enheden")
    expect(page.locator('textarea[name="body"]')).to_have_value(text)
    shot("offline")
    with live_app.app_context():
        assert db.session.scalar(db.select(db.func.count(Observation.id))) == 0

    page.context.set_offline(False)  # the "online" event sends it again
    expect(page).to_have_url(re.compile(r"/observations/\d+$"))
    expect(page.locator("main")).to_contain_text("Under frokosten rejste Ole sig")
    with live_app.app_context():
        assert db.session.scalar(db.select(Observation.body)) == text
    page.reload()
    expect(page.locator("main")).to_contain_text("Under frokosten rejste Ole sig")
    # Saved: the draft is gone from the device, the next form starts empty.
    page.goto(live_server + "/observations/new")
    expect(page.locator('textarea[name="body"]')).to_have_value("")
    shot("saved")
