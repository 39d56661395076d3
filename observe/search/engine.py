"""The fast path of a search: document sets, facet counts and ranking without walking
Whoosh's Python matchers document by document.

Whoosh answers a query by advancing a tree of matcher objects one posting at a time,
in Python; with the permission filter ANDed in, every posting of every query word cost
several method calls, twice (once to count facets, once more for the top page). Here a
query is answered with sets of document numbers instead:

- a term's documents are read block by block from its postings (each block is a
  decoded array, so building the set runs at C speed);
- the viewer's allowed set (the union of their principals' postings, narrowed by the
  chosen filters) is cached per searcher, so only the first query of a viewer after an
  index change pays for it;
- hits = allowed ∩ each word's set; the total and the facet counts come from the hits
  and a per-segment list of each document's packed facet keys, built once per segment
  (segments are immutable; deletions never reach a hit set because postings of deleted
  documents are dropped);
- the top page is chosen with ``heapq.nlargest`` over the hits, by the ``occurred``
  column ("newest") or by BM25F scores computed from the postings' weights with Whoosh's
  own scorer, so the order is the one ``searcher.search`` gives (ties: lower docnum
  first). Clauses that are not plain words (phrases, prefixes) are scored by their own
  Whoosh matcher, as before.

Only the page's documents are loaded (stored fields) and highlighted.
"""

from __future__ import annotations

import heapq
import sys
from array import array
from collections import Counter, OrderedDict, deque
from itertools import chain, compress
from operator import neg

from whoosh import highlight, scoring
from whoosh.analysis import Token
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import Or, Term
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from observe.search import analysis

FILTER_CACHE = 512  # cached filter-term and viewer sets per searcher
POSTINGS_CACHE = 1_000_000  # decoded postings kept per segment (8 bytes each)
WEIGHTING = scoring.BM25F()


class _Segment:
    """What a search needs per document of one (immutable) segment."""

    def __init__(self, leaf):
        count = leaf.doc_count_all()
        self.count = count
        intern = sys.intern
        facets = []
        column = leaf.column_reader("facets") if leaf.has_column("facets") else None
        if column is not None:
            cache: dict[bytes, tuple] = {}
            for raw in column:
                keys = cache.get(raw)
                if keys is None:
                    keys = cache[raw] = tuple(intern(k) for k in raw.decode().split())
                facets.append(keys)
        else:
            facets = [()] * count
        self.facets = facets
        self.occurred = list(leaf.column_reader("occurred")) if leaf.has_column(
            "occurred") else [0] * count
        self.lengths: dict[str, list] = {}
        self.postings: OrderedDict = OrderedDict()  # (field, text) -> (ids, weights)
        self.cached = 0  # postings held in self.postings

    def postings_of(self, leaf, fieldname: str, text: str):
        """(ids, weights) of a term in this segment, deleted documents included; the
        decoded arrays of recently used terms are kept (decoding is most of a query's
        cost), up to POSTINGS_CACHE postings per segment."""
        key = (fieldname, text)
        found = self.postings.get(key)
        if found is not None:
            self.postings.move_to_end(key)
            return found
        found = _decode(leaf, fieldname, text)
        size = len(found[0])
        if size <= POSTINGS_CACHE // 4:
            while self.postings and self.cached + size > POSTINGS_CACHE:
                _key, (old, _w) = self.postings.popitem(last=False)
                self.cached -= len(old)
            self.postings[key] = found
            self.cached += size
        return found

    def lengths_of(self, leaf, fieldname: str) -> list:
        lengths = self.lengths.get(fieldname)
        if lengths is None:
            lengths = self.lengths[fieldname] = _field_lengths(leaf, fieldname, self.count)
        return lengths


_LENGTH_OF_BYTE = [byte_to_length(b) or 1 for b in range(256)]


def _field_lengths(leaf, fieldname: str, count: int) -> list:
    """Every document's length of a field, as ``doc_field_length`` gives them (an
    empty field counts 1, as the scorer's default), read in one go from the segment's
    one-byte-per-document lengths column."""
    try:
        reader = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if reader is not None and reader._fixedlen == 1:
            raw = reader._dbfile.get(reader._basepos, min(reader._count, count))
            table = _LENGTH_OF_BYTE
            return [table[b] for b in raw] + [1] * (count - len(raw))
    except AttributeError:  # another codec: ask document by document
        pass
    length = leaf.doc_field_length
    return [length(d, fieldname, 1) or 1 for d in range(count)]


def _decode(leaf, fieldname: str, text: str):
    """A term's postings in one segment as two arrays, read block by block (each block
    is decoded at once; no per-posting method calls)."""
    ids, weights = array("I"), array("f")
    try:
        matcher = leaf.postings(fieldname, text)
    except TermNotFound:
        return ids, weights
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # deletions are dropped by the caller
    if isinstance(matcher, W3LeafMatcher):
        while not matcher._atend:
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
    return ids, weights


class View:
    """One searcher's leaves, their per-segment data, and cached document sets."""

    def __init__(self, searcher, segments: dict):
        self.searcher = searcher
        reader = searcher.reader()
        self.leaves = []
        live = {}
        for leaf, offset in reader.leaf_readers():
            segment = leaf.segment() if hasattr(leaf, "segment") else None
            key = segment.segment_id() if segment is not None else None
            data = segments.get(key) if key is not None else None
            if data is None or data.count != leaf.doc_count_all():
                data = _Segment(leaf)
            if key is not None:
                live[key] = data
            deleted = frozenset()
            if leaf.has_deletions():
                deleted = getattr(leaf, "deleted_docs_set", None) or frozenset(
                    d for d in range(leaf.doc_count_all()) if leaf.is_deleted(d))
            self.leaves.append((leaf, offset, data, deleted))
        segments.clear()
        segments.update(live)  # segments merged away are forgotten
        if len(self.leaves) == 1:
            self.facets = self.leaves[0][2].facets
            self.occurred = self.leaves[0][2].occurred
        else:
            self.facets = list(chain.from_iterable(d.facets for _l, _o, d, _x in self.leaves))
            self.occurred = list(chain.from_iterable(d.occurred
                                                     for _l, _o, d, _x in self.leaves))
        self.sets: dict = {}

    # -- document sets ----------------------------------------------------------------

    def postings(self, fieldname: str, text: str):
        """(leaf index, local ids, weights) per segment holding the term; deleted
        documents are left in (callers drop them)."""
        for number, (leaf, _offset, data, _deleted) in enumerate(self.leaves):
            ids, weights = data.postings_of(leaf, fieldname, text)
            if ids:
                yield number, ids, weights

    def term_set(self, fieldname: str, text: str) -> set:
        out: set = set()
        for number, ids, _weights in self.postings(fieldname, text):
            _leaf, offset, _data, deleted = self.leaves[number]
            if not deleted:
                out.update(ids if offset == 0 else map(offset.__add__, ids))
                continue
            # Set operations run at C speed; a filtering loop would run in Python.
            docs = set(ids).difference(deleted)
            out.update(docs if offset == 0 else map(offset.__add__, docs))
        return out

    def cached_term_set(self, fieldname: str, text: str) -> frozenset:
        key = (fieldname, text)
        found = self.sets.get(key)
        if found is None:
            found = frozenset(self.term_set(fieldname, text))
            self._remember(key, found)
        return found

    def any_of(self, fieldname: str, values) -> frozenset:
        """Documents having any of the values (filter fields; cached)."""
        values = tuple(sorted(set(values)))
        key = (fieldname, values)
        found = self.sets.get(key)
        if found is None:
            if len(values) == 1:
                found = self.cached_term_set(fieldname, values[0])
            else:
                found = frozenset().union(*(self.cached_term_set(fieldname, v)
                                            for v in values))
            self._remember(key, found)
        return found

    def _remember(self, key, value) -> None:
        if len(self.sets) >= FILTER_CACHE:
            self.sets.clear()
        self.sets[key] = value

    def in_range(self, docs, start, end) -> set:
        occurred = self.occurred
        low = start if start is not None else -sys.maxsize
        high = end if end is not None else sys.maxsize
        return {d for d in docs if low <= occurred[d] <= high}

    def clause_set(self, clause) -> set:
        terms = word_terms(clause)
        if terms is not None:
            out: set = set()
            for fieldname, text in terms:
                out |= self.term_set(fieldname, text)
            return out
        return set(clause.docs(self.searcher))

    # -- results ----------------------------------------------------------------------

    def facet_counts(self, hits) -> Counter:
        facets = self.facets
        return Counter(chain.from_iterable(map(facets.__getitem__, hits)))

    def newest(self, hits, limit: int) -> list[int]:
        occurred = self.occurred
        return [d for _k, d in heapq.nsmallest(limit, ((-occurred[d], d) for d in hits))]

    def best(self, hits, clauses, limit: int) -> list[int]:
        """The ``limit`` best-scoring hits (BM25F, as Whoosh scores the query)."""
        scores = dict.fromkeys(hits, 0.0)
        for clause in clauses:
            terms = word_terms(clause)
            if terms is None:
                self._score_with_matcher(clause, scores)
                continue
            for fieldname, text in terms:
                self._score_term(fieldname, text, scores)
        return [d for _k, d in heapq.nsmallest(limit, zip(map(neg, scores.values()),
                                                          scores.keys(), strict=True))]

    def _score_term(self, fieldname: str, text: str, scores: dict) -> None:
        searcher = self.searcher
        try:
            scorer = WEIGHTING.scorer(searcher, fieldname, text)
        except TermNotFound:
            return
        if not isinstance(scorer, scoring.WeightLengthScorer):
            scorer = None
        # A posting's score depends only on its (weight, field length): few pairs occur.
        memo = _ScoreMemo(scorer)
        contains = scores.__contains__
        for number, ids, weights in self.postings(fieldname, text):
            leaf, offset, data, _deleted = self.leaves[number]
            docs = ids if offset == 0 else array("I", map(offset.__add__, ids))
            # Only the hits are scored; choosing them with compress() runs at C speed,
            # where a test per posting in the loop below would run in Python.
            keep = list(map(contains, docs))
            if scorer is None:
                values = compress(weights, keep)
            else:
                lengths = data.lengths_of(leaf, fieldname)
                values = map(memo.__getitem__, zip(compress(weights, keep),
                                                   map(lengths.__getitem__,
                                                       compress(ids, keep)), strict=True))
            for docnum, value in zip(compress(docs, keep), values, strict=True):
                scores[docnum] += value

    def _score_with_matcher(self, clause, scores: dict) -> None:
        matcher = clause.matcher(self.searcher)
        while matcher.is_active():
            docnum = matcher.id()
            if docnum in scores:
                scores[docnum] += matcher.score()
            matcher.next()


class _ScoreMemo(dict):
    """(weight, length) -> the scorer's score for it, computed on first use."""

    def __init__(self, scorer):
        super().__init__()
        self.scorer = scorer

    def __missing__(self, key):
        value = self[key] = self.scorer._score(*key)
        return value


def word_terms(clause):
    """[(field, text)] when the clause is a plain word (Or of Terms), else None."""
    if isinstance(clause, Term):
        return [(clause.fieldname, clause.text)]
    if isinstance(clause, Or) and clause.boost == 1.0 and all(
            isinstance(q, Term) and q.boost == 1.0 for q in clause.subqueries):
        return [(q.fieldname, q.text) for q in clause.subqueries]
    return None


def view_of(searcher, segments: dict) -> View:
    """The searcher's View, built on first use (a refreshed searcher is a new object)."""
    view = getattr(searcher, "_observe_view", None)
    if view is None:
        view = View(searcher, segments)
        searcher._observe_view = view
    return view


# -- highlighting -------------------------------------------------------------------------

def _tokens(text: str):
    """The Danish analyzer's index-mode tokens of ``text`` (stop words kept and marked),
    as ``analysis.danish_analyzer()(text, positions=True, chars=True, mode="index",
    removestops=False)`` yields them, in one loop instead of a chain of generators."""
    token = Token(positions=True, chars=True, removestops=False, mode="index")
    stops = analysis.STOP_WORDS
    normalise = analysis.normalise
    pos = 0
    for match in analysis.WORD_PATTERN.finditer(text):
        word = match.group().lower()
        if "aa" in word:
            word = word.replace("aa", "å")
        token.startchar, token.endchar = match.span()
        token.boost = 1.0
        if word in stops:
            token.stopped = True
            token.text = word
            token.pos = pos
        else:
            token.stopped = False
            token.text = normalise(word)
            token.pos = pos
            pos += 1
        token.matched = False
        yield token


def _fragments(text: str, words: frozenset, fragmenter: highlight.ContextFragmenter,
               seen: dict | None = None):
    """``ContextFragmenter.fragment_tokens`` over the matched-marked tokens of ``text``,
    fused into one loop (the fragments are the same; the highlighting test compares).
    Word tokens never touch, so Whoosh's merging of adjacent matches changes nothing."""
    maxchars, surround, charlimit = (fragmenter.maxchars, fragmenter.surround,
                                     fragmenter.charlimit)
    stops = analysis.STOP_WORDS
    normalise = analysis.normalise
    compound_parts = analysis.compound_parts
    seen = {} if seen is None else seen  # word as written -> (term, matched)
    first = None
    firsts: deque = deque()
    countdown = -1
    tks: list = []
    endchar = None
    currentlen = 0
    for match in analysis.WORD_PATTERN.finditer(text):
        startchar, endchar = match.span()
        if charlimit and endchar > charlimit:
            break
        written = match.group()
        known = seen.get(written)
        if known is None:
            word = written.lower()
            if "aa" in word:
                word = word.replace("aa", "å")
            term = word if word in stops else normalise(word)
            # A compound is marked when the query found it by one of its parts.
            known = seen[written] = (term, term in words or any(
                part in words for part in compound_parts(word)))
        term, matched = known
        tlength = endchar - startchar
        if countdown < 0 and not matched:
            firsts.append(startchar)
            while firsts and endchar - firsts[0] > surround:
                firsts.popleft()
        elif currentlen + tlength > maxchars:
            countdown = 0
        elif matched:
            countdown = surround
            if first is None:
                if firsts:
                    first = firsts[0]
                else:
                    first = startchar
                    countdown += surround
            tks.append(Token(text=term, startchar=startchar, endchar=endchar, boost=1.0,
                             matched=True))
        if countdown >= 0:
            currentlen += tlength
            countdown -= tlength
            if countdown <= 0:
                yield highlight.mkfrag(text, tks, startchar=first, endchar=endchar)
                tks = []
                firsts = deque()
                first = None
                currentlen = 0
    if tks:
        yield highlight.mkfrag(text, tks, startchar=first, endchar=endchar)


def highlights(text: str, words: frozenset, highlighter, top: int = 2,
               seen: dict | None = None) -> str:
    """``Hit.highlights(field, top)`` of Whoosh's retokenising highlighter (with a
    ``ContextFragmenter``). ``seen`` may be shared by the hits of one query."""
    fragmenter = highlighter.fragmenter
    if isinstance(fragmenter, highlight.ContextFragmenter):
        fragments = _fragments(text, words, fragmenter, seen)
    else:
        tokens = highlight.set_matched_filter(_tokens(text), words)
        tokens = highlighter._merge_matched_tokens(tokens)
        fragments = fragmenter.fragment_tokens(text, tokens)
    fragments = highlight.top_fragments(fragments, top, highlighter.scorer,
                                        highlighter.order, minscore=1)
    return highlighter.formatter.format(fragments)
