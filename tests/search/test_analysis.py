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


def test_unknown_compounds_split_into_known_parts():
    from observe.search.analysis import compound_parts

    assert compound_parts("læringsfællesskaber") == (terms("læring")[0], terms("fællesskab")[0])
    assert compound_parts("børnefællesskabet") == (terms("børn")[0], terms("fællesskab")[0])
    assert terms("overgang")[0] in compound_parts("hverdagsovergange")
    # Words the dictionary knows stay whole: splitting them gives wrong parts.
    assert compound_parts("overgangen") == ()
    assert compound_parts("undervisning") == ()
    assert compound_parts("legede") == ()


def test_part_of_a_compound_finds_it(app, world, login, client):
    compound = observation(world.author, "Vi så et stærkt læringsfællesskaber omkring bålet.",
                           [world.observed])
    plain = observation(world.author, "Fællesskab ved bålet, hvor alle hjalp til.",
                        [world.observed])
    observation(world.author, "Ingen af de ord her.", [world.observed])
    login(world.author)
    body = client.get("/api/v1/search", query_string={"q": "fællesskab"}).get_json()
    # The record that says the word itself ranks first; the compound is found too.
    assert [i["id"] for i in body["items"]] == [plain.id, compound.id]
    snippet = next(i["snippet_html"] for i in body["items"] if i["id"] == compound.id)
    assert "<mark>læringsfællesskaber</mark>" in snippet
    for q in ("læring", "fællesskaberne", "læringsfællesskab"):
        ids = {i["id"] for i in client.get("/api/v1/search", query_string={"q": q})
               .get_json()["items"]}
        assert compound.id in ids, q
    # The compound typed whole finds only the compound.
    ids = [i["id"] for i in client.get("/api/v1/search", query_string={
        "q": "læringsfællesskaber"}).get_json()["items"]]
    assert ids == [compound.id]
