"""A small world for photo tests: one team with an author, a colleague, children with
and without photo consent, and a story; plus helpers to upload and list files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from observe.extensions import db
from observe.stories import services as stories
from tests.api.conftest import bearer  # noqa: F401  (fixture)


class World:
    pass


@pytest.fixture
def world(app, f):
    w = World()
    w.team = f.team("Solsikken")
    w.other_team = f.team("Regnbuen")
    w.author = f.user(teams=[w.team], name="Sanne Skovgaard")
    w.colleague = f.user(teams=[w.team], name="Mikkel Frølund")
    w.outsider = f.user(teams=[w.other_team], name="Maja Sørensen")
    w.leader = f.user(role="leader", name="Lars Østergaard")
    w.admin = f.user(role="admin", name="Anne Admin")
    w.foreign = f.user(institution=f.institution("Anden Børnehave"), name="Fremmed")
    w.ida = f.child(team=w.team, first_name="Ida", consent="internal")
    w.noah = f.child(team=w.team, first_name="Noah", consent="parents")
    w.malik = f.child(team=w.team, first_name="Malik", consent="none")
    w.story = stories.create_story(w.author, {
        "title": "Ida bygger et tårn", "story": "Ida byggede et højt tårn af klodser.",
        "child_ids": [w.ida.id, w.noah.id], "team_id": w.team.id, "visibility": "team"})
    db.session.commit()
    return w


def upload(client, story_id, data: bytes, name="foto.jpg", headers=None, **fields):
    body = {"file": (io.BytesIO(data), name), **fields}
    return client.post(f"/api/v1/stories/{story_id}/photos", data=body, headers=headers or {},
                       content_type="multipart/form-data")


def stored_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_FOLDER"])
    return sorted(folder.iterdir()) if folder.exists() else []
