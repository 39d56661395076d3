"""Photo files on disk: save, open and delete, nothing else touches ``UPLOAD_FOLDER``.

- Names are random (``secrets.token_urlsafe``) and never derived from the user's file
  name: they cannot be guessed, and they cannot carry a path.
- Writes are atomic: the bytes go to a temporary file in the same folder, are flushed
  to disk, and are then renamed into place with ``os.replace``. A reader never sees
  half a photo, and a crash leaves at most a ``.tmp`` file, never a broken photo.
- Files live outside the package and outside ``static/``: they are served only by
  ``observe.photos.routes`` after a permission check.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import tempfile
from pathlib import Path

from flask import current_app

_NAME = re.compile(r"^[A-Za-z0-9_-]{20,64}\.(jpg|webp)$")


def folder() -> Path:
    path = Path(current_app.config["UPLOAD_FOLDER"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def _path(name: str) -> Path:
    if not _NAME.match(name or ""):
        raise ValueError("not a stored photo name")
    return folder() / name


def save(data: bytes, suffix: str = ".jpg") -> str:
    """Write ``data`` under a new random name; return the name."""
    target_dir = folder()
    name = secrets.token_urlsafe(24) + suffix
    fd, tmp = tempfile.mkstemp(dir=target_dir, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target_dir / name)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return name


def path_of(name: str) -> Path:
    """The file's path, for ``send_file``; FileNotFoundError when it is gone."""
    path = _path(name)
    if not path.is_file():
        raise FileNotFoundError(name)
    return path


def open_photo(name: str):
    return path_of(name).open("rb")


def delete(name: str | None) -> None:
    """Remove a file; a file already gone is not an error."""
    if not name:
        return
    with contextlib.suppress(FileNotFoundError, ValueError):
        _path(name).unlink()
