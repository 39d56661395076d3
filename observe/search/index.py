"""Per-institution Whoosh indexes on disk, their health, and open searchers.

Layout under INDEX_FOLDER::

    locks/<institution>.lock     the writer lock (see writer.py)
    <institution>                a symlink to the current generation ...
    <institution>.g<stamp>/      ... a Whoosh index plus a SCHEMA_VERSION file

One index per institution: a query touches only its own institution's documents
(faster), and institutions are walled apart structurally, not only by a filter.
A rebuild writes a new generation beside the old one and swaps the symlink with
``os.replace``, which is atomic: readers see the old index or the new one, never a
half-built one. The previous generation is kept until the next swap, for searchers
that still have it open in other processes.

An index that is missing (while the database has records for it), carries another
schema version or cannot be opened is rebuilt in a background thread; meanwhile
search answers "catching up" and the pages keep working.

Opening a searcher costs ~100 ms at 100k documents, so each process keeps one per
institution and ``refresh()``es it (cheap when nothing changed).
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
import warnings
from pathlib import Path

from whoosh import index as whoosh_index

from observe.search.schema import SCHEMA_VERSION, build_schema

log = logging.getLogger(__name__)
VERSION_FILE = "SCHEMA_VERSION"


class IndexUnavailable(Exception):
    """The institution's index is missing, outdated or corrupt (``state`` says which)."""

    def __init__(self, state: str):
        super().__init__(state)
        self.state = state


class SearchState:
    """Per-app, per-process state: open searchers, running rebuilds, the retry loop."""

    def __init__(self, root: str):
        self.root = Path(root)
        self.lock = threading.RLock()
        self.searchers: dict[int, tuple[str, object, object]] = {}
        self.rebuilding: set[int] = set()
        self.threads: list[threading.Thread] = []
        self.retry_thread: threading.Thread | None = None
        self.started = False
        # institution -> {segment id: engine._Segment}: per-document facet keys and
        # dates of each open segment, kept across refreshes (segments are immutable).
        self.segments: dict[int, dict] = {}

    def close(self) -> None:
        with self.lock:
            for _real, _ix, searcher in self.searchers.values():
                searcher.close()
            self.searchers.clear()
            self.segments.clear()


def state_of(app) -> SearchState:
    state = app.extensions.get("observe_search")
    if state is None:
        state = app.extensions["observe_search"] = SearchState(app.config["INDEX_FOLDER"])
    return state


def link_path(app, institution_id: int) -> Path:
    return state_of(app).root / str(int(institution_id))


def status(app, institution_id: int) -> str:
    """ok | missing | outdated | corrupt."""
    link = link_path(app, institution_id)
    if not link.exists():
        return "missing"
    real = Path(os.path.realpath(link))
    version = real / VERSION_FILE
    if not version.exists() or version.read_text().strip() != SCHEMA_VERSION:
        return "outdated"
    healthy = False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # see open_index
        healthy = _opens(real)
    if not healthy:
        return "corrupt"
    return "ok"


def _opens(real: Path) -> bool:
    healthy = False
    try:
        if whoosh_index.exists_in(str(real)):
            ix = whoosh_index.open_dir(str(real))
            with ix.reader():
                healthy = True
    except Exception:  # noqa: BLE001 - any failure to open means the files are corrupt
        healthy = False
    _close_leaked_files()
    return healthy


def open_index(app, institution_id: int):
    link = link_path(app, institution_id)
    if not link.exists():
        raise IndexUnavailable("missing")
    real = os.path.realpath(link)
    version = Path(real) / VERSION_FILE
    if not version.exists() or version.read_text().strip() != SCHEMA_VERSION:
        raise IndexUnavailable("outdated")
    problem = ""
    with warnings.catch_warnings():
        # Whoosh leaves the table-of-contents file open when it cannot parse it; the
        # file is closed as the failed call unwinds, with a ResourceWarning expected
        # here and only here.
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            return whoosh_index.open_dir(real)
        except Exception as exc:  # noqa: BLE001 - any failure to open: corrupt files
            problem = f"{type(exc).__name__}: {exc}"
        _close_leaked_files()
    log.warning("search: index %s cannot be opened (%s)", real, problem)
    raise IndexUnavailable("corrupt")


def _close_leaked_files() -> None:
    """Whoosh leaves a table-of-contents file open when it cannot parse it; collect it
    now (its ResourceWarning is expected here and only here) instead of at random."""
    import gc

    gc.collect()


def new_generation(app, institution_id: int):
    """A fresh, empty index directory (not yet visible to anyone)."""
    root = state_of(app).root
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{int(institution_id)}.g{time.time_ns():x}"
    path.mkdir()
    ix = whoosh_index.create_in(str(path), build_schema())
    return path, ix


def publish(app, institution_id: int, path: Path) -> None:
    """Mark ``path`` complete and swap it in atomically (caller holds the writer lock)."""
    (path / VERSION_FILE).write_text(SCHEMA_VERSION + "\n")
    link = link_path(app, institution_id)
    previous = os.path.realpath(link) if link.is_symlink() else None
    tmp = link.with_name(f".{link.name}.{os.getpid()}.{time.time_ns():x}")
    os.symlink(path.name, tmp)
    if link.exists() and not link.is_symlink():  # a plain directory from elsewhere
        shutil.rmtree(link, ignore_errors=True)
    os.replace(tmp, link)
    _remove_old_generations(app, institution_id, keep={path.name, Path(previous).name
                                                        if previous else ""})


def _remove_old_generations(app, institution_id: int, keep: set[str]) -> None:
    root = state_of(app).root
    for old in root.glob(f"{int(institution_id)}.g*"):
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)


def searcher(app, institution_id: int):
    """The process's open searcher for an institution, refreshed to the newest commit."""
    state = state_of(app)
    link = link_path(app, institution_id)
    with state.lock:
        real = os.path.realpath(link) if link.exists() else None
        cached = state.searchers.get(institution_id)
        if cached is not None and cached[0] == real:
            try:
                fresh = _refresh(cached[1], cached[2])
            except Exception:  # noqa: BLE001 - files vanished under us: reopen below
                fresh = None
            if fresh is not None:
                state.searchers[institution_id] = (real, cached[1], fresh)
                return fresh
        if cached is not None:
            cached[2].close()
            del state.searchers[institution_id]
        ix = open_index(app, institution_id)
        opened = ix.searcher()
        state.searchers[institution_id] = (real, ix, opened)
        return opened


def _refresh(ix, current):
    """A searcher on the newest commit, reusing the readers of unchanged segments.

    Not ``Searcher.refresh()``: whoosh-reloaded 2.7.5's reader reuse appends the old
    segments to the new list (``FileIndex._reader``), so deleted and replaced documents
    stayed findable. A segment is reused only when its id and its deletions are the
    same; everything else is opened fresh, and readers no longer needed are closed.
    """
    from whoosh.reading import MultiReader, SegmentReader
    from whoosh.searching import Searcher

    if ix.latest_generation() == current.reader().generation():
        return current  # the cheap check: a directory listing, no TOC parsing
    toc = ix._read_toc()
    old = {}
    for reader, _offset in current.reader().leaf_readers():
        segment = reader.segment()
        if segment is not None:
            old[segment.segment_id()] = reader
    readers = []
    for segment in toc.segments:
        reader = old.get(segment.segment_id())
        if reader is not None and reader.segment().deleted_count() == segment.deleted_count():
            del old[segment.segment_id()]
            readers.append(reader)
        else:
            readers.append(SegmentReader(ix.storage, toc.schema, segment,
                                         generation=toc.generation))
    for reader in old.values():
        reader.close()
    if not readers:
        return ix.searcher()
    combined = readers[0] if len(readers) == 1 else MultiReader(readers,
                                                                 generation=toc.generation)
    return Searcher(combined, fromindex=ix)


def close_searchers(app) -> None:
    state_of(app).close()


def wait_for_rebuilds(app, timeout: float = 60.0) -> None:
    """Join background rebuild threads (tests and the CLI)."""
    for thread in list(state_of(app).threads):
        thread.join(timeout)
