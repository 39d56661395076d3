"""Photos: upload to a story or an observation (multipart), read, delete.

The upload is refused with 413 (file over the byte limit, or too many pixels), 415
(not an image, SVG, damaged, or an image type we do not accept: GIF, BMP, TIFF, ...)
or 422 (a child without photo consent, an unknown child, a caption too long). Nothing
is written for a refused upload. The bytes are served by /photos/<id>/full|thumb.
"""

from __future__ import annotations

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import Forbidden

from observe import permissions
from observe.api import bp
from observe.api import openapi as doc
from observe.api.helpers import api_error, created, visible_or_404
from observe.observations.models import Observation
from observe.photos import services
from observe.photos.models import CAPTION_MAX, Photo
from observe.photos.routes import form_child_ids
from observe.stories.models import Story


def photo_json(photo: Photo) -> dict:
    return {"id": photo.id, "caption": photo.caption, "child_ids": photo.child_ids,
            "width": photo.width, "height": photo.height,
            "url": url_for("photos.full", photo_id=photo.id),
            "thumb_url": url_for("photos.thumb", photo_id=photo.id)}


def _upload(record):
    if not permissions.can_edit_photos_of(record):
        raise Forbidden()
    if request.mimetype != "multipart/form-data":
        api_error(415, "unsupported_media_type",
                  _("Send the photo as multipart/form-data in the field “file”."))
    if "file" not in request.files:
        api_error(422, "validation_error", _("Choose a photo."), {"file": _("Choose a photo.")})
    try:
        photo = services.attach_photo(record, request.files["file"],
                                      request.form.get("caption"), form_child_ids(),
                                      current_user)
    except services.PhotoRejected as exc:
        api_error(exc.status, exc.code, exc.message, {"file": exc.message})
    return created(photo_json(photo), url_for("api.get_photo", photo_id=photo.id))


@bp.post("/stories/<int:story_id>/photos", endpoint="story_photos")
def upload_story_photo(story_id: int):
    return _upload(visible_or_404(Story, story_id))


@bp.post("/observations/<int:observation_id>/photos", endpoint="observation_photos")
def upload_observation_photo(observation_id: int):
    return _upload(visible_or_404(Observation, observation_id))


@bp.get("/photos/<int:photo_id>")
def get_photo(photo_id: int):
    return photo_json(visible_or_404(Photo, photo_id))


@bp.delete("/photos/<int:photo_id>")
def delete_photo(photo_id: int):
    photo = visible_or_404(Photo, photo_id)
    if not permissions.can_delete_photo(photo):
        raise Forbidden()
    services.delete_photo(photo)
    return "", 204


# -- OpenAPI -----------------------------------------------------------------------------

UPLOAD_SCHEMA = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "JPEG, PNG, WebP or HEIC; decoded to check it. Metadata "
                                "(EXIF incl. GPS, XMP, ICC, ...) is removed."},
        "caption": {"type": "string", "maxLength": CAPTION_MAX},
        "child_ids": {"type": "string",
                      "description": "Children in the photo: repeat the field or separate "
                                     "ids with commas; an empty value means nobody. "
                                     "Default: the record's children. A child without "
                                     "photo consent is refused (422)."},
    },
}


def _upload_doc(summary: str, param: str) -> dict:
    spec = doc.operation(summary, tag="photos", status=201, body=UPLOAD_SCHEMA,
                         response="Photo", path_params=[param], description=(
                             "413: the file is over the upload limit (default 25 MB) or "
                             "has too many pixels. 415: not an image, SVG, damaged, or "
                             "not JPEG/PNG/WebP/HEIC (GIF, BMP and TIFF are refused). "
                             "422: a child without photo consent, or bad fields."))
    spec["requestBody"]["content"] = {"multipart/form-data": {"schema": UPLOAD_SCHEMA}}
    return spec


doc.add_tag("photos", "Photos of observations and learning stories.")
doc.add_schema("Photo", {
    "type": "object",
    "required": ["id", "caption", "child_ids", "width", "height", "url", "thumb_url"],
    "properties": {
        "id": {"type": "integer"}, "caption": {"type": "string"},
        "child_ids": {"type": "array", "items": {"type": "integer"}},
        "width": {"type": "integer"}, "height": {"type": "integer"},
        "url": {"type": "string", "description": "GET: the full JPEG (long side ≤ 2560)."},
        "thumb_url": {"type": "string", "description": "GET: the thumbnail (≤ 480)."},
    },
})
doc.add_path("/stories/{story_id}/photos", "post",
             _upload_doc("Add a photo to a learning story (author)", "story_id"))
doc.add_path("/observations/{observation_id}/photos", "post",
             _upload_doc("Add a photo to an observation (author)", "observation_id"))
doc.add_path("/photos/{photo_id}", "get", doc.operation(
    "One photo's details", tag="photos", response="Photo", path_params=["photo_id"]))
doc.add_path("/photos/{photo_id}", "delete", doc.operation(
    "Delete a photo (the record's author)", tag="photos", status=204,
    path_params=["photo_id"]))
