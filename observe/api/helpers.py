"""Shared pieces of the JSON API: body parsing, query arguments, pagination, errors.

Every API module uses these, so the same bad input always gets the same answer:

- ``json_body(FIELDS)``: 415 without a JSON content type, 413 over MAX_JSON_BYTES
  (checked before anything is parsed), 400 for malformed JSON, a body that is not an
  object or a value of the wrong JSON type, 422 for a field the endpoint does not know.
  Values are only type-checked here; their rules (required, lengths, allowed values)
  live in the services, which pages and API share, and answer 422 from there.
- ``page_args()`` / ``paginate(stmt, serialize)``: ``?page=`` (1-based) and
  ``?per_page=`` (default 20, capped at 100); bad values answer 400, never 500.
- ``visible_or_404`` / ``manageable_or_404``: the permission module's loaders, guarded
  against ids too large for the database (those are simply absent: 404).

The ``Field`` specs that ``json_body`` checks also produce the OpenAPI request
schemas, so the document and the code cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NoReturn

from flask import current_app, request
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from observe import permissions
from observe.extensions import db
from observe.permissions import MAX_ID
from observe.security import json_error
from observe.validation import Conflict, ValidationError

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


class ApiError(Exception):
    """Raised anywhere inside an API request; answered as the shared error JSON."""

    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields


def api_error(status: int, code: str, message: str, fields: dict | None = None) -> NoReturn:
    raise ApiError(status, code, message, fields)


# -- request bodies -------------------------------------------------------------------

_JSON_TYPES = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "integer[]": {"type": "array", "items": {"type": "integer"}},
    "string[]": {"type": "array", "items": {"type": "string"}},
}


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_CHECKS: dict[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": _is_int,
    "number": lambda v: _is_int(v) or isinstance(v, float),
    "boolean": lambda v: isinstance(v, bool),
    "date": lambda v: isinstance(v, str),
    "datetime": lambda v: isinstance(v, str),
    "integer[]": lambda v: isinstance(v, list) and all(_is_int(i) for i in v),
    "string[]": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
}


def _type_messages() -> dict[str, str]:
    return {
        "string": _("Must be text."),
        "integer": _("Must be a whole number."),
        "number": _("Must be a number."),
        "boolean": _("Must be true or false."),
        "date": _("Must be a date written as YYYY-MM-DD."),
        "datetime": _("Must be a date and time in ISO 8601 format."),
        "integer[]": _("Must be a list of whole numbers."),
        "string[]": _("Must be a list of texts."),
    }


@dataclass(frozen=True)
class Field:
    """One accepted body field: its JSON type, and what the OpenAPI document says.

    ``required``, ``enum`` and ``max_length`` are documentation: the service enforces
    them (with a 422), so the rule exists once for pages and API alike.
    """

    kind: str = "string"
    nullable: bool = False
    required: bool = False
    enum: tuple[str, ...] = ()
    max_length: int | None = None
    description: str = ""

    def __post_init__(self):
        if self.kind not in _CHECKS:
            raise ValueError(f"unknown field kind {self.kind!r}")

    def accepts(self, value) -> bool:
        return (value is None and self.nullable) or _CHECKS[self.kind](value)

    def schema(self) -> dict:
        schema = dict(_JSON_TYPES[self.kind])
        if self.nullable:
            schema["type"] = [schema["type"], "null"]
        if self.enum:
            schema["enum"] = list(self.enum) + ([None] if self.nullable else [])
        if self.max_length:
            schema["maxLength"] = self.max_length
        if self.description:
            schema["description"] = self.description
        return schema


def json_body(fields: Mapping[str, Field]) -> dict:
    """The request's JSON object, limited to ``fields`` and type-checked."""
    if not request.is_json:
        api_error(415, "unsupported_media_type",
                  _("Send the request body as JSON (Content-Type: application/json)."))
    limit = current_app.config["MAX_JSON_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        api_error(413, "too_large", _("The request body is too large."))
    raw = request.get_data(cache=True)
    if len(raw) > limit:  # a body sent without Content-Length (chunked)
        api_error(413, "too_large", _("The request body is too large."))
    try:
        data = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        api_error(400, "bad_request", _("The request body is not valid JSON."))
    if not isinstance(data, dict):
        api_error(400, "bad_request", _("The request body must be a JSON object."))
    unknown = {name: _("Unknown field.") for name in data if name not in fields}
    if unknown:
        api_error(422, "validation_error", _("The request contains unknown fields."), unknown)
    messages = _type_messages()
    wrong = {name: messages[fields[name].kind] for name, value in data.items()
             if not fields[name].accepts(value)}
    if wrong:
        api_error(400, "bad_request", _("Some fields have the wrong type."), wrong)
    return data


def _reject_constant(name: str):
    raise ValueError(name)  # NaN and Infinity are not JSON


# -- query arguments and pagination ------------------------------------------------------

def _bad_arg(name: str, message: str) -> NoReturn:
    api_error(400, "bad_request", _("A query parameter has a bad value."), {name: message})


def int_arg(name: str, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """An optional whole-number query parameter (e.g. ``?team=3``)."""
    value = request.args.get(name)
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        _bad_arg(name, _("Must be a whole number."))
    if not minimum <= number <= maximum:
        _bad_arg(name, _("Must be between %(low)d and %(high)d.", low=minimum, high=maximum))
    return number


def bool_arg(name: str) -> bool | None:
    """An optional yes/no query parameter: true/false, 1/0, yes/no."""
    value = request.args.get(name)
    if value is None or value == "":
        return None
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    _bad_arg(name, _("Must be true or false."))


def choice_arg(name: str, choices) -> str | None:
    value = request.args.get(name)
    if value is None or value == "":
        return None
    if value not in choices:
        _bad_arg(name, _("Must be one of: %(choices)s.", choices=", ".join(choices)))
    return value


def page_args() -> tuple[int, int]:
    """``(page, per_page)``; a per_page above the maximum is capped, not refused."""
    page = int_arg("page") or 1
    per_page = int_arg("per_page", maximum=MAX_ID) or DEFAULT_PER_PAGE
    return page, min(per_page, MAX_PER_PAGE)


def paginate(stmt, serialize: Callable) -> dict:
    """Run ``stmt`` (an ordered ``select``) one page at a time.

    Answers ``{"items", "total", "page", "per_page"}``; a page past the end is empty.
    """
    page, per_page = page_args()
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    offset = (page - 1) * per_page
    rows = [] if offset >= total else db.session.scalars(stmt.limit(per_page).offset(offset))
    return {"items": [serialize(row) for row in rows], "total": total, "page": page,
            "per_page": per_page}


# -- loading records ---------------------------------------------------------------------

def visible_or_404(model, record_id: int):
    if not 0 < record_id <= MAX_ID:
        api_error(404, "not_found", _("We could not find that page"))
    return permissions.get_visible_or_404(model, record_id)


def manageable_or_404(model, record_id: int):
    """Invisible records answer 404; visible but not yours to change, 403."""
    if not 0 < record_id <= MAX_ID:
        api_error(404, "not_found", _("We could not find that page"))
    return permissions.get_manageable_or_404(model, record_id)


def created(body: dict, location: str | None = None):
    headers = {"Location": location} if location else {}
    return body, 201, headers


# -- error handlers ----------------------------------------------------------------------

def register_error_handlers(bp) -> None:
    """Domain errors from services become the shared error JSON (after a rollback)."""

    @bp.errorhandler(ApiError)
    def _api_error(error: ApiError):
        db.session.rollback()
        return json_error(error.status, error.code, error.message, error.fields)

    @bp.errorhandler(ValidationError)
    def _validation_error(error: ValidationError):
        db.session.rollback()
        return json_error(422, "validation_error", error.message, error.fields)

    @bp.errorhandler(Conflict)
    def _conflict(error: Conflict):
        db.session.rollback()
        return json_error(409, "conflict", error.message)

    @bp.errorhandler(IntegrityError)
    def _integrity_error(error: IntegrityError):
        # Two requests raced past a uniqueness check: the loser gets a conflict.
        db.session.rollback()
        return json_error(409, "conflict", _("The record was changed at the same time. "
                                             "Reload and try again."))
