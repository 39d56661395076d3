"""The durable search outbox: index changes are written in the record's transaction.

Why an outbox: the index must never contain a row that later rolls back, and a failed
index write must be retried, not lost. So a flush that touches an indexed record (or
something that changes its document: its themes, children, observed colleagues,
visibility, team...) also inserts a ``search_outbox`` row, in the same transaction.
After the commit the writer drains the table into the index and deletes the rows it
applied; a row whose index write failed stays and is retried on the next drain (every
later commit, the first request of a process, and a short background retry loop).

The rows carry only (kind, record id, institution, action): the writer re-reads the
record from the database, which is the source of truth, so applying a row twice or
late is harmless.

Bulk ``UPDATE``/``DELETE`` statements bypass the ORM's flush and are not seen here:
services must change indexed records through the ORM (or call ``index_record``).
"""

from __future__ import annotations

import datetime as dt

from flask import current_app, g, has_app_context, has_request_context
from sqlalchemy import Integer, String, event, insert
from sqlalchemy.orm import Mapped, mapped_column

from observe.db import Base, utcnow
from observe.search import documents


class SearchOutbox(Base):
    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int] = mapped_column(Integer)
    institution_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(10), default="index")  # index | delete
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


_PENDING = "search_pending"
_ADDED = "search_outbox_added"


def _refs_for(obj, action: str):
    """(kind, record-or-id, action) for a watched object; [] for anything else."""
    provider = documents.provider_for(type(obj))
    if provider is not None:
        return [(provider.kind, obj, action)]
    related = documents.RELATED.get(type(obj))
    if related is not None:
        return [(kind, parent, "index") for kind, parent in related(obj) if parent is not None]
    return []


def before_flush(session, flush_context, instances) -> None:
    if not documents.PROVIDERS and not documents.RELATED:
        return
    pending = session.info.setdefault(_PENDING, [])
    for obj in session.new:
        pending.extend(_refs_for(obj, "index"))
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=True):
            pending.extend(_refs_for(obj, "index"))
    for obj in session.deleted:
        # Read the ids now: after the flush a deleted object's attributes may be gone.
        for kind, record, action in _refs_for(obj, "delete"):
            pending.append((kind, _key(kind, record), action))


def _key(kind: str, record):
    """(record id, institution id) of a record, or the tuple itself."""
    if isinstance(record, tuple):
        return record
    provider = documents.PROVIDERS[kind]
    return (record.id, provider.institution_of(record))


def after_flush(session, flush_context) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    rows: dict[tuple[str, int], dict] = {}
    for kind, record, action in pending:
        record_id, institution_id = _key(kind, record)
        if record_id is None or institution_id is None:
            continue
        key = (kind, record_id)
        if rows.get(key, {}).get("action") == "delete":
            continue  # a delete wins over an edit of the same record in one flush
        rows[key] = {"kind": kind, "record_id": record_id, "institution_id": institution_id,
                     "action": action, "attempts": 0, "created_at": utcnow()}
    if not rows:
        return
    session.connection().execute(insert(SearchOutbox.__table__), list(rows.values()))
    schedule_drain(session)


def schedule_drain(session) -> None:
    """Drain once this transaction has committed."""
    session.info[_ADDED] = True
    if has_request_context() and not g.get("search_drain_scheduled"):
        # Drained after the request's one commit (observe/__init__.py runs these).
        g.search_drain_scheduled = True
        app = current_app._get_current_object()
        g.setdefault("after_commit", []).append(lambda: _drain(app))


def after_commit(session) -> None:
    """Outside a request (CLI, scripts, workers) drain right after the commit."""
    if not session.info.pop(_ADDED, False):
        return
    if has_request_context() or not has_app_context():
        return
    _drain(current_app._get_current_object())


def after_rollback(session) -> None:
    session.info.pop(_ADDED, None)
    session.info.pop(_PENDING, None)


def _drain(app) -> None:
    from observe.search import writer

    writer.drain(app)


_installed = False


def install(scoped_session) -> None:
    """Listen on the app's session (once per process: ``db.session`` is shared)."""
    global _installed
    if _installed:
        return
    event.listen(scoped_session, "before_flush", before_flush)
    event.listen(scoped_session, "after_flush", after_flush)
    event.listen(scoped_session, "after_commit", after_commit)
    event.listen(scoped_session, "after_soft_rollback", lambda s, t: after_rollback(s))
    _installed = True
