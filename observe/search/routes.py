"""The search page: GET /search with a box, filter chips with counts, result cards.

Works without JavaScript: every chip is a link that toggles one filter (the counts
are over the whole result, not the page); static/js/search.js only submits the form
when a sort or period select changes.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from observe.search import params
from observe.search.query import QueryError, SearchResult, card_names, names_for, search

bp = Blueprint("search", __name__)

FACET_ORDER = ("kind", "theme", "team", "author", "child")
MULTI = {"theme"}


def kind_labels() -> dict:
    return {"observation": _("Observation"), "story": _("Learning story"),
            "meeting": _("Reflection session")}


def facet_titles() -> dict:
    return {"kind": _("Kind"), "theme": _("Theme"), "team": _("Team"),
            "author": _("Author or observed colleague"), "child": _("Child")}


def _url_with(args: MultiDict, name: str, value: str | None) -> str:
    """This search with one filter toggled (page reset)."""
    new = MultiDict(args)
    new.pop("page", None)
    current = new.getlist(name)
    if value is None:
        new.poplist(name)
    elif name in MULTI:
        new.setlist(name, [v for v in current if v != value] if value in current
                    else [*current, value])
    elif value in current:
        new.poplist(name)
    else:
        new.setlist(name, [value])
    items = [(k, v) for k, v in new.items(multi=True) if v != ""]
    return "/search" + ("?" + urlencode(items) if items else "")


def _chips(result: SearchResult, args: MultiDict) -> list[dict]:
    wanted = {name: set(result.facets.get(name, {})) for name in ("author", "child",
                                                                   "theme", "team")}
    names = names_for(wanted, current_user.institution_id)
    names["kind"] = kind_labels()
    arg_names = {"kind": "kind", "theme": "theme", "team": "team", "author": "author",
                 "child": "child"}
    groups = []
    for facet in FACET_ORDER:
        counts = result.facets.get(facet, {})
        arg = arg_names[facet]
        selected = set(args.getlist(arg))
        chips = []
        for value, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            label = names[facet].get(value if facet == "kind" else int(value))
            if label is None:
                continue  # a record's theme or child was removed meanwhile
            chips.append({"label": label, "count": count, "selected": value in selected,
                          "url": _url_with(args, arg, value)})
        if chips:
            groups.append({"name": facet, "title": facet_titles()[facet], "chips": chips})
    return groups


@bp.get("/search")
def page():
    args = request.args
    error = None
    result = None
    searched = any(args.get(k) for k in ("q", "kind", "theme", "team", "child", "author",
                                         "period", "from", "to"))
    try:
        kwargs = params.read(args)
        if searched:
            result = search(current_user, **kwargs)
    except QueryError as exc:
        error = str(exc)
        kwargs = None
    status = 400 if error else 200
    names = card_names(result.items, current_user.institution_id) if result else {}
    cards = [{**item, "author_name": names["author"].get(item["author_id"]),
              "child_names": [names["child"][c] for c in item["child_ids"]
                              if c in names["child"]],
              "theme_names": [names["theme"][t] for t in item["theme_ids"]
                              if t in names["theme"]]}
             for item in (result.items if result else [])]
    pages = 0
    if result and result.total:
        pages = (result.total + result.per_page - 1) // result.per_page
    return render_template(
        "search/page.html", result=result, error=error, args=args, cards=cards,
        chips=_chips(result, args) if result else [], kind_labels=kind_labels(),
        pages=pages, url_with=lambda name, value: _url_with(args, name, value),
        searched=searched, kwargs=kwargs), status
