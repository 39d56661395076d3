"""How Flask-Login finds the user: the session cookie or a bearer token.

The cookie holds ``<id>:<session_token>``; a rotated token (logout, password change or
reset) makes every older cookie, remember-me cookies included, worthless.
"""

from __future__ import annotations

import hmac

from flask import g

from observe.extensions import db
from observe.people.models import User


def load_user(cookie_id: str) -> User | None:
    user_id, _, token = (cookie_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active:
        return None
    if not hmac.compare_digest(user.session_token, token):
        return None
    return user


def load_user_from_request(request) -> User | None:
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    from observe.auth.services import user_for_token

    user = user_for_token(header[7:].strip())
    if user is not None:
        g.bearer_auth = True
    return user
