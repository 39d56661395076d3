"""Who may see and do what. Every route, service, the API and (later) search ask here.

Two kinds of question:
- "may this user do X to this record?"  -> ``can_view`` / ``can_manage`` / ``require_*``
- "which records may this user see?"    -> ``visible_filter`` (a WHERE clause)

Rules:
- Everything is scoped to the user's institution. A record of another institution, or
  one the user may not see, answers 404, never 403: we never reveal that it exists.
- Admins manage accounts, teams, children and themes of their own institution. They
  get no back door into colleagues' content: content rules never mention the admin role.
- Role checks for admin pages answer 403: the page's existence is no secret.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from observe.extensions import db
from observe.people.models import Child, Team, Theme, User

ADMIN_ROLES = frozenset({"admin"})

# Models whose visibility is "anyone of the same institution".
INSTITUTION_SCOPED = (Team, User, Child, Theme)


def _user(user=None):
    return user if user is not None else current_user


def is_admin(user=None) -> bool:
    user = _user(user)
    return bool(user and user.is_authenticated and user.role in ADMIN_ROLES)


def same_institution(user, record) -> bool:
    return getattr(record, "institution_id", None) == user.institution_id


# Content rules, one pair per record type, filled in by the sections further down:
#   VIEW_RULES[Model]   = fn(user, record) -> bool          "may this user see it?"
#   FILTER_RULES[Model] = fn(user) -> SQL WHERE clause     "which rows may they see?"
# Both must say the same thing; tests check every cell of each matrix through HTTP.
VIEW_RULES: dict[type, Callable] = {}
FILTER_RULES: dict[type, Callable] = {}


def visible_filter(model, user=None):
    """A WHERE clause that limits ``model`` to the rows the user may see."""
    user = _user(user)
    if model in INSTITUTION_SCOPED:
        return model.institution_id == user.institution_id
    if model in FILTER_RULES:
        return FILTER_RULES[model](user)
    raise LookupError(f"no visibility rule for {model.__name__}")


def can_view(record, user=None) -> bool:
    user = _user(user)
    if record is None or not user or not user.is_authenticated:
        return False
    if isinstance(record, INSTITUTION_SCOPED):
        return same_institution(user, record)
    rule = VIEW_RULES.get(type(record))
    if rule is None:
        raise LookupError(f"no visibility rule for {type(record).__name__}")
    return same_institution(user, record) and rule(user, record)


def can_manage(record, user=None) -> bool:
    """Administrative changes to people, teams, children and themes."""
    user = _user(user)
    return can_view(record, user) and is_admin(user)


MAX_ID = 2**63 - 1  # beyond any database's integer; SQLite would raise OverflowError


def get_visible_or_404(model, record_id, user=None):
    valid = isinstance(record_id, int) and 0 < record_id <= MAX_ID
    record = db.session.get(model, record_id) if valid else None
    if record is None or not can_view(record, user):
        abort(404)
    return record


def get_manageable_or_404(model, record_id, user=None):
    """Load for an admin change: invisible is 404, visible but not allowed is 403."""
    record = get_visible_or_404(model, record_id, user)
    if not can_manage(record, user):
        abort(403)
    return record


def require_admin() -> None:
    if not is_admin():
        abort(403)


def admin_required(view: Callable) -> Callable:
    """Route decorator for the institution's administration pages."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        require_admin()
        return view(*args, **kwargs)

    return wrapper


def public(view: Callable) -> Callable:
    """Mark a view as reachable without login. Everything else is denied by default."""
    view.is_public = True
    return view


def is_public_view(view: Callable | None) -> bool:
    return bool(getattr(view, "is_public", False))
