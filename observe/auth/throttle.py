"""Login throttling per account, counted in the database every process shares.

Throttling by address alone would lock a whole institution out, since all its tablets
share one address; so failures are counted per account key (the e-mail as typed).
The same message is given whether or not the account exists.
"""

from __future__ import annotations

import datetime as dt
import math

from flask import current_app
from sqlalchemy import delete, func, insert, select

from observe.auth.models import LoginFailure
from observe.db import utcnow
from observe.extensions import db


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=current_app.config["LOGIN_WINDOW_MINUTES"])


def minutes_locked(account_key: str, now: dt.datetime | None = None) -> int:
    """Minutes until this account may try again; 0 when it may try now."""
    now = now or utcnow()
    since = now - _window()
    stmt = select(func.count(), func.min(LoginFailure.created_at)).where(
        LoginFailure.account_key == account_key, LoginFailure.created_at > since
    )
    count, oldest = db.session.execute(stmt).one()
    if count < current_app.config["LOGIN_MAX_FAILURES"]:
        return 0
    if oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=dt.UTC)
    remaining = (oldest + _window() - now).total_seconds()
    return max(1, math.ceil(remaining / 60))


def record_failure(account_key: str) -> None:
    """Counted in its own transaction: the login request itself is rejected and
    rolled back, but the failure must still count."""
    with db.engine.begin() as conn:
        conn.execute(insert(LoginFailure).values(account_key=account_key, created_at=utcnow()))
        # Old rows are of no use; pruning here keeps the table small without a cron job.
        conn.execute(
            delete(LoginFailure).where(LoginFailure.created_at < utcnow() - 4 * _window())
        )


def clear_failures(account_key: str) -> None:
    db.session.execute(delete(LoginFailure).where(LoginFailure.account_key == account_key))
