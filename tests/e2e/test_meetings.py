"""In a real browser at a tablet viewport: search → add to meeting → phases A-B-C →
follow up in the next meeting."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from observe.db import utcnow
from observe.extensions import db
from observe.meetings import services as meetings
from observe.meetings.models import AgendaItem, DevelopmentPoint, FollowUp
from observe.observations import services as observations
from observe.people import services as people
from tests.factories import PASSWORD


def _seed(app):
    from observe.auth.passwords import hash_password
    from observe.people.models import User

    with app.app_context():
        inst = people.get_or_create_institution("Børnehuset Mælkebøtten")
        team = people.create_team(inst.id, "Solsikken")
        users = {}
        for key, name, role in (("mette", "Mette Brøndum", "resource"),
                                ("anne", "Anne Kjærgaard", "staff"),
                                ("ole", "Ole Hansen", "staff")):
            users[key] = User(institution_id=inst.id, name=name, email=f"{key}@example.dk",
                              role=role, password_hash=hash_password(PASSWORD), teams=[team])
            db.session.add(users[key])
        db.session.flush()
        obs = observations.create_observation(users["anne"], {
            "observed_ids": [users["ole"].id], "team_id": team.id, "situation": "garderobe",
            "body": "I garderoben ventede Ole, til Malik selv fik lynlåsen op."})
        observations.share_observation(obs, users["ole"])
        meeting = meetings.create_meeting(users["mette"], {
            "team_id": team.id, "title": "Overgange", "focus": "Hvem venter på hvem?",
            "starts_at": utcnow() + dt.timedelta(days=2)})
        db.session.commit()
        return meeting.id, obs.id


def _next_phase(page):
    page.locator("form.phase-controls button.button-primary").click()


def test_search_add_run_and_follow_up(live_app, live_server, page, shot):
    meeting_id, obs_id = _seed(live_app)
    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill("mette@example.dk")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()

    # Search, and add the result to the meeting.
    page.goto(live_server + "/search?q=lynlåsen")
    result = page.locator(".result-card").first
    expect(result).to_be_visible()
    shot("search")
    result.locator("form.add-to-meeting button").click()
    page.goto(f"{live_server}/meetings/{meeting_id}")
    expect(page.locator(".agenda-item").first).to_contain_text("lynlåsen")
    shot("agenda")

    # Phase A: my own reflection, then the reveal.
    _next_phase(page)
    expect(page).to_have_url(f"{live_server}/meetings/{meeting_id}/phase/a")
    page.locator(".reflection-form textarea").first.fill("Ole gav Malik tid.")
    page.locator(".reflection-form button").first.click()
    page.locator(f"form[action='/meetings/{meeting_id}/reveal'] button").click()
    expect(page.locator(".reflections")).to_contain_text("Ole gav Malik tid.")
    shot("phase-a")

    # Phase B: notes autosave while typing.
    _next_phase(page)
    page.locator(".notes-form textarea").first.fill("Vi vil give børnene mere tid.")
    expect(page.locator(".autosave-status").first).to_contain_text("✓", timeout=5000)
    with live_app.app_context():
        assert db.session.scalar(db.select(AgendaItem.notes)) == "Vi vil give børnene mere tid."
    shot("phase-b")

    # Phase C: a development point.
    _next_phase(page)
    page.locator("#title").fill("Vi venter fem sekunder ved påklædning")
    page.locator("#plan").fill("Vi noterer, hvad børnene selv prøver.")
    page.locator("form[action$='/points'] button[type=submit]").click()
    expect(page.locator(".point").first).to_contain_text("fem sekunder")
    shot("phase-c")
    _next_phase(page)  # close the meeting: the minutes
    expect(page.locator(".minutes")).to_contain_text("fem sekunder")
    shot("minutes")

    # The next meeting: the point waits at the top of the agenda.
    page.goto(live_server + "/meetings/new")
    page.locator("#title").fill("Næste møde")
    soon = (dt.datetime.now() + dt.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    page.locator("#starts_at").fill(soon)
    page.locator("form.card button.button-primary[type=submit]").click()
    follow = page.locator("#follow-up .point").first
    expect(follow).to_contain_text("fem sekunder")
    follow.locator("input[value=continued]").check()
    follow.locator("textarea[name=note]").fill("Det virker. Vi fortsætter.")
    follow.locator("button[type=submit]").click()
    expect(page.locator("#follow-up .notice")).to_contain_text("Det virker")
    shot("follow-up")
    with live_app.app_context():
        assert db.session.scalar(db.select(DevelopmentPoint.status)) == "continued"
        assert db.session.scalar(db.select(FollowUp.note)) == "Det virker. Vi fortsætter."


def _login(page, live_server, email):
    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()


def test_two_note_takers_see_each_others_text(live_app, live_server, page, browser, shot):
    """Anne and Ole both have phase B open. Anne's notes autosave first; Ole's
    autosave is refused: he sees Anne's text above his own, which stays in the box;
    he combines them and saves."""
    meeting_id, _obs_id = _seed(live_app)
    with live_app.app_context():
        from observe.meetings.models import Meeting

        meeting = db.session.get(Meeting, meeting_id)
        meetings.add_free_item(meeting, meeting.facilitator, {"title": "Frokosten"})
        meeting.phase = "b"
        db.session.commit()
    other = browser.new_context(viewport={"width": 768, "height": 1024}, locale="da-DK",
                                has_touch=True).new_page()
    try:
        _login(page, live_server, "anne@example.dk")
        _login(other, live_server, "ole@example.dk")
        for p in (page, other):
            p.goto(f"{live_server}/meetings/{meeting_id}/phase/b")
        page.locator(".notes-form textarea").first.fill("Anne: vi venter for længe.")
        expect(page.locator(".autosave-status").first).to_contain_text("✓", timeout=5000)
        box = other.locator(".notes-form textarea").first
        box.fill("Ole: Malik hjalp de andre.")
        clash = other.locator(".notes-conflict").first
        expect(clash).to_be_visible(timeout=5000)
        expect(clash).to_contain_text("Anne: vi venter for længe.")
        expect(box).to_have_value("Ole: Malik hjalp de andre.")
        shot("notes-conflict", of=other)
        box.fill("Anne: vi venter for længe.\nOle: Malik hjalp de andre.")
        other.locator(".notes-form button[type=submit]").first.click()
        expect(clash).to_be_hidden(timeout=5000)
        with live_app.app_context():
            notes = db.session.scalar(db.select(AgendaItem.notes))
        # (a browser sends a textarea's line breaks as CRLF)
        combined = "Anne: vi venter for længe.\nOle: Malik hjalp de andre."
        assert notes.replace("\r\n", "\n") == combined
    finally:
        other.context.close()
