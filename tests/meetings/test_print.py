"""Handout and minutes: options for paper that travels."""

from __future__ import annotations

import io

from PIL import Image
from werkzeug.datastructures import FileStorage

from observe.extensions import db
from observe.meetings import services
from observe.photos import services as photos


def _photo(story, user):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, "JPEG")
    buffer.seek(0)
    photo = photos.attach_photo(story, FileStorage(buffer, "tårn.jpg", content_type="image/jpeg"),
                                "Tårnet", None, user)
    db.session.commit()
    return photo


def test_handout_options(client, login, cast, make_meeting, make_story, make_observation):
    meeting, story = make_meeting(), make_story("team")
    photo = _photo(story, cast.author)
    services.add_example(meeting, cast.facilitator, story, "Hvad lærte Malik?")
    services.add_example(meeting, cast.facilitator, make_observation("team"))
    db.session.commit()
    login(cast.teammate)
    url = f"/meetings/{meeting.id}/handout"
    page = client.get(url).get_data(as_text=True)
    assert "Malik byggede et tårn" in page and f"/photos/{photo.id}/thumb" in page
    assert "Ida" in page
    page = client.get(url + "?initials=1&photos=0").get_data(as_text=True)
    assert "Malik" not in page and "M. byggede et tårn" in page
    assert f"/photos/{photo.id}/thumb" not in page
    page = client.get(url + "?initials=1&photos=0&photos=1").get_data(as_text=True)
    assert f"/photos/{photo.id}/thumb" in page


def test_minutes_show_notes_and_points(client, login, cast, make_meeting):
    meeting = make_meeting(phase="b")
    item = services.add_free_item(meeting, cast.facilitator, {"title": "Garderoben"})
    services.save_notes(item, cast.facilitator, "Malik fandt selv sine støvler.")
    meeting.phase = "c"
    from observe.meetings import goals

    goals.add_point(meeting, cast.facilitator, {"title": "Vi venter fem sekunder"})
    db.session.commit()
    login(cast.teammate)
    page = client.get(f"/meetings/{meeting.id}/minutes").get_data(as_text=True)
    assert "Malik fandt selv" in page and "Vi venter fem sekunder" in page
    page = client.get(f"/meetings/{meeting.id}/minutes?initials=1").get_data(as_text=True)
    assert "M. fandt selv" in page and "Malik" not in page
