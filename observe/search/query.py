"""Searching one institution's index as one user: parse, filter, facet, highlight.

The viewer's principals (``user:<id>`` and ``team:<id>`` of their teams *now*) filter
every query: the results, the facet counts, the snippets and the "did you mean"
suggestion all come from documents the viewer may open. A suggestion is offered only
after the corrected query has been run with the same filter and found something.
As a last guard the page of hits is checked against the permission module's own
``visible_filter`` (the database is the source of truth), so a visibility change that
is still on its way to the index never shows a record the viewer may not open.

Query language, kept small on purpose (no field syntax, no operators to get wrong):
words are ANDed after Danish analysis; ``"two words"`` is a phrase, matched as written
(no lemmas or stems: quotes ask for exactly these words); ``klods*`` is a
prefix. Anything else (brackets, colons, emoji) is ignored as punctuation.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from whoosh import highlight
from whoosh.query import And, Or, Phrase, Prefix, Term

from observe.extensions import db
from observe.permissions import visible_filter
from observe.search import analysis, documents, engine, index, writer

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
    return Or([Term("title", term), Term("words", term), Term("parts", term)])


def parse(q: str) -> ParsedQuery:
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(_("The search is too long: use at most %(n)d characters.",
                           n=MAX_QUERY_CHARS))
    parsed = ParsedQuery(had_text=bool(q.strip()))
    for match in _TOKEN.finditer(q):
        phrase, word = match.groups()
        if phrase is not None:  # as written: no lemmas, no stems
            terms = analysis.raw_terms(phrase)
            if len(terms) > 1:
                parsed.clauses.append(Phrase("raw", terms))
            elif terms:
                parsed.clauses.append(Term("raw", terms[0]))
        elif word.endswith("*") and len(word.rstrip("*")) >= 2:
            pieces = analysis.WORD_PATTERN.findall(analysis.fold(word.rstrip("*")))
            for piece in pieces[:-1]:
                parsed.clauses.extend(_word_clause(t) for t in analysis.terms(piece))
            if pieces:
                stem = analysis.normalise(pieces[-1])
                parsed.clauses.append(Or([Prefix("raw", pieces[-1]), Prefix("words", stem),
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


@dataclass(frozen=True)
class Filters:
    """The viewer's principals and the chosen filters (hashable: it keys a cache)."""

    principals: tuple
    kinds: tuple = ()
    themes: tuple = ()
    team: str | None = None
    child: str | None = None
    author: str | None = None
    start: int | None = None
    end: int | None = None


def _filters(user, kinds, themes, team, child, author, date_from, date_to) -> Filters:
    return Filters(
        principals=tuple(sorted(principals(user))), kinds=tuple(sorted(set(kinds))),
        themes=tuple(sorted({str(t) for t in themes})),
        team=None if team is None else str(team), child=None if child is None else str(child),
        author=None if author is None else str(author),
        start=_epoch(date_from) if date_from else None,
        end=_epoch(date_to + dt.timedelta(days=1)) - 1 if date_to else None)


def _epoch(day: dt.date) -> int:
    return int(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp())


def allowed(view: engine.View, filters: Filters) -> frozenset:
    """Documents the viewer may open that pass the filters (cached per searcher)."""
    key = ("allowed", filters)
    found = view.sets.get(key)
    if found is not None:
        return found
    sets = [view.any_of("principals", filters.principals)]
    if filters.kinds:
        sets.append(view.any_of("kind", filters.kinds))
    if filters.themes:
        sets.append(view.any_of("theme", filters.themes))
    for name, value in (("team", filters.team), ("child", filters.child),
                        ("people", filters.author)):
        if value is not None:
            sets.append(view.any_of(name, (value,)))
    sets.sort(key=len)
    docs = sets[0].intersection(*sets[1:]) if len(sets) > 1 else sets[0]
    if filters.start is not None or filters.end is not None:
        docs = view.in_range(docs, filters.start, filters.end)
    found = frozenset(docs)
    view._remember(key, found)
    return found


def hits_of(view: engine.View, clauses: list, filters: Filters) -> set | frozenset:
    """Every document matching all clauses that the viewer may open."""
    docs = allowed(view, filters)
    for clause in clauses:
        if not docs:
            break
        docs = docs & view.clause_set(clause)
    return docs


def _unique(clauses: list) -> list:
    """Whoosh's And drops repeated subqueries ("leg leger" is one word twice)."""
    out = []
    for clause in clauses:
        if clause not in out:
            out.append(clause)
    return out


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
    state = index.state_of(app)
    try:
        with state.lock:
            searcher = index.searcher(app, user.institution_id)
            view = engine.view_of(searcher, state.segments.setdefault(user.institution_id, {}))
            _run(view, parsed, filters, sort, result, user)
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


def _highlighter() -> highlight.Highlighter:
    return highlight.Highlighter(
        fragmenter=highlight.ContextFragmenter(maxchars=300, surround=60, charlimit=4000),
        formatter=MarkFormatter())


def _run(view: engine.View, parsed: ParsedQuery, filters: Filters, sort: str,
         result: SearchResult, user) -> None:
    clauses = _unique(parsed.clauses)
    hits = hits_of(view, clauses, filters)
    result.total = total = len(hits)
    for key, count in view.facet_counts(hits).items():
        name, _sep, value = key.partition(":")
        result.facets[name][value] = count
    if total == 0:
        if parsed.words:
            result.suggestion = _suggest(view, parsed, filters)
        return
    offset = (result.page - 1) * result.per_page
    if offset >= total:
        return
    limit = offset + result.per_page
    if sort == "newest" or not clauses:
        top = view.newest(hits, limit)
    else:
        top = view.best(hits, clauses, limit)
    searcher = view.searcher
    page = [searcher.stored_fields(docnum) for docnum in top[offset:limit]]
    words = frozenset()
    if clauses:
        words = highlight_terms(searcher, clauses)
    visible = _visible_ids(user, [(hit["kind"], hit["rid"]) for hit in page])
    highlighter, seen = _highlighter(), {}
    for hit in page:
        if (hit["kind"], hit["rid"]) not in visible:
            continue
        result.items.append(_item(hit, words, highlighter, seen))


def highlight_terms(searcher, clauses) -> frozenset:
    """The index terms (stems) a snippet marks: the query's terms of the fields that
    hold the text's words, as Results.query_terms(expand=True, fieldname=...) gives
    them, with words as written (phrases, prefixes) turned into their stems. (The field
    must be named: Whoosh's existing_terms rebinds its fieldname argument in its loop.)"""
    reader, whole = searcher.reader(), And(clauses)
    out = {text.decode() for name in ("words", "parts")
           for _name, text in whole.existing_terms(reader, expand=True, fieldname=name)}
    out.update(analysis.normalise(text.decode()) for _name, text in whole.existing_terms(
        reader, expand=True, fieldname="raw"))
    return frozenset(out)


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


def _item(hit: dict, words: frozenset, highlighter, seen: dict) -> dict:
    meta = json.loads(hit["meta"])
    snippet = (engine.highlights(hit.get("text", ""), words, highlighter, seen=seen)
               if words else "")
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


def _suggest(view: engine.View, parsed: ParsedQuery, filters: Filters) -> str | None:
    """Replace each word that finds nothing visible by a close word that does, then
    offer the corrected text only if the whole corrected query finds something visible."""
    searcher = view.searcher

    def finds(words) -> bool:
        clauses = [_word_clause(t) for w in words for t in analysis.terms(w)]
        if not clauses:
            return False
        return bool(hits_of(view, clauses, filters))

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
