"""Story pages through HTTP: write, view per role, edit, comment, delete, portfolio, print."""

from __future__ import annotations

import datetime as dt

import pytest

from observe.extensions import db
from observe.stories.models import Story, StoryComment
from tests.photos import images
from tests.photos.conftest import stored_files, upload


def form_data(world, **extra):
    data = {"title": "Noah finder en bille", "occurred_on": dt.date.today().isoformat(),
            "child_ids": [str(world.noah.id)], "story": "Noah lå på maven i græsset.",
            "learning": "Noah undersøger med tålmodighed.", "next_steps": "Vi henter luper.",
            "child_voice": "", "parent_voice": "", "team_id": str(world.team.id),
            "visibility": "team"}
    data.update(extra)
    return data


def test_write_a_story_and_see_it(world, login, client):
    login(world.author)
    form = client.get("/stories/new").get_data(as_text=True)
    assert 'data-draft-key="story:new"' in form and "drafts.js" in form
    response = client.post("/stories/new", data=form_data(world, then="photos"))
    assert response.status_code == 302
    story = db.session.query(Story).filter_by(title="Noah finder en bille").one()
    assert response.headers["Location"].endswith(f"/stories/{story.id}#photos")
    page = client.get(f"/stories/{story.id}").get_data(as_text=True)
    assert "Noah H." in page and "Vi henter luper." in page
    assert 'accept="image/*"' in page and "data-photo-upload" in page
    assert 'data-draft-saved="story:new"' in page


@pytest.mark.parametrize("missing", ["title", "story", "child_ids"])
def test_a_refused_story_is_shown_again_with_422(world, login, client, missing):
    login(world.author)
    data = form_data(world)
    data.pop(missing)
    response = client.post("/stories/new", data=data)
    assert response.status_code == 422
    assert "Noah lå på maven" in response.get_data(as_text=True) or missing == "story"
    assert db.session.query(Story).count() == 1  # only the world's story


@pytest.mark.parametrize(("role", "visibility", "status"), [
    ("author", "private", 200), ("colleague", "private", 404), ("colleague", "team", 200),
    ("outsider", "team", 404), ("leader", "team", 404), ("admin", "team", 404),
    ("admin", "private", 404), ("foreign", "team", 404),
])
def test_story_page_visibility(world, login, client, role, visibility, status):
    world.story.visibility = visibility
    db.session.commit()
    login(getattr(world, role))
    for path in ("", "/print"):
        assert client.get(f"/stories/{world.story.id}{path}").status_code == status
    listing = client.get("/stories/").get_data(as_text=True)
    assert (world.story.title in listing) == (status == 200)
    portfolio = client.get(f"/children/{world.ida.id}")
    if role != "foreign":
        assert (world.story.title in portfolio.get_data(as_text=True)) == (status == 200)
    else:
        assert portfolio.status_code == 404


def test_only_the_author_edits_and_deletes(world, login, client):
    login(world.colleague)
    page = client.get(f"/stories/{world.story.id}").get_data(as_text=True)
    assert f"/stories/{world.story.id}/edit" not in page
    assert client.get(f"/stories/{world.story.id}/edit").status_code == 403
    assert client.post(f"/stories/{world.story.id}/delete",
                       data={"confirmed": "1"}).status_code == 403


def test_edit_keeps_what_is_not_sent(world, login, client):
    login(world.author)
    data = form_data(world, title="Ida bygger et endnu højere tårn",
                     child_ids=[str(world.ida.id)])
    assert client.post(f"/stories/{world.story.id}/edit", data=data).status_code == 302
    db.session.refresh(world.story)
    assert world.story.title == "Ida bygger et endnu højere tårn"


def test_delete_asks_then_removes_the_story_and_its_files(app, world, login, client):
    login(world.author)
    upload(client, world.story.id, images.jpeg())
    upload(client, world.story.id, images.jpeg())
    assert len(stored_files(app)) == 4
    ask = client.post(f"/stories/{world.story.id}/delete")
    assert ask.status_code == 200 and stored_files(app)
    done = client.post(f"/stories/{world.story.id}/delete", data={"confirmed": "1"})
    assert done.status_code == 302
    assert stored_files(app) == []
    assert db.session.get(Story, world.story.id) is None


def test_comments_by_team_members_edit_only_own(world, login, client, app):
    login(world.colleague)
    assert client.post(f"/stories/{world.story.id}/comments",
                       data={"body": "Flot iagttaget!"}).status_code == 302
    comment = db.session.query(StoryComment).one()
    other = app.test_client()
    login(world.author, c=other)
    assert "Flot iagttaget!" in other.get(f"/stories/{world.story.id}").get_data(as_text=True)
    assert other.get(f"/stories/comments/{comment.id}/edit").status_code == 403
    assert other.post(f"/stories/comments/{comment.id}/delete",
                      data={"confirmed": "1"}).status_code == 403
    assert client.post(f"/stories/comments/{comment.id}/edit",
                       data={"body": "Rettet"}).status_code == 302
    assert client.post(f"/stories/comments/{comment.id}/delete",
                       data={"confirmed": "1"}).status_code == 302
    assert db.session.query(StoryComment).count() == 0
    outsider = app.test_client()
    login(world.outsider, c=outsider)
    assert outsider.post(f"/stories/{world.story.id}/comments",
                         data={"body": "x"}).status_code == 404


def test_portfolio_and_child_list(world, login, client):
    world.story.next_steps = "Vi bygger videre med store klodser."
    db.session.commit()
    login(world.author)
    upload(client, world.story.id, images.jpeg())
    children = client.get("/children/").get_data(as_text=True)
    assert "Ida H." in children and "Malik H." in children
    page = client.get(f"/children/{world.ida.id}").get_data(as_text=True)
    assert world.story.title in page
    assert "/thumb" in page
    assert "Vi bygger videre med store klodser." in page
    response = client.post(f"/stories/{world.story.id}/follow-up",
                           data={"done": "1", "back": "portfolio", "child": world.ida.id})
    assert response.status_code == 302
    page = client.get(f"/children/{world.ida.id}").get_data(as_text=True)
    assert "Vi bygger videre med store klodser." not in page
    assert world.story.next_steps_done and world.story.next_steps_done_on


def test_print_view_has_photos_and_no_navigation(world, login, client):
    login(world.author)
    upload(client, world.story.id, images.jpeg())
    html = client.get(f"/stories/{world.story.id}/print").get_data(as_text=True)
    assert world.story.title in html and "/full" in html
    assert "main-nav" not in html and "<script" not in html and "style=" not in html
    assert "print.css" in html
