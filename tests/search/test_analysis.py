"""Danish analysis: word families meet, æøå stay letters, "aa" finds "å"."""

from __future__ import annotations

import pytest

from observe.search.analysis import terms
from tests.search.conftest import observation

FAMILIES = [
    ("leg", "leger", "legede", "legen", "lege"),
    ("bygge", "bygger", "byggede"),
    ("klods", "klodser", "klodserne"),
    ("barn", "børn", "børnene"),
    ("gå", "går", "gik"),
]


@pytest.mark.parametrize("family", FAMILIES, ids=lambda fam: fam[0])
def test_family_shares_one_term(family):
    first = terms(family[0])
    assert len(first) == 1
    for word in family[1:]:
        assert terms(word) == first, word


def test_letters_kept_and_aa_folded():
    assert terms("Æblet")[0].startswith("æbl")
    assert terms("øl") == ["øl"]
    assert terms("gaar") == terms("går")
    assert terms("Aalborg") == terms("Ålborg")
    assert terms("sø") != terms("so")


def test_stop_words_dropped():
    assert terms("og i at den") == []


@pytest.mark.parametrize("family", FAMILIES, ids=lambda fam: fam[0])
def test_family_found_through_search(app, world, login, client, family):
    """Each form written in a record is found by each other form typed in search."""
    records = {}
    for word in family:
        obs = observation(world.author, f"Her står ordet {word} i teksten.", [world.observed])
        records[word] = obs.id
    login(world.author)
    for typed in family:
        body = client.get("/api/v1/search", query_string={"q": typed}).get_json()
        found = {item["id"] for item in body["items"]}
        assert found == set(records.values()), (typed, found)


def test_aa_and_aeoeaa_through_search(app, world, login, client):
    obs = observation(world.author, "Vi gik en tur til åen og så på ænder.", [world.observed])
    login(world.author)
    for q in ("aaen", "åen", "ænder"):
        ids = [i["id"] for i in client.get("/api/v1/search", query_string={"q": q})
               .get_json()["items"]]
        assert ids == [obs.id], q
    # "ae" is not "æ": letters are kept apart.
    assert client.get("/api/v1/search", query_string={"q": "aender"}).get_json()["total"] == 0
