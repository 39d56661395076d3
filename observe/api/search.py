"""/search: the same permission-aware search as the search page.

Only records the caller may open are found, counted or suggested. Words of ``q`` are
ANDed after Danish normalisation; ``"..."`` is a phrase, ``word*`` a prefix.
"""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from observe.api import bp
from observe.api import openapi as doc
from observe.api.helpers import api_error
from observe.search import params
from observe.search.query import KINDS, SORTS, QueryError, search


@bp.get("/search")
def search_records():
    try:
        kwargs = params.read(request.args)
        result = search(current_user, **kwargs)
    except QueryError as exc:
        api_error(400, "bad_request", str(exc), {"q": str(exc)})
    body = {
        "total": result.total, "page": result.page, "per_page": result.per_page,
        "items": [{k: item[k] for k in ("kind", "id", "title", "snippet_html",
                                       "occurred_at", "url", "theme_ids")}
                  for item in result.items],
        "facets": result.facets,
        "suggestion": result.suggestion,
        "catching_up": result.catching_up,
    }
    if result.ignored_query:
        body["message"] = _("Your search only had very common words. Add a word that says "
                            "what you are looking for.")
    return body


# -- OpenAPI -----------------------------------------------------------------------------

COUNTS = {"type": "object", "additionalProperties": {"type": "integer"},
          "description": "Value (an id, or a kind) → number of matching records."}
doc.add_tag("search", "Search observations and learning stories you may open.")
doc.add_schema("SearchHit", {
    "type": "object",
    "required": ["kind", "id", "title", "snippet_html", "occurred_at", "url", "theme_ids"],
    "properties": {
        "kind": {"type": "string", "enum": list(KINDS)},
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "snippet_html": {"type": "string",
                         "description": "Escaped text; matched words wrapped in <mark>."},
        "occurred_at": {"type": "string", "format": "date-time"},
        "url": {"type": "string", "description": "The record's page."},
        "theme_ids": {"type": "array", "items": {"type": "integer"}},
    },
})
doc.add_schema("SearchResult", {
    "type": "object",
    "required": ["total", "page", "per_page", "items", "facets"],
    "properties": {
        "total": {"type": "integer"}, "page": {"type": "integer"},
        "per_page": {"type": "integer"},
        "items": {"type": "array", "items": doc.ref("SearchHit")},
        "facets": {"type": "object", "description": "Counts over the whole result, not "
                   "the page. `author` counts authors and observed colleagues.",
                   "properties": {name: COUNTS for name in
                                  ("kind", "theme", "team", "author", "child")}},
        "suggestion": {"type": ["string", "null"],
                       "description": "A corrected query that finds something (\"did "
                                      "you mean\"), when the query found nothing."},
        "catching_up": {"type": "boolean",
                        "description": "The index is being rebuilt; try again shortly."},
        "message": {"type": "string"},
    },
})
_ID = {"type": "integer", "minimum": 1}
doc.add_path("/search", "get", doc.operation(
    "Search observations and learning stories", tag="search", response="SearchResult",
    paginated=True, description="Only records you may open are found and counted. "
    "Several `theme` values mean any of them; different filters combine with AND.",
    params=[
        doc.query_param("q", {"type": "string", "maxLength": 500},
                        "Words (all must match, in any Danish form), \"phrases\", pre*."),
        doc.query_param("kind", {"type": "string", "enum": list(KINDS)}),
        doc.query_param("theme", {"type": "array", "items": _ID}, "Repeatable."),
        doc.query_param("team", _ID), doc.query_param("child", _ID),
        doc.query_param("author", _ID, "Author or observed colleague."),
        doc.query_param("from", {"type": "string", "format": "date"}),
        doc.query_param("to", {"type": "string", "format": "date"}),
        doc.query_param("sort", {"type": "string", "enum": list(SORTS),
                                 "default": "relevance"}),
    ]))
