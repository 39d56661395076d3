"""Photos on an observation's page: its author adds them (without JavaScript too), the
people who may read the observation see them, and consent is respected as on stories."""

from __future__ import annotations

import io

from observe.photos import services as photo_services
from tests.photos import images
from tests.photos.conftest import stored_files


def _upload(client, obs_id, **fields):
    data = {"file": (io.BytesIO(images.jpeg()), "foto.jpg"), "caption": "Samlingen", **fields}
    return client.post(f"/observations/{obs_id}/photos", data=data,
                       content_type="multipart/form-data")


def test_author_adds_a_photo_and_the_observed_colleague_sees_it(
        app, client, login, cast, make_observation, f):
    ida = f.child(team=cast.team, first_name="Ida", consent="internal")
    obs = make_observation(child_ids=[ida.id])
    login(cast.author)
    page = client.get(f"/observations/{obs.id}").get_data(as_text=True)
    assert f'action="/observations/{obs.id}/photos"' in page
    assert f'data-api-url="/api/v1/observations/{obs.id}/photos"' in page
    assert "js/photos.js" in page
    response = _upload(client, obs.id)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/observations/{obs.id}#photos")
    page = client.get(f"/observations/{obs.id}").get_data(as_text=True)
    assert "Samlingen" in page and "/photos/" in page
    [photo_id] = photo_services.photo_ids(obs)
    observed = login(cast.observed, c=app.test_client())
    seen = observed.get(f"/observations/{obs.id}").get_data(as_text=True)
    assert "Samlingen" in seen
    assert f'action="/observations/{obs.id}/photos"' not in seen  # only the author adds
    assert observed.get(f"/photos/{photo_id}/thumb").status_code == 200
    outsider = login(cast.outsider, c=app.test_client())
    assert outsider.get(f"/photos/{photo_id}/thumb").status_code == 404


def test_others_cannot_add_and_outsiders_see_nothing(app, client, login, cast,
                                                     make_observation):
    obs = make_observation(visibility="team")
    teammate = login(cast.teammate, c=app.test_client())
    page = teammate.get(f"/observations/{obs.id}").get_data(as_text=True)
    assert 'id="photos"' not in page  # no photos yet and not theirs to add
    assert _upload(teammate, obs.id).status_code == 403
    outsider = login(cast.outsider, c=app.test_client())
    assert _upload(outsider, obs.id).status_code == 404
    assert stored_files(app) == []


def test_child_without_consent_is_named_and_refused(app, client, login, cast,
                                                    make_observation, f):
    malik = f.child(team=cast.team, first_name="Malik", consent="none")
    obs = make_observation(child_ids=[malik.id])
    login(cast.author)
    page = client.get(f"/observations/{obs.id}").get_data(as_text=True)
    assert "consent-notice" in page and "Malik H." in page
    response = _upload(client, obs.id, child_ids=[str(malik.id)])
    assert response.status_code == 422
    assert "Malik H." in response.get_data(as_text=True)
    assert "Samlingen" in response.get_data(as_text=True)  # the caption is kept
    assert stored_files(app) == []


def test_refused_file_shows_the_page_with_the_reason(app, client, login, cast,
                                                     make_observation):
    obs = make_observation()
    login(cast.author)
    response = client.post(f"/observations/{obs.id}/photos", data={
        "file": (io.BytesIO(b"not an image at all"), "x.jpg")},
        content_type="multipart/form-data")
    assert response.status_code == 415
    assert 'role="alert"' in response.get_data(as_text=True)
    assert stored_files(app) == []
