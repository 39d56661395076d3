"""The single index writer: drains the outbox into the index, one writer at a time.

Whoosh allows one writer per index, and its own lock fails at once when taken (the
issue measured 150 of 200 commits lost to ``LockError`` with 4 processes). So every
write to an institution's index first takes an ``fcntl`` lock on
``INDEX_FOLDER/locks/<institution>.lock``, waiting for it a short while: processes and
threads queue up instead of failing. Under the lock the writer re-reads the pending
outbox rows (another process may have applied them meanwhile), re-reads each record
from the database, writes and commits the index, and only then deletes the rows it
applied. A crash between the index commit and the row delete only means the row is
applied again later, which is harmless.

A failed write (the lock not obtained in time, a disk error, a bug in a provider)
leaves the rows in the outbox with ``attempts`` and ``last_error`` set, and starts a
short background retry loop in this process. Leftovers are also picked up by every
later drain and by the first request of each process.

``AsyncWriter``/``BufferedWriter`` are not used: they do not coordinate processes.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from observe.extensions import db
from observe.search import documents, index
from observe.search.outbox import SearchOutbox

log = logging.getLogger(__name__)
LOCK_WAIT = 5.0  # seconds a drain waits for another writer before leaving it for retry
BATCH = 500
SMALL_INSTITUTION = 2000  # a missing index this small is built at once, not in background
PARALLEL_BUILD = 4000  # records from which a (re)build uses several processes
BUILD_PROCS = 2


class LockTimeout(Exception):
    pass


@contextmanager
def _file_lock(app, name: str, wait: float | None):
    """An exclusive ``fcntl`` lock on ``INDEX_FOLDER/locks/<name>.lock``, shared by
    every process of the deployment. ``wait`` seconds at most (then ``LockTimeout``);
    None waits as long as it takes."""
    folder = Path(app.config["INDEX_FOLDER"]) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if wait is None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        else:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise LockTimeout(name) from None
                    time.sleep(0.005)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def writer_lock(app, institution_id: int, wait: float = LOCK_WAIT):
    """The one writer of an institution's index."""
    return _file_lock(app, str(int(institution_id)), wait)


def build_slot(app):
    """One index build at a time in the whole deployment (all processes): at start an
    outdated schema makes every institution rebuild, and ten builds of two processes
    each at once would thrash two cores for far longer than ten builds in a row."""
    return _file_lock(app, "build", None)


def _session(app) -> Session:
    """A session of its own: drains run after the request's commit, or inside the
    request session's after_commit event, where that session may not emit SQL."""
    with app.app_context():
        return Session(db.engine, expire_on_commit=False)


def drain(app, wait: float = LOCK_WAIT) -> int:
    """Apply pending outbox rows of every institution. Never raises; returns how many
    rows are still pending afterwards (0 when everything was applied)."""
    try:
        with _session(app) as session:
            institutions = session.scalars(select(SearchOutbox.institution_id).distinct()).all()
    except Exception:  # the database is unreachable: nothing to do now
        log.exception("search outbox: cannot read")
        return -1
    left = 0
    for institution_id in institutions:
        try:
            with writer_lock(app, institution_id, wait):
                left += drain_institution(app, institution_id)
        except LockTimeout:
            log.info("search: index %s busy; leaving rows for retry", institution_id)
            left += 1
        except Exception:
            log.exception("search: index write failed for institution %s", institution_id)
            left += 1
    if left:
        start_retry(app)
    return left


def drain_institution(app, institution_id: int) -> int:
    """Apply the institution's rows (the caller holds the writer lock)."""
    try:
        ix = index.open_index(app, institution_id)
    except index.IndexUnavailable as exc:
        return _repair(app, institution_id, exc.state)
    with _session(app) as session:
        while True:
            rows = list(session.scalars(
                select(SearchOutbox).where(SearchOutbox.institution_id == institution_id)
                .order_by(SearchOutbox.id).limit(BATCH)))
            if not rows:
                return 0
            try:
                with app.app_context():
                    apply_rows(ix, institution_id, session, rows)
            except Exception as exc:
                session.rollback()
                message = f"{type(exc).__name__}: {exc}"[:500]
                session.execute(update(SearchOutbox)
                                .where(SearchOutbox.id.in_([r.id for r in rows]))
                                .values(attempts=SearchOutbox.attempts + 1,
                                        last_error=message))
                session.commit()
                raise
            session.execute(delete(SearchOutbox).where(
                SearchOutbox.id.in_([r.id for r in rows])))
            session.commit()


def apply_rows(ix, institution_id: int, session: Session, rows) -> None:
    """Write the rows' current database state into the index, in one commit."""
    latest: dict[tuple[str, int], str] = {}
    for row in rows:
        latest[(row.kind, row.record_id)] = row.action
    ops = []
    for (kind, record_id), action in latest.items():
        provider = documents.PROVIDERS.get(kind)
        record = session.get(provider.model, record_id) if provider else None
        uid = f"{kind}:{record_id}"
        if record is None or action == "delete" or record.institution_id != institution_id:
            ops.append(("delete", uid, None))
        else:
            ops.append(("update", uid, documents.to_fields(provider.describe(record))))
    write_documents(ix, ops)


def write_documents(ix, ops) -> None:
    """One Whoosh writer, one commit (tests replace this to inject a failure)."""
    writer = ix.writer()
    try:
        for action, uid, fields in ops:
            if action == "delete":
                writer.delete_by_term("uid", uid)
            else:
                writer.update_document(**fields)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _repair(app, institution_id: int, state: str) -> int:
    """The index is missing or unusable: build it (small) or rebuild in background."""
    with _session(app) as session:
        count = sum(session.scalar(select(func.count()).select_from(p.model)
                                   .where(p.model.institution_id == institution_id)) or 0
                    for p in documents.PROVIDERS.values())
    if state == "missing" and count <= SMALL_INSTITUTION:
        build_institution(app, institution_id)
        return drain_institution(app, institution_id)
    start_rebuild(app, institution_id)
    return 1


def build_institution(app, institution_id: int) -> int:
    """Write every record of the institution into a new generation and swap it in
    (the caller holds the writer lock). Returns the number of documents."""
    path, ix = index.new_generation(app, institution_id)
    writer = ix.writer(**_build_options(app, institution_id))
    count = 0
    try:
        with app.app_context(), _session(app) as session:
            for provider in documents.PROVIDERS.values():
                for record in provider.records(session, institution_id):
                    writer.add_document(**documents.to_fields(provider.describe(record)))
                    count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    index.publish(app, institution_id, path)
    return count


def _build_options(app, institution_id: int) -> dict:
    """A big institution is built by Whoosh's multi-process writer: ``procs`` processes
    each write a segment of their share of the documents, kept as separate segments
    (``multisegment``: no final merge). Each process's posting pool then stays in memory
    instead of spilling sorted runs to disk and merging them back (pickling every
    posting twice), which was most of a single-process build."""
    procs = min(BUILD_PROCS, os.cpu_count() or 1)
    if procs < 2:
        return {"limitmb": 128}
    with _session(app) as session:
        count = sum(session.scalar(select(func.count()).select_from(p.model)
                                   .where(p.model.institution_id == institution_id)) or 0
                    for p in documents.PROVIDERS.values())
    if count < PARALLEL_BUILD:
        return {"limitmb": 128}
    return {"limitmb": 128, "procs": procs, "multisegment": True}


def rebuild_institution(app, institution_id: int, wait: float = 600.0,
                        repair: bool = False) -> int:
    """Rebuild one institution from the database, then apply what queued meanwhile.
    ``repair``: only if the index is still unusable once it is our turn (another
    process may have rebuilt it while we waited); returns 0 if it was not needed."""
    with build_slot(app), writer_lock(app, institution_id, wait):
        if repair and index.status(app, institution_id) == "ok":
            drain_institution(app, institution_id)
            return 0
        with _session(app) as session:
            # Rows committed before the build reads the database are already in it.
            # (Exact ids, not "id <= max": on PostgreSQL a lower id may commit later.)
            covered = list(session.scalars(select(SearchOutbox.id).where(
                SearchOutbox.institution_id == institution_id)))
        count = build_institution(app, institution_id)
        with _session(app) as session:
            for start in range(0, len(covered), 1000):
                session.execute(delete(SearchOutbox).where(
                    SearchOutbox.id.in_(covered[start:start + 1000])))
            session.commit()
        drain_institution(app, institution_id)
    return count


# -- background work ----------------------------------------------------------------------

def start_rebuild(app, institution_id: int) -> None:
    state = index.state_of(app)
    with state.lock:
        if institution_id in state.rebuilding:
            return
        state.rebuilding.add(institution_id)

    def run():
        try:
            rebuild_institution(app, institution_id, repair=True)
        except Exception:
            log.exception("search: background rebuild of %s failed", institution_id)
        finally:
            with state.lock:
                state.rebuilding.discard(institution_id)

    thread = threading.Thread(target=run, name=f"search-rebuild-{institution_id}", daemon=True)
    state.threads = [t for t in state.threads if t.is_alive()] + [thread]
    thread.start()


RETRY_DELAYS = (0.2, 0.5, 1, 2, 5, 10, 30)


def start_retry(app) -> None:
    """A short-lived loop that retries leftovers with growing pauses, then ends."""
    state = index.state_of(app)
    with state.lock:
        if state.retry_thread is not None and state.retry_thread.is_alive():
            return

        def run():
            for attempt in range(50):
                time.sleep(RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)])
                if app.config.get("SEARCH_RETRY_PAUSED"):
                    continue
                try:
                    with _session(app) as session:
                        if session.scalar(select(func.count()).select_from(SearchOutbox)) == 0:
                            return
                except Exception:
                    return  # the database went away (a test ended, the process stops)
                left = _drain_quietly(app)
                if left == 0:
                    return

        state.retry_thread = threading.Thread(target=run, name="search-retry", daemon=True)
        state.retry_thread.start()


def _drain_quietly(app) -> int:
    """drain() without starting another retry loop (we are the loop)."""
    left = 0
    try:
        with _session(app) as session:
            institutions = session.scalars(select(SearchOutbox.institution_id).distinct()).all()
        for institution_id in institutions:
            try:
                with writer_lock(app, institution_id):
                    left += drain_institution(app, institution_id)
            except Exception:
                left += 1
    except Exception:
        return -1
    return left


def wait_idle(app, timeout: float = 10.0) -> None:
    """Join the retry loop and rebuilds (tests, CLI)."""
    state = index.state_of(app)
    if state.retry_thread is not None:
        state.retry_thread.join(timeout)
    index.wait_for_rebuilds(app, timeout)
