"""/meetings: reflection sessions, through the same services and rules as the pages.

An agenda item's example ids are given only while the example may be shown to every
participant and the caller (``state`` is then ``shown``); a withdrawn example answers
``state: withdrawn`` with no ids. A revealed reflection carries ``author_id`` only when
the team chose names (or it is the caller's own).
"""

from __future__ import annotations

from flask import url_for
from flask_login import current_user

from observe.api import bp
from observe.api import openapi as doc
from observe.api.helpers import (
    Field,
    api_error,
    bool_arg,
    created,
    int_arg,
    json_body,
    paginate,
    visible_or_404,
)
from observe.meetings import goals, queries, services
from observe.meetings.models import (
    DECISIONS,
    PHASES,
    QUESTION_MAX,
    TEXT_MAX,
    TITLE_MAX,
    AgendaItem,
    DevelopmentPoint,
    Meeting,
)
from observe.observations.models import Observation
from observe.stories.models import Story

MEETING_FIELDS = {
    "title": Field("string", required=True, max_length=TITLE_MAX),
    "starts_at": Field("datetime", required=True),
    "focus": Field("string", max_length=TEXT_MAX, description="The focus question."),
    "team_id": Field("integer", description="Default: the caller's first team."),
    "participant_ids": Field("integer[]", description="Default: every team member."),
    "anonymous_reveal": Field("boolean", description="Revealed reflections without names."),
}
MEETING_UPDATE = {k: Field(f.kind, max_length=f.max_length, description=f.description)
                  for k, f in MEETING_FIELDS.items() if k != "team_id"}
ITEM_FIELDS = {
    "observation_id": Field("integer", description="An example: an observation."),
    "story_id": Field("integer", description="An example: a learning story."),
    "title": Field("string", max_length=TITLE_MAX, description="A free item's title."),
    "question": Field("string", max_length=QUESTION_MAX),
}
ITEM_UPDATE = {"title": ITEM_FIELDS["title"], "question": ITEM_FIELDS["question"],
               "notes": Field("string", max_length=TEXT_MAX, description="Phase B notes."),
               "notes_version": Field("integer", description=(
                   "The notes_version your notes start from. If someone has saved the "
                   "notes since, nothing is written: 409 (GET the meeting for their text). "
                   "Without it the notes are overwritten."))}
REFLECTION_FIELDS = {"text": Field("string", required=True, max_length=TEXT_MAX)}
PHASE_FIELDS = {"phase": Field("string", required=True, enum=PHASES)}
POINT_FIELDS = {
    "title": Field("string", required=True, max_length=TITLE_MAX),
    "plan": Field("string", max_length=TEXT_MAX),
    "owner_id": Field("integer", nullable=True),
    "follow_up_on": Field("date", nullable=True),
}
FOLLOW_UP_FIELDS = {
    "development_point_id": Field("integer", required=True),
    "decision": Field("string", required=True, enum=DECISIONS),
    "note": Field("string", max_length=TEXT_MAX),
}


def item_json(row: queries.Row) -> dict:
    item, shown = row.item, row.state == "shown"
    return {"id": item.id, "position": item.position, "kind": item.kind,
            "state": row.state, "title": item.title, "question": item.question,
            "observation_id": item.observation_id if shown else None,
            "story_id": item.story_id if shown else None, "notes": item.notes,
            "notes_version": item.notes_version}


def point_json(point: DevelopmentPoint) -> dict:
    return {"id": point.id, "meeting_id": point.meeting_id, "team_id": point.team_id,
            "title": point.title, "plan": point.plan, "owner_id": point.owner_id,
            "follow_up_on": point.follow_up_on.isoformat() if point.follow_up_on else None,
            "status": point.status,
            "follow_ups": [{"meeting_id": f.meeting_id, "decision": f.decision,
                            "note": f.note} for f in point.follow_ups]}


def meeting_json(meeting: Meeting, with_agenda: bool = False) -> dict:
    body = {
        "id": meeting.id, "team_id": meeting.team_id, "title": meeting.title,
        "facilitator_id": meeting.facilitator_id, "starts_at": meeting.starts_at.isoformat(),
        "focus": meeting.focus, "participant_ids": meeting.participant_ids,
        "anonymous_reveal": meeting.anonymous_reveal, "phase": meeting.phase,
        "reflections_revealed_at": (meeting.reflections_revealed_at.isoformat()
                                    if meeting.reflections_revealed_at else None),
        "created_at": meeting.created_at.isoformat(),
    }
    if with_agenda:
        body["items"] = [item_json(r) for r in queries.agenda(meeting, current_user)]
        body["development_points"] = [point_json(p) for p in meeting.points]
    return body


def _item(meeting_id: int, item_id: int) -> AgendaItem:
    item = visible_or_404(AgendaItem, item_id)
    if item.meeting_id != meeting_id:
        api_error(404, "not_found", "Not found")
    return item


@bp.get("/meetings")
def list_meetings():
    stmt = queries.meetings_stmt(current_user, team_id=int_arg("team"),
                                 upcoming=bool_arg("upcoming"))
    return paginate(stmt, meeting_json)


@bp.post("/meetings")
def create_meeting():
    meeting = services.create_meeting(current_user, json_body(MEETING_FIELDS))
    return created(meeting_json(meeting, True),
                   url_for("api.get_meeting", meeting_id=meeting.id))


@bp.get("/meetings/<int:meeting_id>")
def get_meeting(meeting_id: int):
    return meeting_json(visible_or_404(Meeting, meeting_id), True)


@bp.patch("/meetings/<int:meeting_id>")
def update_meeting(meeting_id: int):
    meeting = visible_or_404(Meeting, meeting_id)
    services.update_meeting(meeting, current_user, json_body(MEETING_UPDATE))
    return meeting_json(meeting, True)


@bp.post("/meetings/<int:meeting_id>/phase")
def set_meeting_phase(meeting_id: int):
    meeting = visible_or_404(Meeting, meeting_id)
    services.set_phase(meeting, current_user, json_body(PHASE_FIELDS).get("phase"))
    return meeting_json(meeting)


@bp.post("/meetings/<int:meeting_id>/reveal")
def reveal_meeting(meeting_id: int):
    meeting = visible_or_404(Meeting, meeting_id)
    services.reveal_reflections(meeting, current_user)
    return meeting_json(meeting)


@bp.post("/meetings/<int:meeting_id>/items")
def add_meeting_item(meeting_id: int):
    meeting = visible_or_404(Meeting, meeting_id)
    data = json_body(ITEM_FIELDS)
    if data.get("observation_id") is not None:
        record = visible_or_404(Observation, data["observation_id"])
    elif data.get("story_id") is not None:
        record = visible_or_404(Story, data["story_id"])
    else:
        record = None
    if record is not None:
        item = services.add_example(meeting, current_user, record, data.get("question"))
    else:
        item = services.add_free_item(meeting, current_user, data)
    return created(item_json(queries.Row(item, services.example_state(item, current_user))))


@bp.patch("/meetings/<int:meeting_id>/items/<int:item_id>")
def update_meeting_item(meeting_id: int, item_id: int):
    item = _item(meeting_id, item_id)
    data = json_body(ITEM_UPDATE)
    base = data.pop("notes_version", None)
    if "notes" in data:
        services.save_notes(item, current_user, data.pop("notes"), base=base)
    if data:
        services.update_item(item, current_user, data)
    return item_json(queries.Row(item, services.example_state(item, current_user)))


@bp.put("/meetings/<int:meeting_id>/items/<int:item_id>/reflection")
def write_meeting_reflection(meeting_id: int, item_id: int):
    item = _item(meeting_id, item_id)
    reflection = services.write_reflection(item, current_user,
                                           json_body(REFLECTION_FIELDS).get("text"))
    return {"agenda_item_id": item.id, "text": reflection.text if reflection else ""}


@bp.get("/meetings/<int:meeting_id>/reflections")
def list_meeting_reflections(meeting_id: int):
    meeting = visible_or_404(Meeting, meeting_id)
    out = []
    for row in queries.agenda(meeting, current_user):
        shown = row.revealed if meeting.is_revealed else ([row.mine] if row.mine else [])
        for r in shown:
            named = not meeting.anonymous_reveal or r.author_id == current_user.id
            out.append({"agenda_item_id": row.item.id, "text": r.text,
                        "author_id": r.author_id if named else None})
    return {"items": out, "revealed": meeting.is_revealed}


@bp.post("/meetings/<int:meeting_id>/points")
def add_meeting_point(meeting_id: int):
    meeting = visible_or_404(Meeting, meeting_id)
    point, too_many = goals.add_point(meeting, current_user, json_body(POINT_FIELDS))
    return created({**point_json(point), "too_many": too_many})


@bp.post("/meetings/<int:meeting_id>/follow-ups")
def follow_up_meeting_point(meeting_id: int):
    meeting = visible_or_404(Meeting, meeting_id)
    data = json_body(FOLLOW_UP_FIELDS)
    if data.get("development_point_id") is None:
        api_error(422, "validation_error", "development_point_id",
                  {"development_point_id": "Required."})
    point = visible_or_404(DevelopmentPoint, data["development_point_id"])
    goals.follow_up(point, meeting, current_user, data.get("decision"), data.get("note"))
    return point_json(point)


# -- OpenAPI -----------------------------------------------------------------------------

_INT, _STR = {"type": "integer"}, {"type": "string"}
_NINT = {"type": ["integer", "null"]}
doc.add_tag("meetings", "Reflection sessions (refleksionsmøder): agenda, phases A-B-C, "
                        "development points and their follow-up.")
doc.add_schema("AgendaItem", {"type": "object", "properties": {
    "id": _INT, "position": _INT, "kind": {"type": "string", "enum": ["example", "free"]},
    "state": {"type": "string", "enum": ["free", "shown", "withdrawn"]},
    "title": _STR, "question": _STR, "observation_id": _NINT, "story_id": _NINT,
    "notes": _STR, "notes_version": {"type": "integer", "description":
                                      "Raised by every notes save."}}})
doc.add_schema("DevelopmentPoint", {"type": "object", "properties": {
    "id": _INT, "meeting_id": _INT, "team_id": _INT, "title": _STR, "plan": _STR,
    "owner_id": _NINT, "follow_up_on": {"type": ["string", "null"], "format": "date"},
    "status": {"type": "string", "enum": ["open", *DECISIONS]},
    "too_many": {"type": "boolean", "description": "More than three points (a warning)."},
    "follow_ups": {"type": "array", "items": {"type": "object", "properties": {
        "meeting_id": _INT, "decision": {"type": "string", "enum": list(DECISIONS)},
        "note": _STR}}}}})
doc.add_schema("Meeting", {"type": "object", "properties": {
    "id": _INT, "team_id": _INT, "title": _STR, "facilitator_id": _INT,
    "starts_at": {"type": "string", "format": "date-time"}, "focus": _STR,
    "participant_ids": {"type": "array", "items": _INT}, "anonymous_reveal": {
        "type": "boolean"}, "phase": {"type": "string", "enum": list(PHASES)},
    "reflections_revealed_at": {"type": ["string", "null"], "format": "date-time"},
    "created_at": {"type": "string", "format": "date-time"},
    "items": {"type": "array", "items": doc.ref("AgendaItem")},
    "development_points": {"type": "array", "items": doc.ref("DevelopmentPoint")}}})
_M, _I = ["meeting_id"], ["meeting_id", "item_id"]
doc.add_path("/meetings", "get", doc.operation(
    "List the meetings of your teams", tag="meetings", response=doc.page_of("Meeting"),
    paginated=True, params=[doc.query_param("team", _INT, "Only this team's meetings."),
                            doc.query_param("upcoming", {"type": "boolean"},
                                            "true: not yet held; false: held.")]))
doc.add_path("/meetings", "post", doc.operation(
    "Create a meeting (you facilitate)", tag="meetings", status=201, body=MEETING_FIELDS,
    response="Meeting"))
doc.add_path("/meetings/{meeting_id}", "get", doc.operation(
    "One meeting with its agenda", tag="meetings", response="Meeting", path_params=_M))
doc.add_path("/meetings/{meeting_id}", "patch", doc.operation(
    "Change a meeting (facilitator)", tag="meetings", body=MEETING_UPDATE,
    response="Meeting", path_params=_M))
doc.add_path("/meetings/{meeting_id}/phase", "post", doc.operation(
    "Move to a phase (facilitator)", tag="meetings", body=PHASE_FIELDS, response="Meeting",
    path_params=_M))
doc.add_path("/meetings/{meeting_id}/reveal", "post", doc.operation(
    "Reveal every phase A reflection at once (facilitator)", tag="meetings",
    response="Meeting", path_params=_M, errors=[409]))
doc.add_path("/meetings/{meeting_id}/items", "post", doc.operation(
    "Add an example (observation_id or story_id) or a free item (title)", tag="meetings",
    status=201, body=ITEM_FIELDS, response="AgendaItem", path_params=_M, errors=[409],
    description="An example is refused (422) unless every participant may see it."))
doc.add_path("/meetings/{meeting_id}/items/{item_id}", "patch", doc.operation(
    "Change an item's question or title, or write phase B notes", tag="meetings",
    body=ITEM_UPDATE, response="AgendaItem", path_params=_I, errors=[409]))
doc.add_path("/meetings/{meeting_id}/items/{item_id}/reflection", "put", doc.operation(
    "Write your own phase A reflection (until the reveal)", tag="meetings",
    body=REFLECTION_FIELDS, response={"type": "object"}, path_params=_I))
doc.add_path("/meetings/{meeting_id}/reflections", "get", doc.operation(
    "Your own reflections, or everyone's after the reveal", tag="meetings",
    response={"type": "object"}, path_params=_M))
doc.add_path("/meetings/{meeting_id}/points", "post", doc.operation(
    "Agree a development point (phase C)", tag="meetings", status=201, body=POINT_FIELDS,
    response="DevelopmentPoint", path_params=_M, errors=[409]))
doc.add_path("/meetings/{meeting_id}/follow-ups", "post", doc.operation(
    "Follow up an earlier development point", tag="meetings", body=FOLLOW_UP_FIELDS,
    response="DevelopmentPoint", path_params=_M, errors=[409]))
