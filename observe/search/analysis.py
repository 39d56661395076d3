"""Danish text analysis, the same at index time and at query time.

Whoosh's Snowball Danish stemmer alone leaves *legede* as "leged" and *byggede* as
"bygged", and it cannot know that *børn* is the plural of *barn* or *gik* the past of
*gå*. So each word is first lemmatised with simplemma (a dictionary lookup: legede →
lege, børnene → barn, gik → gå) and the lemma is then stemmed (lege → leg): a whole
word family meets in one index term.

Before that, words are lower-cased and the old spelling "aa" is folded into "å"
(Aalborg, gaa, paa), so either spelling finds the other. æ, ø and å are kept as letters:
folding them to ae/oe/aa would merge words that Danish keeps apart.

Very common words (og, i, at, den...) are dropped: they carry no meaning for search
and a query made only of them answers "no results" rather than everything.

``raw_analyzer`` keeps the unstemmed (but lower-cased and folded) words; it feeds the
"did you mean" suggestions (a suggestion should be a real word, not a stem) and
prefix queries (``klodse*`` must match *klodser* even though its stem is "klod").

Compounds: Danish writes *læringsfællesskaber* as one word, and a team searching for
*fællesskab* expects to find it. ``compound_parts`` splits a word the dictionary does
not know into a known modifier (with or without the linking -s/-e) and a known head
(læringsfællesskaber → læring + fællesskab); ``parts_analyzer`` indexes those parts in
a field of their own, which every word of a query also looks in. Words the dictionary
knows are left whole on purpose: splitting them gives more wrong parts than right ones
(over+gangen, under+visning, sammen+hængen, opmærksom+heden), so lexicalised
compounds such as *legeplads* are found by their own word family only.
"""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.lang import stemmer_for_language, stopwords_for_language

WORD_PATTERN = re.compile(r"\w+", re.UNICODE)
STOP_WORDS = frozenset(stopwords_for_language("da")) | frozenset(
    {"paa", "naar", "saa", "saadan"})  # old spellings of stop words, before folding
_stem = stemmer_for_language("da")


def fold(word: str) -> str:
    """Lower-case and fold the old "aa" spelling into "å"."""
    return word.lower().replace("aa", "å")


@lru_cache(maxsize=200_000)
def normalise(word: str) -> str:
    """One (already folded) word → its index term: lemma, then Snowball stem."""
    if word.isdigit():
        return word
    lemma = simplemma.lemmatize(word, lang="da").lower()
    return _stem(fold(lemma))


MIN_COMPOUND = 8  # shorter words are rarely compounds of two real words
MIN_HEAD = 4
MIN_MODIFIER = 3


def _known(word: str) -> bool:
    return simplemma.is_known(word, lang="da")


@lru_cache(maxsize=200_000)
def compound_parts(word: str) -> tuple[str, ...]:
    """The index terms of the parts of an unknown compound (folded, lower-case
    ``word``), or () when it is not one. The longest known head wins, so
    *læringsfællesskaber* gives fællesskab, not skab."""
    if len(word) < MIN_COMPOUND or not word.isalpha() or _known(word):
        return ()
    for cut in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        head = word[cut:]
        if not _known(head):
            continue
        modifier = word[:cut]
        linked = modifier[:-1] if modifier[-1] in "se" else None
        for core in (linked, modifier):
            if core and len(core) >= MIN_MODIFIER and _known(core):
                parts = [normalise(p) for p in (core, head) if p not in STOP_WORDS]
                return tuple(dict.fromkeys(parts))
    return ()


class FoldFilter(Filter):
    """Folds "aa" into "å" (after lower-casing)."""

    def __call__(self, tokens):
        for token in tokens:
            if "aa" in token.text:
                token.text = token.text.replace("aa", "å")
            yield token


class DanishStemFilter(Filter):
    """Lemmatise, then stem. Cached: the vocabulary of a daycare is small."""

    def __call__(self, tokens):
        for token in tokens:
            if not token.stopped:
                token.text = normalise(token.text)
            yield token


class CompoundPartsFilter(Filter):
    """Replaces each word by the index terms of its compound parts (none for a word
    that is not an unknown compound); the parts keep the word's position."""

    def __call__(self, tokens):
        for token in tokens:
            if token.stopped:
                continue
            for part in compound_parts(token.text):
                token.text = part
                yield token


def danish_analyzer():
    return (RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | FoldFilter()
            | StopFilter(stoplist=STOP_WORDS, minsize=1) | DanishStemFilter())


def raw_analyzer():
    return (RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | FoldFilter()
            | StopFilter(stoplist=STOP_WORDS, minsize=2))


def parts_analyzer():
    return (RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | FoldFilter()
            | StopFilter(stoplist=STOP_WORDS, minsize=1) | CompoundPartsFilter())


_ANALYZER = danish_analyzer()
_RAW = raw_analyzer()


def terms(text: str) -> list[str]:
    """The index terms of ``text`` (what a query for it looks up)."""
    return [token.text for token in _ANALYZER(text)]


def raw_terms(text: str) -> list[str]:
    return [token.text for token in _RAW(text)]
