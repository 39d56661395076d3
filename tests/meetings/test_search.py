"""Meeting notes and development points are searchable (kind ``meeting``) by the team."""

from __future__ import annotations

import pytest

from observe.extensions import db
from observe.meetings import goals, services
from observe.search import index, writer


@pytest.fixture(autouse=True)
def _close_search(app):
    yield
    writer.wait_idle(app, timeout=10)
    index.close_searchers(app)


def _hits(client, q):
    body = client.get("/api/v1/search", query_string={"q": q, "kind": "meeting"}).get_json()
    return [(i["kind"], i["id"]) for i in body["items"]]


def test_notes_and_points_are_found_by_the_team_only(app, client, login, cast,
                                                     make_meeting):
    meeting = make_meeting(phase="b")
    item = services.add_free_item(meeting, cast.facilitator, {"title": "Garderoben"})
    db.session.commit()
    login(cast.teammate)
    client.post(f"/meetings/{meeting.id}/items/{item.id}/notes",
                data={"notes": "Vi talte om gummistøvlerne."})
    meeting.phase = "c"
    goals.add_point(meeting, cast.facilitator, {"title": "Vi venter ved påklædningen"})
    db.session.commit()
    assert _hits(client, "gummistøvler") == [("meeting", meeting.id)]
    assert _hits(client, "påklædning") == [("meeting", meeting.id)]
    for outsider in (cast.admin, cast.outsider):
        other = app.test_client()
        login(outsider, c=other)
        assert _hits(other, "gummistøvler") == []
