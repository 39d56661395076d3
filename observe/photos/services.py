"""Attach, delete and list photos of a record (a learning story or an observation).

No orphan files, no rows without files:
- An upload is read (up to the byte limit), decoded and cleaned *before* anything is
  written; a refused file never reaches ``uploads/``.
- The files written for a new photo are remembered on the database session. If the
  transaction rolls back (a failed flush, a later error in the same request, a 4xx
  answer), a session event removes them; after a commit they are simply kept.
- Files of a deleted photo are removed only *after* the commit: a rollback keeps the
  row and therefore must keep its files.
The session events make this hold for pages, the API and the CLI (demo) alike.

Consent: a child whose photo consent is ``none`` may not be linked to a photo. If
consent is withdrawn later, ``Photo.hidden_clause`` hides every photo that shows the
child at once; an admin lists them (``hidden_photos``) and deletes them.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import event, select
from sqlalchemy.orm import Session, selectinload

from observe.extensions import db
from observe.people.models import Child
from observe.photos import imaging, storage
from observe.photos.models import CAPTION_MAX, Photo
from observe.stories.models import Story
from observe.validation import ValidationError

_NEW_FILES = "observe.photos.new_files"
_GONE_FILES = "observe.photos.gone_files"


class PhotoRejected(Exception):
    """The upload itself is refused (size, type, damage). ``status`` is 413 or 415."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _messages() -> dict[str, tuple[int, str]]:
    types = _("Upload a photo as JPEG, PNG, WebP or HEIC.")
    return {
        "not_image": (415, _("The file is not an image we can read.") + " " + types),
        "svg": (415, _("SVG drawings are not accepted.") + " " + types),
        "unsupported": (415, _("This image type is not accepted (for example GIF, BMP "
                               "or TIFF).") + " " + types),
        "damaged": (415, _("The image is damaged or incomplete. Try to upload it "
                           "again.")),
        "too_many_pixels": (413, _("The image has too many pixels. Choose a smaller "
                                   "photo.")),
    }


def rejected(kind: str) -> PhotoRejected:
    status, message = _messages()[kind]
    return PhotoRejected(status, kind, message)


def too_large() -> PhotoRejected:
    limit = current_app.config["MAX_UPLOAD_BYTES"] / (1024 * 1024)
    return PhotoRejected(413, "too_large", _(
        "The file is too large. The limit is %(mb)s MB.", mb=f"{limit:g}"))


# -- file bookkeeping tied to the transaction ------------------------------------------------

@event.listens_for(Session, "after_commit")
def _files_after_commit(session):
    session.info.pop(_NEW_FILES, None)
    for path in session.info.pop(_GONE_FILES, []):
        Path(path).unlink(missing_ok=True)


@event.listens_for(Session, "after_rollback")
def _files_after_rollback(session):
    session.info.pop(_GONE_FILES, None)
    for path in session.info.pop(_NEW_FILES, []):
        Path(path).unlink(missing_ok=True)


def _remember(session_key: str, *names: str) -> None:
    paths = [str(storage.folder() / name) for name in names]
    db.session.info.setdefault(session_key, []).extend(paths)


# -- reading the upload -------------------------------------------------------------------------

def read_upload(file_storage) -> bytes:
    """The uploaded bytes, refusing a missing file and one over MAX_UPLOAD_BYTES."""
    if file_storage is None:
        raise ValidationError({"file": _("Choose a photo.")})
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    data = file_storage.read(limit + 1)
    if len(data) > limit:
        raise too_large()
    if not data:
        raise ValidationError({"file": _("Choose a photo.")})
    return data


def record_children(record) -> list[Child]:
    return list(record.children)


def _children(record, child_ids) -> list[Child]:
    if child_ids is None:
        return record_children(record)
    ids = list(dict.fromkeys(child_ids))
    if not ids:
        return []
    found = db.session.scalars(select(Child).where(
        Child.id.in_(ids), Child.institution_id == record.institution_id)).all()
    if len(found) != len(ids):
        raise ValidationError({"child_ids": _("Choose children of your institution.")})
    return sorted(found, key=lambda c: (c.first_name, c.id))


def check_consent(children) -> None:
    """A child without photo consent cannot be linked to a photo: say who and why."""
    refused = [child.display_name for child in children if child.photo_consent == "none"]
    if refused:
        raise ValidationError({"child_ids": _(
            "No photo consent for %(names)s: their parents have not agreed to photos. "
            "Take a photo without them, or leave them out of it.",
            names=", ".join(refused))})


# -- services -------------------------------------------------------------------------------------

def attach_photo(record, file_storage, caption: str | None, child_ids, user) -> Photo:
    """Validate, clean and store one photo of ``record``; add and flush the row."""
    caption = (caption or "").strip()
    if len(caption) > CAPTION_MAX:
        raise ValidationError({"caption": _("Use at most %(n)d characters.", n=CAPTION_MAX)})
    children = _children(record, child_ids)
    check_consent(children)
    data = read_upload(file_storage)
    try:
        image = imaging.process(data, current_app.config.get(
            "MAX_IMAGE_PIXELS", imaging.DEFAULT_MAX_PIXELS))
    except imaging.ImageRejected as exc:
        raise rejected(exc.kind) from None
    del data
    full_name = storage.save(image.full, imaging.SUFFIX)
    _remember(_NEW_FILES, full_name)
    thumb_name = storage.save(image.thumb, imaging.SUFFIX)
    _remember(_NEW_FILES, thumb_name)
    photo = Photo(
        institution_id=record.institution_id, caption=caption,
        story_id=record.id if isinstance(record, Story) else None,
        observation_id=None if isinstance(record, Story) else record.id,
        width=image.width, height=image.height, thumb_width=image.thumb_width,
        thumb_height=image.thumb_height, file_name=full_name, thumb_name=thumb_name,
        created_by_id=user.id if user is not None else None, children=children)
    db.session.add(photo)
    try:
        db.session.flush()
    except Exception:
        storage.delete(full_name)
        storage.delete(thumb_name)
        raise
    return photo


def update_photo(photo: Photo, caption: str | None = None, child_ids=None) -> Photo:
    if caption is not None:
        caption = caption.strip()
        if len(caption) > CAPTION_MAX:
            raise ValidationError({"caption": _("Use at most %(n)d characters.",
                                                n=CAPTION_MAX)})
        photo.caption = caption
    if child_ids is not None:
        children = _children(photo.record, child_ids)
        check_consent(children)
        photo.children = children
    db.session.flush()
    return photo


def delete_photo(photo: Photo) -> None:
    """Delete the row now; its files go once the deletion is committed."""
    _remember(_GONE_FILES, photo.file_name, photo.thumb_name)
    db.session.delete(photo)
    db.session.flush()


def photos_query(record):
    column = Photo.story_id if isinstance(record, Story) else Photo.observation_id
    return (select(Photo).where(column == record.id)
            .options(selectinload(Photo.children)).order_by(Photo.id))


def delete_photos_for(record) -> None:
    """Call before deleting a story or an observation: rows and (after commit) files."""
    for photo in db.session.scalars(photos_query(record)).all():
        delete_photo(photo)


def visible_photos(record) -> list[Photo]:
    """The record's photos that may be shown (the caller has checked the record)."""
    return [p for p in db.session.scalars(photos_query(record)) if not p.is_hidden]


def photo_ids(record) -> list[int]:
    return [photo.id for photo in visible_photos(record)]


def hidden_photos(institution_id: int) -> list[Photo]:
    """Photos hidden because a child's consent was withdrawn: for the admin to delete."""
    return list(db.session.scalars(
        select(Photo).where(Photo.institution_id == institution_id, Photo.hidden_clause())
        .options(selectinload(Photo.children)).order_by(Photo.created_at, Photo.id)))


def consent_blocked(children) -> list[Child]:
    return [child for child in children if child.photo_consent == "none"]
