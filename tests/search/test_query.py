"""Phrases, prefixes, filters, facets (hand-counted), pagination and odd queries."""

from __future__ import annotations

import pytest

from observe.extensions import db
from observe.people import services as people
from tests.api.conftest import assert_error
from tests.search.conftest import days_ago, observation, story


@pytest.fixture
def corpus(world):
    w = world
    t1 = people.create_theme(w.inst.id, "Sandleg")
    t2 = people.create_theme(w.inst.id, "Byggeri og konstruktion")
    db.session.commit()
    recs = {
        "o1": observation(w.author, "Børnene legede i sandkassen med spande.", [w.observed],
                          theme_ids=[t1.id], child_ids=[w.child.id],
                          occurred_at=days_ago(3)),
        "o2": observation(w.author, "Konflikt ved frokost: to børn ville have samme kop.",
                          [w.observed], theme_ids=[t1.id, t2.id], occurred_at=days_ago(60)),
        "o3": observation(w.observed, "Leg på legepladsen, klodserne blev til et tårn.",
                          [w.author], visibility="team", share_by=w.author,
                          theme_ids=[t2.id], occurred_at=days_ago(400)),
        "s1": story(w.author, "Sofie og klodserne", "Sofie byggede et tårn af klodser.",
                    [w.child], theme_ids=[t2.id]),
        "s2": story(w.same_team, "Frokosten", "Ved frokosten hældte Sofie selv mælk op.",
                    [w.child], theme_ids=[t1.id]),
    }
    return w, recs, t1, t2


def _get(client, **args):
    response = client.get("/api/v1/search", query_string=args)
    assert response.status_code == 200, response.data[:300]
    return response.get_json()


def test_facet_counts_hand_counted(app, corpus, login, client):
    w, r, t1, t2 = corpus
    login(w.author)
    body = _get(client, kind=["observation", "story"], per_page=2)
    assert body["total"] == 5 and len(body["items"]) == 2  # counts cover all, not the page
    f = body["facets"]
    assert f["kind"] == {"observation": 3, "story": 2}
    assert f["theme"] == {str(t1.id): 3, str(t2.id): 3}
    assert f["team"] == {str(w.team_a.id): 5}
    assert f["child"] == {str(w.child.id): 3}
    # author facet: authors and observed colleagues
    assert f["author"] == {str(w.author.id): 4, str(w.observed.id): 3, str(w.same_team.id): 1}
    one = _get(client, theme=t2.id, kind="observation")
    assert one["total"] == 2 and one["facets"]["kind"] == {"observation": 2}
    both = _get(client, theme=[t1.id, t2.id])  # several themes mean any of them
    assert both["total"] == 5
    assert _get(client, q="klodser", theme=t2.id)["total"] == 2
    assert _get(client, child=w.child.id, kind="story")["total"] == 2
    assert _get(client, author=w.same_team.id)["total"] == 1
    assert _get(client, **{"from": days_ago(30)[:10]}, kind="observation")["total"] == 1


def test_phrase_prefix_and_and(app, corpus, login, client):
    w, r, *_ = corpus
    login(w.author)
    ids = lambda **a: {i["id"] for i in _get(client, **a)["items"]}  # noqa: E731
    assert ids(q='"samme kop"') == {r["o2"].id}
    assert ids(q='"kop samme"') == set()
    # Quotes ask for the words as written (stop words between them do not matter).
    assert ids(q='"legede i sandkassen"') == {r["o1"].id}
    assert ids(q='"leger i sandkassen"') == set()
    assert ids(q='"LEGEDE"') == {r["o1"].id}
    hit = _get(client, q='"samme kop"')["items"][0]
    assert "<mark>samme</mark> <mark>kop</mark>" in hit["snippet_html"]
    assert ids(q="klods*", kind="observation") == {r["o3"].id}
    assert ids(q="legeplad*") == {r["o3"].id}
    assert ids(q="klodser tårn", kind="story") == {r["s1"].id}
    assert ids(q="klodser frokost") == set()  # words are ANDed
    hit = _get(client, q="legede")["items"][0]
    assert "<mark>legede</mark>" in hit["snippet_html"]


def test_snippet_is_escaped(app, world, login, client):
    observation(world.author, "Hun skrev <script>alert(1)</script> på tavlen & smilede.",
                [world.observed])
    login(world.author)
    snippet = _get(client, q="tavlen")["items"][0]["snippet_html"]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert "<mark>tavlen</mark>" in snippet


def test_sort_newest_and_pagination(app, corpus, login, client):
    w, r, *_ = corpus
    login(w.author)
    body = _get(client, kind="observation", sort="newest", per_page=2)
    assert [i["id"] for i in body["items"]] == [r["o1"].id, r["o2"].id]
    page2 = _get(client, kind="observation", sort="newest", per_page=2, page=2)
    assert [i["id"] for i in page2["items"]] == [r["o3"].id]
    assert _get(client, kind="observation", page=9)["items"] == []


def test_did_you_mean(app, corpus, login, client):
    w, *_ = corpus
    login(w.author)
    body = _get(client, q="sandkasen")
    assert body["total"] == 0 and body["suggestion"] == "sandkassen"
    html = client.get("/search?q=sandkasen").get_data(as_text=True)
    assert "sandkassen" in html


@pytest.mark.parametrize("q", ['"', "(((", "title:", "kind:story", "🙂🙂", "og i at",
                               ")) OR ((", "*", "a*", "\\", "%", "\x00"])
def test_odd_queries_answer_cleanly(app, corpus, login, client, q):
    w, *_ = corpus
    login(w.author)
    response = client.get("/api/v1/search", query_string={"q": q})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.get_json()["total"] in (0, 5) or q in ("title:", "kind:story")
    page = client.get("/search", query_string={"q": q})
    assert page.status_code in (200, 400)


def test_too_long_and_bad_arguments(app, world, login, client):
    login(world.author)
    assert_error(client.get("/api/v1/search", query_string={"q": "ord " * 1250}), 400)
    assert client.get("/search", query_string={"q": "x" * 5000}).status_code == 400
    assert_error(client.get("/api/v1/search?kind=photo"), 400)
    assert_error(client.get("/api/v1/search?sort=random"), 400)
    assert_error(client.get("/api/v1/search?theme=abc"), 400)
    assert_error(client.get("/api/v1/search?from=2025-13-01"), 400)
    assert_error(client.get("/api/v1/search?from=2025-02-01&to=2025-01-01"), 400)
    assert client.get("/api/v1/search?q=og+i").get_json()["total"] == 0


def test_page_facet_chips_are_links(app, corpus, login, client):
    w, r, t1, t2 = corpus
    login(w.author)
    html = client.get("/search?q=klodser").get_data(as_text=True)
    assert "Byggeri og konstruktion" in html
    assert f"theme={t2.id}" in html
    assert f'/stories/{r["s1"].id}' in html
    assert 'class="chip' in html
    home = client.get("/").get_data(as_text=True)
    assert 'action="/search"' in home


def test_search_needs_login(app, client):
    assert client.get("/search?q=leg").status_code == 302
    assert client.get("/api/v1/search?q=leg").status_code == 401
