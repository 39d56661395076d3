"""Upload refusals (each writes nothing) and the cleaning of accepted photos."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from observe.extensions import db
from observe.photos.models import Photo
from tests.api.conftest import assert_error
from tests.conftest import make_test_app
from tests.photos import images
from tests.photos.conftest import stored_files, upload


@pytest.fixture
def author(world, login):
    return login(world.author)


@pytest.mark.parametrize(("data", "name", "status", "code"), [
    (images.NOT_AN_IMAGE, "foto.jpg", 415, "not_image"),
    (images.SVG, "tegning.svg", 415, "svg"),
    (images.SVG, "foto.png", 415, "svg"),
    (images.truncated_jpeg(), "foto.jpg", 415, "damaged"),
    (images.png_bomb(), "bombe.png", 413, "too_many_pixels"),
    (images.encoded("GIF"), "animation.gif", 415, "unsupported"),
    (images.encoded("BMP"), "skærm.bmp", 415, "unsupported"),
    (images.encoded("TIFF"), "scan.tif", 415, "unsupported"),
])
def test_refused_uploads_answer_clearly_and_write_nothing(
        app, world, author, data, name, status, code):
    response = upload(author, world.story.id, data, name)
    error = assert_error(response, status, code)
    assert "file" in error["fields"]
    assert stored_files(app) == []
    assert db.session.query(Photo).count() == 0


def test_pixel_limit_from_config_is_checked_before_decoding(tmp_path, database_url, f):
    from observe.stories import services as stories

    app = make_test_app(tmp_path, database_url, MAX_IMAGE_PIXELS=10_000)
    with app.app_context():
        team = f.team()
        user = f.user(teams=[team])
        child = f.child(team=team)
        story = stories.create_story(user, {"title": "T", "story": "S",
                                            "child_ids": [child.id]})
        db.session.commit()
        client = app.test_client()
        client.post("/login", data={"email": user.email, "password": "korrekt-hest-batteri"})
        response = upload(client, story.id, images.jpeg(200, 100), "stor.jpg")
        assert_error(response, 413, "too_many_pixels")
        assert stored_files(app) == []
        ok = upload(client, story.id, images.jpeg(100, 100), "lille.jpg")
        assert ok.status_code == 201, ok.data


def test_oversized_file_is_refused_with_413(tmp_path, database_url, f):
    from observe.stories import services as stories

    app = make_test_app(tmp_path, database_url, MAX_UPLOAD_BYTES=2000)
    with app.app_context():
        team = f.team()
        user = f.user(teams=[team])
        child = f.child(team=team)
        story = stories.create_story(user, {"title": "T", "story": "S",
                                            "child_ids": [child.id]})
        db.session.commit()
        client = app.test_client()
        client.post("/login", data={"email": user.email, "password": "korrekt-hest-batteri"})
        data = images.jpeg(300, 300)
        assert len(data) > 2000
        response = upload(client, story.id, data)
        error = assert_error(response, 413, "too_large")
        assert "MB" in error["message"]
        assert stored_files(app) == []
        # The page route says the same, beside the form, and writes nothing either.
        page = client.post(f"/stories/{story.id}/photos",
                           data={"file": (io.BytesIO(data), "x.jpg")},
                           content_type="multipart/form-data")
        assert page.status_code == 413
        assert stored_files(app) == []


def test_gps_exif_and_orientation_are_applied_then_removed(app, world, author):
    data = images.jpeg(64, 48, orientation=6, gps=True, icc=True, comment=True)
    original = Image.open(io.BytesIO(data))
    assert original.getexif().get_ifd(0x8825)  # the upload does carry GPS
    response = upload(author, world.story.id, data)
    assert response.status_code == 201, response.data
    body = response.get_json()
    assert (body["width"], body["height"]) == (48, 64)  # rotated: width and height swap
    for url in (body["url"], body["thumb_url"]):
        served = author.get(url)
        assert served.status_code == 200
        assert served.headers["Content-Type"] == "image/jpeg"
        assert served.headers["X-Content-Type-Options"] == "nosniff"
        assert "private" in served.headers["Cache-Control"]
        image = Image.open(io.BytesIO(served.data))
        assert image.format == "JPEG"
        assert image.size == (48, 64)
        assert not image.getexif()
        assert set(image.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density",
                                   "dpi", "progressive", "progression"}, image.info
        for marker in (b"Exif", b"GPS", b"ICC_PROFILE", b"http://ns.adobe.com/xap",
                       b"Photoshop", b"Solsikken", b"iPad"):
            assert marker not in served.data
        # The blue marker was top-left; orientation 6 turns it to the top-right.
        rgb = image.convert("RGB")
        r, g, b = rgb.getpixel((image.width - 3, 3))
        assert b > 150 and r < 100


@pytest.mark.parametrize(("data", "name"), [
    (images.encoded("PNG", 40, 30), "tegning.png"),
    (images.encoded("WEBP", 40, 30), "foto.webp"),
    (images.heic(64, 48), "IMG_0001.HEIC"),
])
def test_png_webp_and_heic_are_accepted_as_clean_jpeg(app, world, author, data, name):
    response = upload(author, world.story.id, data, name)
    assert response.status_code == 201, response.data
    served = author.get(response.get_json()["url"])
    image = Image.open(io.BytesIO(served.data))
    assert image.format == "JPEG" and not image.getexif()
    assert "icc_profile" not in image.info


def test_big_photo_is_resized_and_gets_a_thumbnail(app, world, author):
    response = upload(author, world.story.id, images.jpeg(3000, 1200))
    body = response.get_json()
    assert (body["width"], body["height"]) == (2560, 1024)
    thumb = Image.open(io.BytesIO(author.get(body["thumb_url"]).data))
    assert max(thumb.size) == 480


def test_stored_names_are_random_and_never_the_users(app, world, author):
    upload(author, world.story.id, images.jpeg(), "../../etc/Ida på gyngen.jpg")
    names = [p.name for p in stored_files(app)]
    assert len(names) == 2
    assert all("Ida" not in n and "etc" not in n and n.endswith(".jpg") for n in names)
    assert all(len(n) > 30 for n in names)


def test_a_failed_request_after_writing_leaves_no_files(app, world):
    """Files written for a photo go again when the transaction rolls back."""
    from observe.photos import services as photos

    class Upload:
        def __init__(self, data):
            self.stream = io.BytesIO(data)
            self.filename = "x.jpg"

        def read(self, n=-1):
            return self.stream.read(n)

    with app.test_request_context():
        photos.attach_photo(world.story, Upload(images.jpeg()), "", None, world.author)
        assert len(stored_files(app)) == 2
        db.session.rollback()
    assert stored_files(app) == []
    assert db.session.query(Photo).count() == 0
