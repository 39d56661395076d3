"""/requests: "kom og kig med", over observe.observations.request_services.

Only the requester and the invitees see a request (404 for anyone else). Answering
and cancelling go through the service's one state machine: the wrong person gets a
403, an impossible transition a 409, and nothing changes.
"""

from __future__ import annotations

from flask import url_for
from flask_login import current_user
from sqlalchemy import select

from observe.api import bp
from observe.api import openapi as doc
from observe.api.helpers import Field, choice_arg, created, json_body, paginate, visible_or_404
from observe.api.observations import _iso, optional_body
from observe.observations import request_services
from observe.observations.models import REQUEST_STATUSES, ObservationRequest, RequestInvitee
from observe.observations.services import FOCUS_MAX, SITUATION_MAX
from observe.permissions import visible_filter

CREATE_FIELDS = {
    "invitee_ids": Field("integer[]", required=True, description="Colleagues to invite."),
    "team_id": Field("integer", description="Default: your first team."),
    "focus": Field("string", required=True, max_length=FOCUS_MAX,
                   description="What should they look for?"),
    "situation": Field("string", max_length=SITUATION_MAX),
    "window_start": Field("datetime", required=True),
    "window_end": Field("datetime", required=True, description="After the start, in the "
                                                                "future, within two months."),
}
ANSWER_FIELDS = {"message": Field("string", max_length=request_services.MESSAGE_MAX,
                                  description="Optional message to the requester.")}


def request_json(req: ObservationRequest) -> dict:
    return {
        "id": req.id, "requester_id": req.requester_id, "invitee_ids": req.invitee_ids,
        "team_id": req.team_id, "focus": req.focus, "situation": req.situation,
        "window_start": _iso(req.window_start), "window_end": _iso(req.window_end),
        "status": req.status, "observation_ids": [o.id for o in req.observations],
        "invitations": [{"user_id": i.user_id, "answer": i.answer, "message": i.message}
                        for i in req.invitations],
        "overdue": request_services.is_overdue(req),
        "created_at": _iso(req.created_at), "updated_at": _iso(req.updated_at),
    }


@bp.get("/requests")
def list_requests():
    stmt = select(ObservationRequest).where(visible_filter(ObservationRequest))
    status = choice_arg("status", REQUEST_STATUSES)
    if status:
        stmt = stmt.where(ObservationRequest.status == status)
    role = choice_arg("role", ("received", "sent"))
    if role == "sent":
        stmt = stmt.where(ObservationRequest.requester_id == current_user.id)
    elif role == "received":
        stmt = stmt.where(ObservationRequest.id.in_(select(RequestInvitee.request_id).where(
            RequestInvitee.user_id == current_user.id)))
    stmt = stmt.order_by(ObservationRequest.window_start.desc(), ObservationRequest.id.desc())
    return paginate(stmt, request_json)


@bp.post("/requests")
def create_request():
    req = request_services.create_request(current_user, json_body(CREATE_FIELDS))
    return created(request_json(req), url_for("api.get_request", request_id=req.id))


@bp.get("/requests/<int:request_id>")
def get_request(request_id: int):
    return request_json(visible_or_404(ObservationRequest, request_id))


@bp.post("/requests/<int:request_id>/accept")
def accept_request(request_id: int):
    req = visible_or_404(ObservationRequest, request_id)
    data = optional_body(ANSWER_FIELDS)
    request_services.accept_request(req, current_user, data.get("message", ""))
    return request_json(req)


@bp.post("/requests/<int:request_id>/decline")
def decline_request(request_id: int):
    req = visible_or_404(ObservationRequest, request_id)
    data = optional_body(ANSWER_FIELDS)
    request_services.decline_request(req, current_user, data.get("message", ""))
    return request_json(req)


@bp.post("/requests/<int:request_id>/cancel")
def cancel_request(request_id: int):
    req = visible_or_404(ObservationRequest, request_id)
    optional_body({})
    request_services.cancel_request(req, current_user)
    return request_json(req)


# -- OpenAPI -----------------------------------------------------------------------------

_ids = {"type": "array", "items": {"type": "integer"}}
_dt = {"type": "string", "format": "date-time"}
doc.add_tag("requests", "\"Kom og kig med\": asking colleagues to come and observe.")
doc.add_schema("Request", {
    "type": "object",
    "required": ["id", "requester_id", "invitee_ids", "team_id", "focus", "situation",
                 "window_start", "window_end", "status", "observation_ids"],
    "properties": {
        "id": {"type": "integer"}, "requester_id": {"type": "integer"},
        "invitee_ids": _ids, "team_id": {"type": "integer"}, "focus": {"type": "string"},
        "situation": {"type": "string"}, "window_start": _dt, "window_end": _dt,
        "status": {"type": "string", "enum": list(REQUEST_STATUSES)},
        "observation_ids": _ids,
        "invitations": {"type": "array", "items": {"type": "object", "properties": {
            "user_id": {"type": "integer"},
            "answer": {"type": "string", "enum": ["pending", "accepted", "declined"]},
            "message": {"type": "string"}}}},
        "overdue": {"type": "boolean", "description": "The window has passed without an "
                                                      "observation."},
        "created_at": _dt, "updated_at": _dt,
    },
})
doc.add_path("/requests", "get", doc.operation(
    "Requests you sent or received", tag="requests", response=doc.page_of("Request"),
    paginated=True, params=[
        doc.query_param("status", {"type": "string", "enum": list(REQUEST_STATUSES)}),
        doc.query_param("role", {"type": "string", "enum": ["received", "sent"]})]))
doc.add_path("/requests", "post", doc.operation(
    "Ask colleagues to come and take a look", tag="requests", status=201,
    body=CREATE_FIELDS, response="Request"))
doc.add_path("/requests/{request_id}", "get", doc.operation(
    "One request", tag="requests", response="Request", path_params=["request_id"]))
for _action, _summary in (("accept", "Accept (an invitee, an open request)"),
                          ("decline", "Decline (an invitee, an open request)")):
    doc.add_path(f"/requests/{{request_id}}/{_action}", "post", doc.operation(
        _summary, tag="requests", body=ANSWER_FIELDS, response="Request",
        path_params=["request_id"], errors=[409], description="The body is optional."))
doc.add_path("/requests/{request_id}/cancel", "post", doc.operation(
    "Cancel (the requester, an open or accepted request)", tag="requests",
    response="Request", path_params=["request_id"], errors=[409]))
