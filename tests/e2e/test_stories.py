"""In a real browser at a tablet viewport: write a learning story, add two photos with
progress, share it with the team, find it on the child's portfolio, print it."""

from __future__ import annotations

from playwright.sync_api import expect

from observe.extensions import db
from observe.people import services as people
from observe.stories.models import Story
from tests.factories import PASSWORD
from tests.photos import images


def _seed(app):
    from observe.auth.passwords import hash_password
    from observe.people.models import User

    with app.app_context():
        inst = people.get_or_create_institution("Børnehuset Mælkebøtten")
        team = people.create_team(inst.id, "Solsikken")
        db.session.add(User(institution_id=inst.id, name="Sanne Skovgaard",
                            email="sanne@example.dk", role="staff",
                            password_hash=hash_password(PASSWORD), teams=[team]))
        ida = people.create_child(inst.id, first_name="Ida", last_initial="H",
                                  team_id=team.id, photo_consent="internal")
        people.create_child(inst.id, first_name="Malik", last_initial="S",
                            team_id=team.id, photo_consent="none")
        db.session.commit()
        return ida.id


def test_write_photograph_share_find_and_print(live_app, live_server, page, shot, tmp_path):
    ida_id = _seed(live_app)
    photo_files = []
    for number, orientation in ((1, 6), (2, 1)):
        path = tmp_path / f"IMG_000{number}.jpg"
        path.write_bytes(images.jpeg(800, 600, orientation=orientation, gps=True))
        photo_files.append(str(path))

    page.goto(live_server + "/login")
    page.get_by_label("E-mail").fill("sanne@example.dk")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Hej, Sanne")).to_be_visible()
    page.goto(live_server + "/stories/new")
    page.locator("#title").fill("Ida bygger det højeste tårn")
    page.locator(f'input[name="child_ids"][value="{ida_id}"]').check()
    page.locator("#story").fill("Ida hentede alle de store klodser og byggede et tårn.")
    page.locator("#learning").fill("Ida holder fast i en idé og prøver en ny vej.")
    page.locator("#next_steps").fill("Vi stiller planker frem ved formiddagslegen.")
    # The consent is told before any photo: Malik is marked in the children list.
    expect(page.locator(".story-form li.no-consent")).to_contain_text("Malik S.")
    shot("form")
    page.locator('button[name="then"][value="photos"]').click()

    # Saved as a private draft; the photo form is on the story page.
    upload = page.locator("form[data-photo-upload]")
    expect(upload).to_be_visible()
    upload.locator('input[type="file"]').set_input_files(photo_files)
    upload.locator("#photo-caption").fill("Tårnet når vindueskarmen")
    shot("photos-chosen")
    upload.locator('button[type="submit"]').click()
    expect(page.locator(".photo-grid img")).to_have_count(2, timeout=20_000)
    shot("photos-uploaded")
    for index in range(2):
        assert page.locator(".photo-grid img").nth(index).evaluate(
            "img => img.complete && img.naturalWidth > 0")

    with live_app.app_context():
        story = db.session.query(Story).one()
        story_id = story.id
        assert story.visibility == "private"
    page.goto(f"{live_server}/stories/{story_id}/edit")
    page.locator('input[name="visibility"][value="team"]').check()
    page.locator(".story-form button[type=submit]").first.click()
    expect(page.locator("h1")).to_have_text("Ida bygger det højeste tårn")
    with live_app.app_context():
        assert db.session.get(Story, story_id).visibility == "team"

    page.goto(f"{live_server}/children/{ida_id}")
    expect(page.get_by_role("article").get_by_role(
        "link", name="Ida bygger det højeste tårn")).to_be_visible()
    expect(page.locator(".story-card .thumb-row img")).to_have_count(2)
    expect(page.locator(".next-step")).to_contain_text("planker")
    shot("portfolio")

    page.goto(f"{live_server}/stories/{story_id}/print")
    expect(page.locator("h1")).to_have_text("Ida bygger det højeste tårn")
    expect(page.locator(".print-photos img")).to_have_count(2)
    expect(page.locator(".main-nav")).to_have_count(0)
    page.emulate_media(media="print")
    shot("print")
    pdf = page.pdf(format="A4") if hasattr(page, "pdf") else b""
    assert pdf[:4] == b"%PDF"
