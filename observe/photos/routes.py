"""Serving photo files, deleting photos, and the admin's list of hidden photos.

A photo is served only after ``get_visible_or_404(Photo, ...)``: the same rule as its
record, plus "no child in it has withdrawn consent". Answers carry our own
``Content-Type`` (we encoded the file), ``nosniff``, and ``Cache-Control: private,
no-cache``: the browser may keep a copy but must ask again each time, so a withdrawn
consent or a narrowed story takes effect at once (unchanged files answer 304).
"""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from observe import permissions
from observe.confirm import ask_unless_confirmed
from observe.extensions import db
from observe.permissions import admin_required, get_visible_or_404
from observe.photos import imaging, services, storage
from observe.photos.forms import PhotoForm
from observe.photos.models import Photo
from observe.validation import ValidationError

bp = Blueprint("photos", __name__, url_prefix="/photos")


def form_child_ids() -> list[int] | None:
    """``child_ids`` from a multipart form: absent means "the record's children";
    present (repeated, or comma-separated; an empty value allowed) is the exact list."""
    if "child_ids" not in request.form:
        return None
    ids = []
    for value in request.form.getlist("child_ids"):
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or len(part) > 18:
                raise ValidationError({"child_ids": _("Must be a list of whole numbers.")})
            ids.append(int(part))
    return ids


def record_url(record) -> str:
    """The photos section of the record's page."""
    from observe.stories.models import Story

    if isinstance(record, Story):
        return url_for("stories.view", story_id=record.id, _anchor="photos")
    return url_for("observations.view", observation_id=record.id, _anchor="photos")


# -- the photos section of a story's or an observation's page ---------------------------

def section(record, *, photo_form=None, photo_error=None) -> dict:
    """What templates/photos/_section.html needs. The upload form ticks the record's
    children who may be photographed; those who may not are named above the form."""
    children = record.children
    form = photo_form or PhotoForm(children=children,
                                   child_ids=[c.id for c in children
                                              if c.photo_consent != "none"])
    return {"photos": services.visible_photos(record),
            "can_edit_photos": permissions.can_edit_photos_of(record),
            "photo_form": form, "photo_error": photo_error,
            "blocked": services.consent_blocked(children)}


def upload_from_page(record, render):
    """The page's upload without JavaScript (photos.js uses the API instead). A refused
    file shows the page again through ``render(photo_form=, photo_error=, status=)``."""
    if not permissions.can_edit_photos_of(record):
        abort(403)
    form = PhotoForm(children=record.children)
    try:
        services.attach_photo(record, request.files.get("file"), request.form.get("caption"),
                              form_child_ids(), current_user)
    except ValidationError as exc:
        return render(photo_form=form, photo_error=exc.message, status=422)
    except services.PhotoRejected as exc:
        return render(photo_form=form, photo_error=exc.message, status=exc.status)
    flash(_("The photo is added."), "success")
    return redirect(record_url(record))


def _serve(photo_id: int, which: str):
    photo = get_visible_or_404(Photo, photo_id)
    name = photo.file_name if which == "full" else photo.thumb_name
    try:
        data = storage.path_of(name).read_bytes()  # at most a few MB; no fd left open
    except (FileNotFoundError, ValueError):
        abort(404)
    # Files never change (a new photo gets a new random name): the name is the ETag.
    response = send_file(io.BytesIO(data), mimetype=imaging.CONTENT_TYPE, conditional=True,
                         etag=name, last_modified=photo.created_at, max_age=0)
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = "inline"
    return response


@bp.get("/<int:photo_id>/full")
def full(photo_id: int):
    return _serve(photo_id, "full")


@bp.get("/<int:photo_id>/thumb")
def thumb(photo_id: int):
    return _serve(photo_id, "thumb")


@bp.post("/<int:photo_id>/delete")
def delete(photo_id: int):
    photo = get_visible_or_404(Photo, photo_id)
    if not permissions.can_delete_photo(photo):
        abort(403)
    back = record_url(photo.record)
    page = ask_unless_confirmed(_("Delete this photo?"), back)
    if page is not None:
        return page
    services.delete_photo(photo)
    flash(_("The photo is deleted."), "success")
    return redirect(back)


# -- photos hidden by withdrawn consent ------------------------------------------------------

@bp.get("/hidden")
@admin_required
def hidden():
    return render_template("photos/hidden.html",
                           photos=services.hidden_photos(current_user.institution_id))


@bp.post("/hidden/<int:photo_id>/delete")
@admin_required
def delete_hidden(photo_id: int):
    photo = db.session.get(Photo, photo_id) if 0 < photo_id <= permissions.MAX_ID else None
    if photo is None or photo.institution_id != current_user.institution_id:
        abort(404)
    if not permissions.can_delete_hidden_photo(photo):
        abort(404)  # not hidden: then it is the record's business, not the admin's
    page = ask_unless_confirmed(_("Delete this photo for good?"), url_for("photos.hidden"))
    if page is not None:
        return page
    services.delete_photo(photo)
    flash(_("The photo is deleted."), "success")
    return redirect(url_for("photos.hidden"))
