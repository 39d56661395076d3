"""Reading search parameters from a query string, shared by the page and the API, so
the same bad input gets the same answer (a QueryError with a clear message)."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _

from observe.permissions import MAX_ID
from observe.search.query import KINDS, SORTS, QueryError

MAX_PER_PAGE = 100


def _int(args, name: str, maximum: int = MAX_ID) -> int | None:
    value = (args.get(name) or "").strip()
    if not value:
        return None
    if not value.isdigit() or not 0 < int(value) <= maximum:
        raise QueryError(_("%(name)s must be a whole number.", name=name))
    return int(value)


def _ints(args, name: str) -> list[int]:
    out = []
    for value in args.getlist(name):
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or not 0 < int(part) <= MAX_ID:
                raise QueryError(_("%(name)s must be a whole number.", name=name))
            out.append(int(part))
    return list(dict.fromkeys(out))


def _date(args, name: str) -> dt.date | None:
    value = (args.get(name) or "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(_("%(name)s must be a date written as YYYY-MM-DD.",
                           name=name)) from None


def half_year_start(today: dt.date) -> dt.date:
    return dt.date(today.year, 1 if today.month <= 6 else 7, 1)


def read(args, today: dt.date | None = None) -> dict:
    """Keyword arguments for ``search()`` from request args (raises QueryError)."""
    today = today or dt.date.today()
    kinds = []
    for value in args.getlist("kind"):
        for part in value.split(","):
            if part and part not in KINDS:
                raise QueryError(_("kind must be one of: %(choices)s.",
                                   choices=", ".join(KINDS)))
            if part:
                kinds.append(part)
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise QueryError(_("sort must be one of: %(choices)s.", choices=", ".join(SORTS)))
    date_from, date_to = _date(args, "from"), _date(args, "to")
    period = args.get("period") or ""
    if period == "30d":
        date_from, date_to = today - dt.timedelta(days=30), None
    elif period == "half":
        date_from, date_to = half_year_start(today), None
    if date_from and date_to and date_from > date_to:
        raise QueryError(_("The start date must be before the end date."))
    page = _int(args, "page", maximum=10_000) or 1
    per_page = min(_int(args, "per_page") or 20, MAX_PER_PAGE)
    return {"q": args.get("q", ""), "kinds": kinds, "themes": _ints(args, "theme"),
            "team": _int(args, "team"), "child": _int(args, "child"),
            "author": _int(args, "author"), "date_from": date_from, "date_to": date_to,
            "sort": sort, "page": page, "per_page": per_page}
