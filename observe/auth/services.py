"""Authentication rules: login, password changes, API tokens and one-time setup links."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from observe.auth import throttle
from observe.auth.models import ApiToken, SetupLink
from observe.auth.passwords import hash_password, password_problems, verify_password
from observe.db import utcnow
from observe.extensions import db
from observe.people.models import User, email_key


class AuthError(Exception):
    """A refused authentication step, with a message for the user."""


@dataclass
class LoginResult:
    user: User | None
    error: str | None = None


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email_key(email)))


def authenticate(email: str, password: str) -> LoginResult:
    key = email_key(email)
    locked = throttle.minutes_locked(key)
    if locked:
        return LoginResult(
            None,
            _(
                "Too many failed attempts. Try again in %(n)d minutes.",
                n=locked,
            ),
        )
    user = find_user_by_email(key)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        throttle.record_failure(key)
        return LoginResult(None, _("Wrong e-mail or password."))
    throttle.clear_failures(key)
    return LoginResult(user)


def set_password(user: User, password: str, *, temporary: bool = False) -> None:
    """Set a new password and end every other session of the user.

    A temporary password (set by an admin) must be replaced at next login.
    """
    problems = password_problems(password)
    if problems:
        raise AuthError(" ".join(problems))
    user.password_hash = hash_password(password)
    user.must_change_password = temporary
    user.end_sessions()


def change_password(user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise AuthError(_("Your current password is not correct."))
    set_password(user, new)


def end_sessions(user: User) -> None:
    user.end_sessions()


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_api_token(user: User, name: str) -> str:
    """Return a new personal token; only its hash is kept."""
    raw = "obs_" + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=(name or "token")[:100], token_hash=_digest(raw),
                     prefix=raw[:10])
    db.session.add(token)
    db.session.flush()
    return raw


def user_for_token(raw: str) -> User | None:
    if not raw or len(raw) > 200:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _digest(raw)))
    if token is None or not token.user.active:
        return None
    token.last_used_at = utcnow()
    return token.user


def revoke_api_token(user: User, token_id: int) -> bool:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        return False
    db.session.delete(token)
    return True


def user_tokens(user: User) -> list[ApiToken]:
    return list(db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc())
    ))


def create_setup_link(user: User) -> str:
    """A one-time link for a colleague to choose a password; earlier links stop working.

    The old password stops working too, and every session ends: the colleague must
    choose a new password before anything else.
    """
    for old in db.session.scalars(select(SetupLink).where(SetupLink.user_id == user.id)):
        db.session.delete(old)
    raw = secrets.token_urlsafe(32)
    hours = current_app.config["SETUP_LINK_HOURS"]
    db.session.add(SetupLink(user=user, token_hash=_digest(raw),
                             expires_at=utcnow() + dt.timedelta(hours=hours)))
    user.password_hash = None
    user.must_change_password = True
    user.end_sessions()
    db.session.flush()
    return raw


def setup_link_user(raw: str) -> User | None:
    link = db.session.scalar(select(SetupLink).where(SetupLink.token_hash == _digest(raw or "")))
    if link is None or link.used_at is not None or link.expires_at < utcnow():
        return None
    if not link.user.active:
        return None
    return link.user


def use_setup_link(raw: str, password: str) -> User:
    user = setup_link_user(raw)
    if user is None:
        raise AuthError(_("This link is no longer valid. Ask your administrator for a new one."))
    set_password(user, password)
    link = db.session.scalar(select(SetupLink).where(SetupLink.token_hash == _digest(raw)))
    link.used_at = utcnow()
    return user
