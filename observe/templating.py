"""Template helpers: Danish-first dates, role and consent labels, navigation."""

from __future__ import annotations

import datetime as dt

from flask import Flask
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l


def role_labels() -> dict:
    return {"admin": _l("Administrator"), "leader": _l("Leader"),
            "resource": _l("Resource person"), "staff": _l("Staff")}


def consent_labels() -> dict:
    return {"none": _l("No photos"), "internal": _l("Internal use"),
            "parents": _l("Shared with parents")}


def kind_labels() -> dict:
    return {"daycare": _l("Daycare"), "school": _l("School")}


def _date(value, fmt="medium"):
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return format_datetime(value, "d. MMM y HH:mm" if fmt == "medium" else fmt)
    return format_date(value, "d. MMM y" if fmt == "medium" else fmt)


def _compact(attrs: dict) -> dict:
    """Drop attributes whose value is None or empty: WTForms would print "None"."""
    return {key: value for key, value in attrs.items() if value not in (None, "", False)}


def register(app: Flask) -> None:
    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["compact"] = _compact
    app.jinja_env.globals.update(
        role_labels=role_labels, consent_labels=consent_labels, kind_labels=kind_labels,
        current_locale=lambda: str(get_locale() or "da"),
    )
