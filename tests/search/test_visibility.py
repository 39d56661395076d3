"""A user only ever finds what they may open: every role, compared with the pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from observe.extensions import db
from observe.search.documents import PROVIDERS
from tests.search.conftest import observation, story

PAGES = {"observation": "/observations/{id}", "story": "/stories/{id}"}


@pytest.fixture
def records(world):
    w = world
    made = [
        observation(w.author, "Regnbue ved samling: privat kladde.", [w.observed],
                    visibility="private"),
        observation(w.author, "Regnbue i garderoben, delt med den observerede.", [w.observed]),
        observation(w.author, "Regnbue ved frokost, delt med teamet.", [w.observed],
                    visibility="team"),
        observation(w.same_team, "Regnbue hos Anne, kun til Anne.", [w.author]),
        story(w.author, "Regnbue privat", "Sofie og regnbuen.", [w.child],
              visibility="private"),
        story(w.author, "Regnbue delt", "Sofie malede en regnbue.", [w.child],
              visibility="team"),
        story(w.other_team, "Regnbue på Månestuen", "Regnbue på den anden stue.",
              [world.child], visibility="team", team=w.team_b),
    ]
    # The other institution writes about rainbows too (its own index, never ours).
    made.append(observation(w.foreign, "Regnbue i skoven, delt.", [w.foreign2],
                            visibility="team"))
    return made


def _kind(record) -> str:
    return next(k for k, p in PROVIDERS.items() if isinstance(record, p.model))


@pytest.mark.parametrize("role", ["author", "observed", "same_team", "other_team", "leader",
                                  "admin", "foreign"])
def test_search_equals_pages(app, world, records, login, client, role):
    user = getattr(world, role)
    login(user)
    allowed = set()
    for record in records:
        kind = _kind(record)
        status = client.get(PAGES[kind].format(id=record.id)).status_code
        assert status in (200, 404)
        if status == 200:
            allowed.add((kind, record.id))
    for q in ("regnbue", "regnbuer", ""):
        args = {"q": q} if q else {"kind": ["observation", "story"]}
        body = client.get("/api/v1/search", query_string=args).get_json()
        found = {(i["kind"], i["id"]) for i in body["items"]}
        assert found == allowed, (role, q)
        assert body["total"] == len(allowed)
        assert sum(body["facets"]["kind"].values()) == len(allowed)
        for item in body["items"]:
            assert "kladde" not in item["snippet_html"] or (
                "observation", item["id"]) in allowed
    # The HTML page shows the same cards.
    html = client.get("/search?q=regnbue").get_data(as_text=True)
    for kind, rid in allowed:
        assert PAGES[kind].format(id=rid) in html


def test_expected_matrix(app, world, records, login, client):
    """Spell the rules out once, so the comparison above cannot pass by both sides
    being empty."""
    expected = {"author": 6, "observed": 3, "same_team": 3, "other_team": 1, "leader": 1,
                "admin": 0, "foreign": 1}
    for role, count in expected.items():
        c = app.test_client()
        login(getattr(world, role), c=c)
        total = c.get("/api/v1/search?q=regnbue").get_json()["total"]
        assert total == count, role


def test_suggestion_never_from_invisible_records(app, world, login, client):
    observation(world.author, "Xylofonen lød smukt.", [world.observed], visibility="private")
    login(world.same_team)
    body = client.get("/api/v1/search?q=xylfonen").get_json()
    assert body["total"] == 0 and body["suggestion"] is None
    # The author, who may see it, gets the suggestion.
    c = app.test_client()
    login(world.author, c=c)
    assert c.get("/api/v1/search?q=xylfonen").get_json()["suggestion"] == "xylofonen"
    html = c.get("/search?q=xylfonen").get_data(as_text=True)
    assert "xylofonen" in html


def test_other_institution_has_its_own_index(app, world, login, client):
    observation(world.foreign, "Regnbue i skoven.", [world.foreign2], visibility="private")
    observation(world.author, "Regnbue i byen.", [world.observed])
    db.session.commit()
    login(world.foreign)
    body = client.get("/api/v1/search?q=regnbue").get_json()
    assert body["total"] == 1
    links = [p.name for p in Path(app.config["INDEX_FOLDER"]).iterdir() if p.is_symlink()]
    assert sorted(links) == sorted([str(world.inst.id), str(world.foreign.institution_id)])
    assert "skoven" in body["items"][0]["snippet_html"]
