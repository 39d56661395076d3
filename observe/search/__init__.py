"""Search: a permission-aware, Danish-aware Whoosh index per institution.

The small interface the rest of the app uses:

- ``index_record(record)`` / ``remove_record(record)``: queue a (re)index or removal
  in the current transaction. Rarely needed: flushing an Observation or Story (or
  their themes, children, observed colleagues, visibility, team) queues it already.
- ``search(user, q, ...)``: see ``query.search``.
- ``rebuild(institution_id=None)``: rebuild from the database (``observe reindex``).
- ``init_app(app)``: called by ``create_app``.

The database is the source of truth; the index is derived from it after each commit
through the outbox (outbox.py) by a single writer (writer.py).
"""

from __future__ import annotations

import logging
import threading

from flask import current_app

from observe.search import analysis, documents, engine, index, outbox, writer
from observe.search.outbox import SearchOutbox
from observe.search.query import QueryError, SearchResult, search

__all__ = ["SearchOutbox", "QueryError", "SearchResult", "search", "index_record",
           "remove_record", "rebuild", "init_app", "drain", "warm_up"]
log = logging.getLogger(__name__)


def init_app(app) -> None:
    from observe.extensions import db

    documents.register_defaults()
    outbox.install(db.session)
    index.state_of(app)
    app.before_request(_startup_once)

    from observe.search.routes import bp

    app.register_blueprint(bp)


def _startup_once() -> None:
    """First request of this process: apply leftovers and check the indexes' health."""
    app = current_app._get_current_object()
    state = index.state_of(app)
    if state.started:
        return
    state.started = True
    writer.drain(app, wait=1.0)
    for link in state.root.glob("[0-9]*"):
        if link.name.isdigit() and index.status(app, int(link.name)) != "ok":
            writer.start_rebuild(app, int(link.name))
    if app.config.get("SEARCH_WARM_UP", not app.testing):
        threading.Thread(target=warm_up, args=(app,), name="search-warm-up",
                         daemon=True).start()


def warm_up(app) -> None:
    """Pay a process's one-time costs before a user's search does: loading simplemma's
    Danish dictionary (~1 s), and opening each institution's searcher with its
    per-segment data (~0.2 s at 20,000 records). Runs once, in the background, from
    the first request; a search that comes first simply pays its own share."""
    analysis.normalise("legede")
    state = index.state_of(app)
    for link in sorted(state.root.glob("[0-9]*")):
        if not link.name.isdigit():
            continue
        institution_id = int(link.name)
        try:
            with state.lock:
                opened = index.searcher(app, institution_id)
                engine.view_of(opened, state.segments.setdefault(institution_id, {}))
        except index.IndexUnavailable:
            continue  # being rebuilt; its first search pays
        except Exception:  # noqa: BLE001 - warming up must never break a request
            log.exception("search: warm-up of institution %s failed", institution_id)


def _queue(record, action: str) -> None:
    from observe.extensions import db

    provider = documents.provider_for(type(record))
    if provider is None:
        raise LookupError(f"{type(record).__name__} is not indexed")
    db.session.add(SearchOutbox(kind=provider.kind, record_id=record.id,
                                institution_id=record.institution_id, action=action))
    db.session.flush()
    outbox.schedule_drain(db.session)


def index_record(record) -> None:
    """Queue ``record`` for (re)indexing after the current transaction commits."""
    _queue(record, "index")


def remove_record(record) -> None:
    _queue(record, "delete")


def drain() -> int:
    """Apply pending index changes now (tests, scripts)."""
    return writer.drain(current_app._get_current_object())


def rebuild(institution_id: int | None = None) -> int:
    """Rebuild the index of one institution, or of all, from the database; each is
    built into a new directory and swapped in atomically. Returns the document count."""
    from sqlalchemy import select

    from observe.extensions import db
    from observe.people.models import Institution

    app = current_app._get_current_object()
    ids = ([institution_id] if institution_id is not None
           else list(db.session.scalars(select(Institution.id).order_by(Institution.id))))
    total = 0
    for inst in ids:
        total += writer.rebuild_institution(app, inst)
    index.close_searchers(app)
    return total
