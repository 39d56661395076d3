"""The fast search path (engine.py) answers exactly as Whoosh's own search did: the same
total, facet counts, page order (relevance and newest, ties included) and snippets, on
an index of several segments with deleted and replaced documents."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from whoosh import highlight, sorting
from whoosh import index as whoosh_index
from whoosh.query import And, ConstantScoreQuery, NumericRange, Or, Term

from observe.search import analysis, documents, engine, query
from observe.search.schema import build_schema

WORDS = ["barn", "børn", "børnene", "leg", "leger", "legede", "legen", "klods", "klodser",
         "klodserne", "bygge", "bygger", "byggede", "tårn", "sandkasse", "frokost",
         "konflikt", "konflikten", "venner", "sprog", "sang", "rim", "skoven", "bål",
         "gynge", "cykler", "løb", "tegnede", "fortalte", "lytte", "Aalborg", "gaa", "og",
         "i", "på", "med", "den"]


def _doc(rng, number: int, base: dt.datetime) -> dict:
    team = rng.randrange(3)
    author = rng.randrange(8)
    observed = rng.sample(range(8), rng.randint(0, 2))
    principals = {f"user:{author}", *(f"user:{o}" for o in observed)}
    if rng.random() < 0.6:
        principals.add(f"team:{team}")
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60)))
    if number % 23 == 0:  # long: the 300-character fragments and the 4,000 limit
        body = " ".join(rng.choice(WORDS) for _ in range(900))
    if number % 17 == 0:
        body = "Børnene legede med klodser og byggede et tårn."  # identical: score ties
    return documents.to_fields(documents.Doc(
        kind="observation" if number % 3 else "story", id=number, institution_id=1,
        team_id=team, author_id=author,
        # a few share a timestamp: "newest" ties
        occurred_at=base - dt.timedelta(hours=rng.randrange(2000) if number % 11 else 5),
        title=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 4))),
        texts=[body], principals=principals, observed_ids=observed,
        child_ids=rng.sample(range(20), rng.randint(0, 3)),
        theme_ids=rng.sample(range(5), rng.randint(0, 2)),
        child_names=["Sofie"] if number % 5 == 0 else []))


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    rng = random.Random(3)
    base = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    ix = whoosh_index.create_in(str(tmp_path_factory.mktemp("ix")), build_schema())
    number = 0
    for size in (400, 150, 60, 7):  # several segments
        writer = ix.writer()
        for _ in range(size):
            number += 1
            writer.add_document(**_doc(rng, number, base))
        writer.commit(merge=False)
    writer = ix.writer()
    for victim in rng.sample(range(1, number + 1), 40):
        writer.delete_by_term("uid", f"{'observation' if victim % 3 else 'story'}:{victim}")
    for changed in rng.sample(range(1, number + 1), 25):
        writer.update_document(**_doc(rng, changed, base))
    writer.commit(merge=False)
    opened = ix.searcher()
    assert len(opened.reader().leaf_readers()) > 2
    assert opened.reader().has_deletions()
    yield opened
    opened.close()


def _old_query(clauses, f: query.Filters):
    parts = [Or([Term("principals", p) for p in f.principals])]
    if f.kinds:
        parts.append(Or([Term("kind", k) for k in f.kinds]))
    if f.themes:
        parts.append(Or([Term("theme", t) for t in f.themes]))
    for name, value in (("team", f.team), ("child", f.child), ("people", f.author)):
        if value is not None:
            parts.append(Term(name, value))
    if f.start is not None or f.end is not None:
        parts.append(NumericRange("occurred", f.start, f.end))
    allowed = ConstantScoreQuery(And(parts), 0.0)
    return And([*clauses, allowed]) if clauses else allowed


def _query_words(searcher, clauses) -> frozenset:
    return query.highlight_terms(searcher, clauses) if clauses else frozenset()


def _old(searcher, q, f: query.Filters, newest: bool, limit: int):
    """The previous implementation: Whoosh's matchers, facets per document."""
    parsed = query.parse(q)
    whole = _old_query(parsed.clauses, f)
    column = searcher.reader().column_reader("facets")
    docs = list(searcher.docs_for_query(whole))
    facets: dict = {}
    for docnum in docs:
        for key in column[docnum].split():
            facets[key.decode()] = facets.get(key.decode(), 0) + 1
    # limit=None: whoosh-reloaded 2.7.5's limited top-N over several segments can miss
    # a better hit (seen here: limit=25 dropped the second best); the whole sorted
    # result, sliced, is the order the old code meant to give.
    hits = searcher.search(whole, limit=None, sortedby=sorting.FieldFacet(
        "occurred", reverse=True) if newest or not parsed.clauses else None)
    scores = {hit.docnum: hit.score for hit in hits}
    page = list(hits)[:limit]
    # Whoosh's retokenising highlighter over the stored text, marking the query's terms
    # of every field that holds the text's words (plain words are looked up in "words").
    words = _query_words(searcher, parsed.clauses)
    analyzer = analysis.danish_analyzer()
    snippets = {hit.docnum: highlight.highlight(
        hit["text"], words, analyzer,
        highlight.ContextFragmenter(maxchars=300, surround=60, charlimit=4000),
        query.MarkFormatter(), top=2, mode="index") if parsed.clauses else ""
        for hit in hits}
    return len(docs), facets, [hit.docnum for hit in page], snippets, scores


def _new(searcher, q, f: query.Filters, newest: bool, limit: int):
    parsed = query.parse(q)
    view = engine.View(searcher, {})
    clauses = query._unique(parsed.clauses)
    hits = query.hits_of(view, clauses, f)
    facets = dict(view.facet_counts(hits))
    top = (view.newest(hits, limit) if newest or not clauses
           else view.best(hits, clauses, limit))
    words = _query_words(searcher, clauses)
    highlighter, seen = query._highlighter(), {}
    snippets = {d: engine.highlights(searcher.stored_fields(d).get("text", ""), words,
                                     highlighter, seen=seen) if clauses else "" for d in top}
    return len(hits), facets, top, snippets


CASES = [
    ("leg", {}), ("legede tårn", {}), ("børnene", {"kinds": ("story",)}),
    ("klodser", {"themes": ("1", "3")}), ('"bygger tårn"', {}), ("klods*", {}),
    ("sofie leg", {"child": "4"}), ("", {"team": "1"}), ("", {"author": "2"}),
    ("aalborg", {}), ("gå", {}), ("leg leger", {}), ("konflikt", {"start": 1745000000}),
    ("", {"start": 1744000000, "end": 1746000000}), ("cykler sang rim", {}),
    ("ingenting", {}),
]


@pytest.mark.parametrize(("q", "extra"), CASES)
@pytest.mark.parametrize("viewer", [("user:1", "team:0"), ("user:5",),
                                    ("user:2", "team:1", "team:2")])
def test_engine_matches_whoosh_search(searcher, q, extra, viewer):
    f = query.Filters(principals=tuple(sorted(viewer)), **extra)
    for newest in (False, True):
        old = _old(searcher, q, f, newest, limit=25)
        new = _new(searcher, q, f, newest, limit=25)
        assert new[0] == old[0]
        assert new[1] == old[1]
        if newest or not query.parse(q).clauses:
            assert new[2] == old[2]
        else:
            # The same scores in the same order. Scores equal but for the last bit (the
            # same words, summed in another order) may swap places.
            scores = old[4]
            assert [round(scores[d], 9) for d in new[2]] == [round(scores[d], 9)
                                                              for d in old[2]]
        assert all(new[3][d] == old[3][d] for d in new[2])


def test_tokens_match_the_danish_analyzer():
    from observe.search.analysis import danish_analyzer

    text = "Børnene LEGEDE i Aalborg, og så gaa'ede de: 12 klodser — æblet på 3.-sal!"
    whoosh_tokens = [(t.text, t.stopped, t.startchar, t.endchar) for t in danish_analyzer()(
        text, positions=True, chars=True, mode="index", removestops=False)]
    ours = [(t.text, t.stopped, t.startchar, t.endchar) for t in engine._tokens(text)]
    assert ours == whoosh_tokens
