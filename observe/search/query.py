"""Searching one institution's index as one user: parse, filter, facet, highlight.

The viewer's principals (``user:<id>`` and ``team:<id>`` of their teams *now*) filter
every query: the results, the facet counts, the snippets and the "did you mean"
suggestion all come from documents the viewer may open. A suggestion is offered only
after the corrected query has been run with the same filter and found something.
As a last guard the page of hits is checked against the permission module's own
``visible_filter`` (the database is the source of truth), so a visibility change that
is still on its way to the index never shows a record the viewer may not open.

Query language, kept small on purpose (no field syntax, no operators to get wrong):
words are ANDed after Danish analysis; ``"two words"`` is a phrase; ``klods*`` is a
prefix. Anything else (brackets, colons, emoji) is ignored as punctuation.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from whoosh import highlight, sorting
from whoosh.query import (
    And,
    ConstantScoreQuery,
    NumericRange,
    Or,
    Phrase,
    Prefix,
    Term,
)

from observe.extensions import db
from observe.permissions import visible_filter
from observe.search import analysis, documents, index, writer

MAX_QUERY_CHARS = 500
MAX_WORDS = 20
KINDS = ("observation", "story", "meeting")
SORTS = ("relevance", "newest")
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


class QueryError(ValueError):
    """A query we refuse with a clear message (HTTP 400)."""


@dataclass
class ParsedQuery:
    clauses: list = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # plain words, for suggestions
    had_text: bool = False


@dataclass
class SearchResult:
    total: int = 0
    page: int = 1
    per_page: int = 20
    items: list[dict] = field(default_factory=list)
    facets: dict = field(default_factory=lambda: {k: {} for k in
                                                  ("kind", "theme", "team", "author", "child")})
    suggestion: str | None = None
    catching_up: bool = False
    ignored_query: bool = False  # the text had no searchable word (only stop words...)


def principals(user) -> list[str]:
    """What the viewer holds: themselves and their current teams."""
    return [f"user:{user.id}", *(f"team:{team.id}" for team in user.teams)]


# -- parsing ------------------------------------------------------------------------------

def _word_clause(term: str):
    return Or([Term("title", term), Term("text", term)])


def parse(q: str) -> ParsedQuery:
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(_("The search is too long: use at most %(n)d characters.",
                           n=MAX_QUERY_CHARS))
    parsed = ParsedQuery(had_text=bool(q.strip()))
    for match in _TOKEN.finditer(q):
        phrase, word = match.groups()
        if phrase is not None:
            terms = analysis.terms(phrase)
            if len(terms) > 1:
                parsed.clauses.append(Or([Phrase("title", terms), Phrase("text", terms)]))
            elif terms:
                parsed.clauses.append(_word_clause(terms[0]))
        elif word.endswith("*") and len(word.rstrip("*")) >= 2:
            pieces = analysis.WORD_PATTERN.findall(analysis.fold(word.rstrip("*")))
            for piece in pieces[:-1]:
                parsed.clauses.extend(_word_clause(t) for t in analysis.terms(piece))
            if pieces:
                stem = analysis.normalise(pieces[-1])
                parsed.clauses.append(Or([Prefix("raw", pieces[-1]), Prefix("text", stem),
                                          Prefix("title", stem)]))
        else:
            for piece in analysis.WORD_PATTERN.findall(word):
                terms = analysis.terms(piece)
                parsed.clauses.extend(_word_clause(t) for t in terms)
                if terms:
                    parsed.words.append(analysis.fold(piece))
        if len(parsed.clauses) > MAX_WORDS:
            raise QueryError(_("The search has too many words: use at most %(n)d.",
                               n=MAX_WORDS))
    return parsed


def _filters(user, kinds, themes, team, child, author, date_from, date_to) -> list:
    parts = [Or([Term("principals", p) for p in principals(user)])]
    if kinds:
        parts.append(Or([Term("kind", k) for k in kinds]))
    if themes:
        parts.append(Or([Term("theme", str(t)) for t in themes]))
    for name, value in (("team", team), ("child", child), ("people", author)):
        if value is not None:
            parts.append(Term(name, str(value)))
    if date_from or date_to:
        start = _epoch(date_from) if date_from else None
        end = _epoch(date_to + dt.timedelta(days=1)) - 1 if date_to else None
        parts.append(NumericRange("occurred", start, end))
    return parts


def _epoch(day: dt.date) -> int:
    return int(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp())


def build_query(parsed: ParsedQuery, filters: list):
    allowed = ConstantScoreQuery(And(filters), 0.0)
    return And([*parsed.clauses, allowed]) if parsed.clauses else allowed


# -- running ------------------------------------------------------------------------------

class MarkFormatter(highlight.Formatter):
    """Escaped text; matched words in <mark>."""

    between = " … "

    def _text(self, text):
        return html.escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return f"<mark>{self._text(highlight.get_text(text, token, replace))}</mark>"


def search(user, q: str = "", kinds=(), themes=(), team=None, child=None, author=None,
           date_from=None, date_to=None, sort: str = "relevance", page: int = 1,
           per_page: int = 20) -> SearchResult:
    app = current_app._get_current_object()
    parsed = parse(q or "")
    result = SearchResult(page=page, per_page=per_page)
    if parsed.had_text and not parsed.clauses:
        result.ignored_query = True
        return result
    kinds = [k for k in kinds if k in documents.PROVIDERS]
    filters = _filters(user, kinds, themes, team, child, author, date_from, date_to)
    query = build_query(parsed, filters)
    state = index.state_of(app)
    try:
        with state.lock:
            searcher = index.searcher(app, user.institution_id)
            _run(searcher, query, parsed, filters, sort, result, user)
    except index.IndexUnavailable as exc:
        result.catching_up = _catch_up(app, user.institution_id, exc.state)
    return result


def _catch_up(app, institution_id: int, state: str) -> bool:
    """Missing index and no records: simply nothing to find yet. Otherwise rebuild."""
    if state == "missing":
        from sqlalchemy import func

        count = sum(db.session.scalar(select(func.count()).select_from(p.model).where(
            p.model.institution_id == institution_id)) or 0
            for p in documents.PROVIDERS.values())
        if count == 0:
            return False
    writer.start_rebuild(app, institution_id)
    return True


def _run(searcher, query, parsed, filters, sort, result: SearchResult, user) -> None:
    reader = searcher.reader()
    column = reader.column_reader("facets")
    counts: Counter = Counter()
    total = 0
    for docnum in searcher.docs_for_query(query):
        total += 1
        counts.update(column[docnum].split())
    result.total = total
    for key, count in counts.items():
        name, _sep, value = key.decode().partition(":")
        result.facets[name][value] = count
    if total == 0:
        if parsed.words:
            result.suggestion = _suggest(searcher, parsed, filters)
        return
    offset = (result.page - 1) * result.per_page
    if offset >= total:
        return
    newest = sort == "newest" or not parsed.clauses
    hits = searcher.search(query, limit=offset + result.per_page,
                           sortedby=sorting.FieldFacet("occurred", reverse=True)
                           if newest else None)
    hits.fragmenter = highlight.ContextFragmenter(maxchars=300, surround=60,
                                                  charlimit=4000)
    hits.formatter = MarkFormatter()
    page_hits = hits[offset:offset + result.per_page]
    visible = _visible_ids(user, [(h["kind"], h["rid"]) for h in page_hits])
    for hit in page_hits:
        if (hit["kind"], hit["rid"]) not in visible:
            continue
        result.items.append(_item(hit, bool(parsed.clauses)))


def _visible_ids(user, pairs) -> set:
    """The permission module's own answer for this page of hits."""
    out = set()
    by_kind: dict[str, list[int]] = {}
    for kind, rid in pairs:
        by_kind.setdefault(kind, []).append(rid)
    for kind, ids in by_kind.items():
        model = documents.PROVIDERS[kind].model
        rows = db.session.scalars(select(model.id).where(model.id.in_(ids),
                                                         visible_filter(model, user)))
        out |= {(kind, rid) for rid in rows}
    return out


def _item(hit, highlighted: bool) -> dict:
    meta = json.loads(hit["meta"])
    snippet = hit.highlights("text", top=2) if highlighted else ""
    if not snippet:
        text = hit.get("text", "")
        snippet = html.escape(text[:240] + ("…" if len(text) > 240 else ""), quote=False)
    provider = documents.PROVIDERS[hit["kind"]]
    return {
        "kind": hit["kind"], "id": hit["rid"], "title": hit["title"],
        "snippet_html": snippet, "occurred_at": meta["occurred_at"],
        "url": provider.url(hit["rid"]), "theme_ids": meta["themes"],
        "child_ids": meta["children"], "author_id": meta["author"],
        "observed_ids": meta["observed"], "team_id": meta["team"],
    }


def _suggest(searcher, parsed: ParsedQuery, filters) -> str | None:
    """Replace each word that finds nothing visible by a close word that does, then
    offer the corrected text only if the whole corrected query finds something visible."""
    allowed = ConstantScoreQuery(And(filters), 0.0)

    def finds(words) -> bool:
        clauses = [_word_clause(t) for w in words for t in analysis.terms(w)]
        if not clauses:
            return False
        return not searcher.search(And([*clauses, allowed]), limit=1).is_empty()

    corrected, changed = [], False
    for word in parsed.words[:6]:
        if finds([word]):
            corrected.append(word)
            continue
        for candidate in searcher.suggest("raw", word, limit=8, maxdist=2, prefix=1):
            if candidate != word and finds([candidate]):
                corrected.append(candidate)
                changed = True
                break
        else:
            corrected.append(word)
    if changed and finds(corrected):
        return " ".join(corrected)
    return None


def card_names(items: list[dict], institution_id: int) -> dict:
    """Names for result cards (authors, children, themes) in three small queries."""
    from observe.people.models import Child, Theme, User

    ids = {"author": set(), "child": set(), "theme": set()}
    for item in items:
        ids["author"].add(item["author_id"])
        ids["child"].update(item["child_ids"])
        ids["theme"].update(item["theme_ids"])
    return names_for(ids, institution_id, (User, Child, Theme))


def names_for(ids: dict, institution_id: int, models=None) -> dict:
    from observe.people.models import Child, Team, Theme, User

    specs = {"author": (User, lambda u: u.name), "child": (Child, lambda c: c.display_name),
             "theme": (Theme, lambda t: t.name), "team": (Team, lambda t: t.name)}
    out = {}
    for name, wanted in ids.items():
        model, label = specs[name]
        numbers = {int(i) for i in wanted if str(i).isdigit()}
        if not numbers:
            out[name] = {}
            continue
        rows = db.session.scalars(select(model).where(model.id.in_(numbers),
                                                      model.institution_id == institution_id))
        out[name] = {row.id: label(row) for row in rows}
    return out


__all__ = ["QueryError", "SearchResult", "search", "principals", "parse"]
