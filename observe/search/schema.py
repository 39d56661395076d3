"""The Whoosh schema of one institution's index, and its version.

``SCHEMA_VERSION`` is written into every index folder; an index with another version
(or none) is rebuilt in the background at start. Bump it whenever the schema or the
analysis changes in a way that changes the indexed terms.

Fields:
- ``uid`` ("observation:12") is the unique key; ``kind`` and ``rid`` split it.
- ``principals`` ("user:12 team:3"): who may read the document. Every query filters on
  the viewer's principals (see documents.py for how they are computed).
- ``team``, ``people`` (author and observed colleagues), ``child``, ``theme``: ids, for
  filters. The same values are packed into the ``facets`` column, which the facet
  counter reads per matched document (one column read instead of one posting walk per
  facet value).
- ``title`` and ``words`` are Danish-analysed (lemma + stem); ``text`` is the stored
  text the snippets are cut from. ``raw`` holds the words as written (lower-cased,
  "aa" folded), with positions: phrases in quotes, prefixes and suggestions look there.
  Only ``raw`` has positions: a posting list with positions costs about three times as
  much to decode, and plain words (nearly every query) need none. ``parts`` the parts of compounds
  (see analysis.compound_parts), so a word also finds the compounds it ends or starts.
- ``occurred`` (epoch seconds) sorts "newest first" and filters periods.
- ``meta`` (stored JSON) carries what a result card shows without a database trip.
"""

from __future__ import annotations

from whoosh import columns, fields

from observe.search.analysis import danish_analyzer, parts_analyzer, raw_analyzer

SCHEMA_VERSION = "6"


def build_schema() -> fields.Schema:
    ids = {"lowercase": False, "commas": False, "scorable": False}
    return fields.Schema(
        uid=fields.ID(unique=True, stored=True),
        kind=fields.ID(stored=True),
        rid=fields.NUMERIC(int, bits=64, stored=True),
        principals=fields.KEYWORD(**ids),
        team=fields.KEYWORD(**ids),
        people=fields.KEYWORD(**ids),
        child=fields.KEYWORD(**ids),
        theme=fields.KEYWORD(**ids),
        occurred=fields.NUMERIC(int, bits=64, stored=True, sortable=True),
        title=fields.TEXT(analyzer=danish_analyzer(), stored=True, field_boost=2.0,
                          phrase=False),
        text=fields.STORED(),
        # Without positions: a plain word's postings decode about three times faster.
        words=fields.TEXT(analyzer=danish_analyzer(), phrase=False),
        # With positions: phrases in quotes match the words as written.
        raw=fields.TEXT(analyzer=raw_analyzer()),
        # Weighted below the whole words: a record that says "fællesskab" ranks above
        # one that only has it inside "læringsfællesskaber".
        parts=fields.TEXT(analyzer=parts_analyzer(), phrase=False, field_boost=0.5),
        facets=fields.COLUMN(columns.VarBytesColumn()),
        meta=fields.STORED(),
    )


FACET_FIELDS = ("kind", "theme", "team", "author", "child")
