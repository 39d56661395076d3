"""/observations and their comments: thin adapters over observe.observations.services.

The same permission rules as the pages (``observe.permissions``): an observation you
may not see is a 404; one you see but may not change is a 403; an impossible state
(sharing what is already shared) a 409. A PATCH applies each part through the service
that owns it: text by the author, ``response`` by an observed colleague, ``visibility``
by whoever that step belongs to; if any part is refused, nothing changes.
"""

from __future__ import annotations

import datetime as dt

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from observe.api import bp
from observe.api import openapi as doc
from observe.api.helpers import (
    Field,
    api_error,
    created,
    int_arg,
    json_body,
    paginate,
    visible_or_404,
)
from observe.extensions import db
from observe.observations import queries, services
from observe.observations.models import VISIBILITIES, Observation, ObservationComment
from observe.observations.services import FOCUS_MAX, NARRATIVE_MAX, SITUATION_MAX

TEXT = {
    "situation": Field("string", max_length=SITUATION_MAX,
                       description="samling, frokost, garderobe, leg, udeliv, overgang, "
                                   "aflevering, lektion, or free text."),
    "focus": Field("string", max_length=FOCUS_MAX, description="The focus question."),
    "body": Field("string", max_length=NARRATIVE_MAX, description="What I saw and heard."),
    "interpretation": Field("string", max_length=NARRATIVE_MAX, description="What I think."),
    "wonderings": Field("string", max_length=NARRATIVE_MAX,
                        description="What I wonder about."),
}
LINKS = {
    "observed_ids": Field("integer[]", description="At least one observed colleague."),
    "team_id": Field("integer", description="Default: the author's first team."),
    "occurred_at": Field("datetime", description="Default: now. Without an offset the "
                                                 "time is read as Danish local time."),
    "theme_ids": Field("integer[]"),
    "child_ids": Field("integer[]"),
}
CREATE_FIELDS = {
    **LINKS, **TEXT,
    "body": Field("string", required=True, max_length=NARRATIVE_MAX,
                  description="What I saw and heard."),
    "visibility": Field("string", enum=("private", "observed"),
                        description="Default: observed. Only an observed colleague shares "
                                    "with the team (POST .../share)."),
    "request_id": Field("integer", nullable=True,
                        description="The accepted request this answers; it becomes done."),
}
UPDATE_FIELDS = {
    **LINKS, **TEXT,
    "visibility": Field("string", enum=VISIBILITIES,
                        description="The author narrows (private, observed); an observed "
                                    "colleague may take a team share back (observed)."),
    "response": Field("string", max_length=NARRATIVE_MAX,
                      description="The observed colleague's reflection (theirs only)."),
}
SHARE_FIELDS = {"visibility": Field("string", enum=("team",))}
COMMENT_FIELDS = {"body": Field("string", required=True, max_length=services.COMMENT_MAX)}


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


def observation_json(obs: Observation) -> dict:
    return {
        "id": obs.id, "author_id": obs.author_id, "observed_ids": obs.observed_ids,
        "team_id": obs.team_id, "occurred_at": _iso(obs.occurred_at),
        "situation": obs.situation, "focus": obs.focus, "body": obs.body,
        "interpretation": obs.interpretation, "wonderings": obs.wonderings,
        "theme_ids": [t.id for t in obs.themes], "child_ids": [c.id for c in obs.children],
        "visibility": obs.visibility, "response": obs.response,
        "response_by_id": obs.response_by_id, "request_id": obs.request_id,
        "photo_ids": photo_ids(obs),
        "created_at": _iso(obs.created_at), "updated_at": _iso(obs.updated_at),
    }


def photo_ids(obs: Observation) -> list[int]:
    from observe.photos.services import photo_ids as ids  # photos imports our models

    return ids(obs)


def comment_json(comment: ObservationComment) -> dict:
    return {"id": comment.id, "observation_id": comment.observation_id,
            "author_id": comment.author_id, "body": comment.body,
            "created_at": _iso(comment.created_at), "updated_at": _iso(comment.updated_at)}


def date_arg(name: str) -> dt.date | None:
    value = request.args.get(name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        api_error(400, "bad_request", _("A query parameter has a bad value."),
                  {name: _("Must be a date written as YYYY-MM-DD.")})


def optional_body(fields) -> dict:
    """Actions whose body is optional: no body at all is an empty object."""
    if not request.get_data(cache=True) and not request.is_json:
        return {}
    return json_body(fields)


@bp.get("/observations")
def list_observations():
    stmt = queries.observations(
        current_user, team_id=int_arg("team"), theme_id=int_arg("theme"),
        author_id=int_arg("author"), observed_id=int_arg("observed"),
        date_from=date_arg("from"), date_to=date_arg("to"))
    return paginate(stmt, observation_json)


@bp.post("/observations")
def create_observation():
    obs = services.create_observation(current_user, json_body(CREATE_FIELDS))
    return created(observation_json(obs),
                   url_for("api.get_observation", observation_id=obs.id))


@bp.get("/observations/<int:observation_id>")
def get_observation(observation_id: int):
    return observation_json(visible_or_404(Observation, observation_id))


@bp.patch("/observations/<int:observation_id>")
def update_observation(observation_id: int):
    obs = visible_or_404(Observation, observation_id)
    data = json_body(UPDATE_FIELDS)
    text = {k: v for k, v in data.items() if k not in ("visibility", "response")}
    if text:
        services.update_observation(obs, current_user, text)
    if "response" in data:
        services.write_response(obs, current_user, data["response"])
    if "visibility" in data:
        services.set_visibility(obs, current_user, data["visibility"])
    db.session.flush()
    return observation_json(obs)


@bp.delete("/observations/<int:observation_id>")
def delete_observation(observation_id: int):
    services.delete_observation(visible_or_404(Observation, observation_id), current_user)
    return "", 204


@bp.post("/observations/<int:observation_id>/share")
def share_observation(observation_id: int):
    obs = visible_or_404(Observation, observation_id)
    optional_body(SHARE_FIELDS)
    services.share_observation(obs, current_user)
    return observation_json(obs)


@bp.get("/observations/<int:observation_id>/comments")
def list_comments(observation_id: int):
    obs = visible_or_404(Observation, observation_id)
    stmt = (select(ObservationComment).where(ObservationComment.observation_id == obs.id)
            .order_by(ObservationComment.created_at, ObservationComment.id))
    return paginate(stmt, comment_json)


@bp.post("/observations/<int:observation_id>/comments")
def add_comment(observation_id: int):
    obs = visible_or_404(Observation, observation_id)
    comment = services.add_comment(obs, current_user, json_body(COMMENT_FIELDS).get("body"))
    return created(comment_json(comment))


@bp.patch("/comments/<int:comment_id>")
def update_comment(comment_id: int):
    comment = visible_or_404(ObservationComment, comment_id)
    services.update_comment(comment, current_user, json_body(COMMENT_FIELDS).get("body"))
    return comment_json(comment)


@bp.delete("/comments/<int:comment_id>")
def delete_comment(comment_id: int):
    services.delete_comment(visible_or_404(ObservationComment, comment_id), current_user)
    return "", 204


# -- OpenAPI -----------------------------------------------------------------------------

_ids = {"type": "array", "items": {"type": "integer"}}
_dt = {"type": "string", "format": "date-time"}
doc.add_tag("observations", "Peer observations. The observed colleague is in control: "
                            "only they share with the team.")
doc.add_schema("Observation", {
    "type": "object",
    "required": ["id", "author_id", "observed_ids", "team_id", "occurred_at", "situation",
                 "focus", "body", "interpretation", "wonderings", "theme_ids", "child_ids",
                 "visibility", "response", "request_id", "photo_ids", "created_at",
                 "updated_at"],
    "properties": {
        "id": {"type": "integer"}, "author_id": {"type": "integer"},
        "observed_ids": _ids, "team_id": {"type": "integer"}, "occurred_at": _dt,
        "situation": {"type": "string"}, "focus": {"type": "string"},
        "body": {"type": "string"}, "interpretation": {"type": "string"},
        "wonderings": {"type": "string"}, "theme_ids": _ids, "child_ids": _ids,
        "visibility": {"type": "string", "enum": list(VISIBILITIES)},
        "response": {"type": "string"}, "response_by_id": {"type": ["integer", "null"]},
        "request_id": {"type": ["integer", "null"]}, "photo_ids": _ids,
        "created_at": _dt, "updated_at": _dt,
    },
})
doc.add_schema("Comment", {
    "type": "object", "required": ["id", "observation_id", "author_id", "body", "created_at"],
    "properties": {"id": {"type": "integer"}, "observation_id": {"type": "integer"},
                   "author_id": {"type": "integer"}, "body": {"type": "string"},
                   "created_at": _dt, "updated_at": _dt},
})
_int = {"type": "integer"}
_date = {"type": "string", "format": "date"}
doc.add_path("/observations", "get", doc.operation(
    "Observations you may read", tag="observations", response=doc.page_of("Observation"),
    paginated=True, params=[
        doc.query_param("team", _int), doc.query_param("theme", _int),
        doc.query_param("author", _int), doc.query_param("observed", _int),
        doc.query_param("from", _date, "Occurred on or after this date."),
        doc.query_param("to", _date, "Occurred on or before this date.")]))
doc.add_path("/observations", "post", doc.operation(
    "Write an observation", tag="observations", status=201, body=CREATE_FIELDS,
    response="Observation", errors=[409],
    description="Visible to the author and the observed colleague(s), or a private draft. "
                "With `request_id` the request must be accepted by you (else 409)."))
doc.add_path("/observations/{observation_id}", "get", doc.operation(
    "One observation", tag="observations", response="Observation",
    path_params=["observation_id"]))
doc.add_path("/observations/{observation_id}", "patch", doc.operation(
    "Change an observation", tag="observations", body=UPDATE_FIELDS,
    response="Observation", path_params=["observation_id"], errors=[409],
    description="Text: the author only. `response`: an observed colleague only. "
                "`visibility`: narrowing by the author; `team` only via share."))
doc.add_path("/observations/{observation_id}", "delete", doc.operation(
    "Delete an observation with its comments (author only)", tag="observations",
    status=204, path_params=["observation_id"]))
doc.add_path("/observations/{observation_id}/share", "post", doc.operation(
    "Share with the team (an observed colleague only)", tag="observations",
    body=SHARE_FIELDS, response="Observation", path_params=["observation_id"],
    errors=[409], description="The body is optional. 409 when already shared."))
doc.add_path("/observations/{observation_id}/comments", "get", doc.operation(
    "Comments on an observation", tag="observations", response=doc.page_of("Comment"),
    paginated=True, path_params=["observation_id"]))
doc.add_path("/observations/{observation_id}/comments", "post", doc.operation(
    "Comment on an observation", tag="observations", status=201, body=COMMENT_FIELDS,
    response="Comment", path_params=["observation_id"],
    description="Team-shared: any team member; otherwise the author and the observed."))
doc.add_path("/comments/{comment_id}", "patch", doc.operation(
    "Edit your comment", tag="observations", body=COMMENT_FIELDS, response="Comment",
    path_params=["comment_id"]))
doc.add_path("/comments/{comment_id}", "delete", doc.operation(
    "Delete your comment", tag="observations", status=204, path_params=["comment_id"]))
