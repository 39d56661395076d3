"""/api/v1/stories: the same rules as the pages."""

from __future__ import annotations

from observe.extensions import db
from tests.api.conftest import assert_error
from tests.photos import images
from tests.photos.conftest import stored_files, upload


def test_create_get_patch_delete(app, world, bearer, client):
    headers = bearer(world.author)
    body = {"title": "Noah og billen", "story": "Noah fandt en bille.",
            "child_ids": [world.noah.id], "theme_ids": [], "next_steps": "Luper."}
    response = client.post("/api/v1/stories", json=body, headers=headers)
    assert response.status_code == 201, response.data
    story = response.get_json()
    assert story["visibility"] == "private" and story["team_id"] == world.team.id
    assert story["occurred_on"] and story["photo_ids"] == []
    url = response.headers["Location"]
    assert client.get(url, headers=bearer(world.colleague)).status_code == 404
    patched = client.patch(url, json={"visibility": "team"}, headers=headers)
    assert patched.get_json()["visibility"] == "team"
    assert client.get(url, headers=bearer(world.colleague)).status_code == 200
    assert client.patch(url, json={"title": "x"},
                        headers=bearer(world.colleague)).status_code == 403
    photo = upload(client, story["id"], images.jpeg(), headers=headers)
    assert photo.status_code == 201
    assert client.get(url, headers=headers).get_json()["photo_ids"] == [
        photo.get_json()["id"]]
    assert client.delete(url, headers=bearer(world.colleague)).status_code == 403
    assert client.delete(url, headers=headers).status_code == 204
    assert client.get(url, headers=headers).status_code == 404
    assert stored_files(app) == []


def test_validation(world, bearer, client):
    headers = bearer(world.author)
    error = assert_error(client.post("/api/v1/stories", json={"title": ""}, headers=headers),
                         422)
    assert {"title", "story", "child_ids"} <= set(error["fields"])
    long = {"title": "x" * 201, "story": "s" * 20001, "child_ids": [world.ida.id]}
    error = assert_error(client.post("/api/v1/stories", json=long, headers=headers), 422)
    assert {"title", "story"} <= set(error["fields"])
    other_child = {"title": "t", "story": "s", "child_ids": [999]}
    assert_error(client.post("/api/v1/stories", json=other_child, headers=headers), 422)
    bad = {"title": "t", "story": "s", "child_ids": [world.ida.id], "visibility": "all"}
    assert_error(client.post("/api/v1/stories", json=bad, headers=headers), 422)
    date = {"title": "t", "story": "s", "child_ids": [world.ida.id], "occurred_on": "x"}
    assert_error(client.post("/api/v1/stories", json=date, headers=headers), 422)


def test_list_filters(world, bearer, client):
    headers = bearer(world.author)
    for title, child in (("A", world.ida), ("B", world.noah)):
        client.post("/api/v1/stories", json={
            "title": title, "story": "s", "child_ids": [child.id],
            "occurred_on": "2024-03-01"}, headers=headers)
    everything = client.get("/api/v1/stories", headers=headers).get_json()
    assert everything["total"] == 3
    by_child = client.get(f"/api/v1/stories?child={world.noah.id}", headers=headers)
    assert {s["title"] for s in by_child.get_json()["items"]} == {"B", "Ida bygger et tårn"}
    dated = client.get("/api/v1/stories?from=2024-01-01&to=2024-12-31", headers=headers)
    assert dated.get_json()["total"] == 2
    assert_error(client.get("/api/v1/stories?from=igår", headers=headers), 400)
    colleague = client.get("/api/v1/stories", headers=bearer(world.colleague)).get_json()
    assert colleague["total"] == 1  # the two new ones are private drafts


def test_photo_upload_needs_multipart(world, bearer, client):
    headers = bearer(world.author)
    response = client.post(f"/api/v1/stories/{world.story.id}/photos", json={"file": "x"},
                           headers=headers)
    assert_error(response, 415)
    response = client.post(f"/api/v1/stories/{world.story.id}/photos", data={"caption": "x"},
                           headers=headers, content_type="multipart/form-data")
    assert_error(response, 422)


def test_observation_photos_follow_the_observation(app, world, bearer, client):
    from observe.observations import services as observations

    obs = observations.create_observation(world.author, {
        "body": "Under samlingen ventede hun.", "observed_ids": [world.colleague.id],
        "child_ids": [world.ida.id], "team_id": world.team.id, "visibility": "private"})
    db.session.commit()
    url = f"/api/v1/observations/{obs.id}/photos"
    response = client.post(url, data={"file": (__import__("io").BytesIO(images.jpeg()),
                                               "x.jpg")},
                           headers=bearer(world.author), content_type="multipart/form-data")
    assert response.status_code == 201, response.data
    photo = response.get_json()
    assert photo["child_ids"] == [world.ida.id]
    assert client.get(photo["thumb_url"], headers=bearer(world.author)).status_code == 200
    assert client.get(photo["thumb_url"], headers=bearer(world.colleague)).status_code == 404
    observations.delete_observation(obs, world.author)
    db.session.commit()
    assert stored_files(app) == []


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/stories", "/stories/{story_id}", "/stories/{story_id}/photos",
            "/observations/{observation_id}/photos", "/photos/{photo_id}"} <= set(paths)
    upload_op = paths["/stories/{story_id}/photos"]["post"]
    assert "multipart/form-data" in upload_op["requestBody"]["content"]
    assert {"413", "415", "422"} <= set(upload_op["responses"])
