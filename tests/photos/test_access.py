"""Who may see a photo: exactly who may see its record, and nobody once a child in it
has lost photo consent. Invisible is 404, never 403."""

from __future__ import annotations

import pytest

from observe.extensions import db
from observe.people import services as people
from tests.api.conftest import assert_error
from tests.photos import images
from tests.photos.conftest import stored_files, upload

ROLES = ("author", "colleague", "outsider", "leader", "admin", "foreign")


@pytest.fixture
def photo_id(world, client, login):
    login(world.author)
    response = upload(client, world.story.id, images.jpeg())
    assert response.status_code == 201, response.data
    client.post("/logout")
    return response.get_json()["id"]


@pytest.mark.parametrize("visibility", ["team", "private"])
@pytest.mark.parametrize("role", ROLES)
def test_photo_follows_story_visibility_for_every_role(
        app, world, photo_id, role, visibility, bearer, client):
    world.story.visibility = visibility
    db.session.commit()
    allowed = role == "author" or (visibility == "team" and role == "colleague")
    headers = bearer(getattr(world, role))
    for which in ("full", "thumb"):
        response = client.get(f"/photos/{photo_id}/{which}", headers=headers)
        assert response.status_code == (200 if allowed else 404), (role, which)
    api = client.get(f"/api/v1/photos/{photo_id}", headers=headers)
    assert api.status_code == (200 if allowed else 404)
    story = client.get(f"/api/v1/stories/{world.story.id}", headers=headers)
    assert story.status_code == (200 if allowed else 404)
    if allowed:
        assert story.get_json()["photo_ids"] == [photo_id]


def test_not_logged_in_is_sent_to_login(client, photo_id):
    response = client.get(f"/photos/{photo_id}/full")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_only_the_author_adds_or_deletes_photos(app, world, photo_id, bearer, client):
    colleague = bearer(world.colleague)
    assert upload(client, world.story.id, images.jpeg(),
                  headers=colleague).status_code == 403
    assert client.delete(f"/api/v1/photos/{photo_id}", headers=colleague).status_code == 403
    outsider = bearer(world.outsider)
    assert upload(client, world.story.id, images.jpeg(), headers=outsider).status_code == 404
    assert client.delete(f"/api/v1/photos/{photo_id}", headers=outsider).status_code == 404
    assert len(stored_files(app)) == 2
    author = bearer(world.author)
    assert client.delete(f"/api/v1/photos/{photo_id}", headers=author).status_code == 204
    assert stored_files(app) == []


def test_consent_none_blocks_linking_through_the_api(app, world, login, client):
    login(world.author)
    response = upload(client, world.story.id, images.jpeg(),
                      child_ids=f"{world.ida.id},{world.malik.id}")
    error = assert_error(response, 422, "validation_error")
    assert "Malik H." in error["fields"]["child_ids"]
    assert stored_files(app) == []
    # Defaults to the story's children: a story with Malik refuses a photo by default.
    world.story.children.append(world.malik)
    db.session.commit()
    assert upload(client, world.story.id, images.jpeg()).status_code == 422
    assert stored_files(app) == []
    # Explicitly without Malik it works.
    ok = upload(client, world.story.id, images.jpeg(), child_ids=str(world.ida.id))
    assert ok.status_code == 201 and ok.get_json()["child_ids"] == [world.ida.id]


def test_consent_none_blocks_linking_on_the_page_and_is_told_before(app, world, login,
                                                                  client):
    import io

    login(world.author)
    world.story.children.append(world.malik)
    db.session.commit()
    page = client.get(f"/stories/{world.story.id}")
    html = page.get_data(as_text=True)
    assert 'data-consent="none"' in html
    assert "Malik H." in html and "consent-notice" in html
    response = client.post(f"/stories/{world.story.id}/photos", data={
        "file": (io.BytesIO(images.jpeg()), "x.jpg"), "caption": "Tårnet",
        "child_ids": [str(world.ida.id), str(world.malik.id)]},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Malik H." in response.get_data(as_text=True)
    assert stored_files(app) == []


def test_withdrawn_consent_hides_photos_at_once(app, world, photo_id, login, client, bearer):
    login(world.author)
    assert client.get(f"/photos/{photo_id}/thumb").status_code == 200
    admin = bearer(world.admin)
    response = app.test_client().patch(f"/api/v1/children/{world.ida.id}",
                                       json={"photo_consent": "none"}, headers=admin)
    assert response.status_code == 200, response.data
    for which in ("full", "thumb"):
        assert client.get(f"/photos/{photo_id}/{which}").status_code == 404
    assert client.get(f"/api/v1/stories/{world.story.id}").get_json()["photo_ids"] == []
    assert f"/photos/{photo_id}/thumb" not in client.get(
        f"/stories/{world.story.id}").get_data(as_text=True)
    assert f"/photos/{photo_id}/thumb" not in client.get(
        f"/children/{world.noah.id}").get_data(as_text=True)
    # The admin sees it listed (without the picture) and deletes it; the files go.
    client.post("/logout")
    login(world.admin)
    listing = client.get("/photos/hidden").get_data(as_text=True)
    assert "Ida H." in listing and f"/photos/hidden/{photo_id}/delete" in listing
    assert f"/photos/{photo_id}/thumb" not in listing
    assert client.post(f"/photos/hidden/{photo_id}/delete",
                       data={"confirmed": "1"}).status_code == 302
    assert stored_files(app) == []


def test_hidden_list_is_for_admins_only(world, login, client):
    login(world.author)
    assert client.get("/photos/hidden").status_code == 403


def test_admin_cannot_delete_a_visible_photo_through_the_hidden_route(world, photo_id,
                                                                      login, client, app):
    people.update_child(world.ida, photo_consent="parents")
    db.session.commit()
    login(world.admin)
    assert client.post(f"/photos/hidden/{photo_id}/delete",
                       data={"confirmed": "1"}).status_code == 404
    assert len(stored_files(app)) == 2
