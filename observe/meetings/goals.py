"""Phase C and what follows: development points, their follow-up, the question bank.

A development point belongs to the team (not only to the meeting that made it): it
stays open on the team's page and at the top of every later meeting's agenda until the
team marks it done. Each later meeting records at most one decision per point
(continued, changed or done, with a note); a second decision in the same meeting
replaces the first, so the trail tells one story per meeting.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from observe import permissions
from observe.extensions import db
from observe.meetings.models import (
    DECISIONS,
    QUESTION_MAX,
    TEXT_MAX,
    TITLE_MAX,
    DevelopmentPoint,
    FollowUp,
    Meeting,
    Question,
)
from observe.meetings.services import FOCUS_POINTS, require
from observe.people.models import User
from observe.people.services import parse_date
from observe.validation import Conflict, ValidationError, text

# The question bank's starting prompts (Danish: "Hvad ser vi i eksemplet — og hvad ser
# vi ikke?", "Hvorfor gør vi, som vi gør?", "Hvad havde barnet mulighed for at lære
# her?", "Hvad kunne vi gøre anderledes i morgen?"). Kept in code, translated like any
# UI string; a team adds its own as ``Question`` rows.
DEFAULT_QUESTIONS = (
    _l("What do we see in the example — and what do we not see?"),
    _l("Why do we do what we do?"),
    _l("What did the child have the opportunity to learn here?"),
    _l("What could we do differently tomorrow?"),
)


def _point_fields(meeting: Meeting, data: dict, errors: dict) -> dict:
    fields = {
        "title": text(data.get("title"), "title", required=True, max_length=TITLE_MAX,
                      errors=errors),
        "plan": text(data.get("plan"), "plan", max_length=TEXT_MAX, errors=errors) or "",
    }
    owner_id = data.get("owner_id")
    if owner_id not in (None, "", 0):
        if not any(u.id == owner_id for u in meeting.team.members if u.active):
            errors["owner_id"] = _("The owner must be a member of the team.")
        fields["owner_id"] = owner_id
    else:
        fields["owner_id"] = None
    try:
        fields["follow_up_on"] = parse_date(data.get("follow_up_on"))
    except ValueError:
        errors["follow_up_on"] = _("Write the date as YYYY-MM-DD or DD-MM-YYYY.")
    return fields


def add_point(meeting: Meeting, user: User, data: dict) -> tuple[DevelopmentPoint, bool]:
    """A new development point; the flag says the meeting now has more than three."""
    if not permissions.can_set_goals(meeting, user):
        require(permissions.can_view(meeting, user))
        raise Conflict(_("Development points are agreed in phase C (shared goals)."))
    errors: dict = {}
    fields = _point_fields(meeting, data, errors)
    if errors:
        raise ValidationError(errors)
    point = DevelopmentPoint(institution_id=meeting.institution_id, meeting=meeting,
                             team_id=meeting.team_id, status="open", **fields)
    db.session.add(point)
    db.session.flush()
    return point, too_many(meeting)


def update_point(point: DevelopmentPoint, user: User, data: dict) -> DevelopmentPoint:
    meeting = point.meeting
    if not permissions.can_set_goals(meeting, user):
        require(permissions.can_view(point, user))
        raise Conflict(_("Development points are agreed in phase C (shared goals)."))
    errors: dict = {}
    merged = {"title": point.title, "plan": point.plan, "owner_id": point.owner_id,
              "follow_up_on": point.follow_up_on, **data}
    fields = _point_fields(meeting, merged, errors)
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(point, name, value)
    db.session.flush()
    return point


def delete_point(point: DevelopmentPoint, user: User) -> None:
    if not permissions.can_set_goals(point.meeting, user):
        require(permissions.can_view(point, user))
        raise Conflict(_("Development points are agreed in phase C (shared goals)."))
    if point.follow_ups:
        raise Conflict(_("A development point that has been followed up is kept."))
    db.session.delete(point)
    db.session.flush()


def too_many(meeting: Meeting) -> bool:
    return len(meeting.points) > FOCUS_POINTS


def follow_up(point: DevelopmentPoint, meeting: Meeting, user: User, decision,
              note) -> FollowUp:
    """A later meeting of the same team decides about an earlier point."""
    require(permissions.can_view(point, user) and permissions.can_view(meeting, user))
    if (point.team_id != meeting.team_id or point.meeting_id == meeting.id
            or point.meeting.starts_at >= meeting.starts_at):
        raise Conflict(_("Follow up a development point in a later meeting of its team."))
    if not permissions.can_follow_up(meeting, user):
        raise Conflict(_("The meeting has been held."))
    errors: dict = {}
    if decision not in DECISIONS:
        errors["decision"] = _("Choose continued, changed or done.")
    cleaned = text(note, "note", max_length=TEXT_MAX, errors=errors) or ""
    if errors:
        raise ValidationError(errors)
    entry = next((f for f in point.follow_ups if f.meeting_id == meeting.id), None)
    if entry is None:
        entry = FollowUp(point=point, meeting_id=meeting.id, author_id=user.id,
                         decision=decision, note=cleaned)
        db.session.add(entry)
    else:
        entry.decision, entry.note, entry.author_id = decision, cleaned, user.id
    point.status = decision
    db.session.flush()
    return entry


# -- reading ---------------------------------------------------------------------------------

def _team_points(team_id: int):
    return (select(DevelopmentPoint).join(Meeting, DevelopmentPoint.meeting_id == Meeting.id)
            .where(DevelopmentPoint.team_id == team_id)
            .options(selectinload(DevelopmentPoint.follow_ups),
                     selectinload(DevelopmentPoint.owner))
            .order_by(Meeting.starts_at, DevelopmentPoint.id))


def open_points(team_id: int) -> list[DevelopmentPoint]:
    return list(db.session.scalars(_team_points(team_id).where(
        DevelopmentPoint.status != "done")))


def earlier_points(meeting: Meeting) -> list[DevelopmentPoint]:
    """The trail: every point of the team from meetings before this one."""
    return list(db.session.scalars(_team_points(meeting.team_id).where(
        Meeting.starts_at < meeting.starts_at, DevelopmentPoint.meeting_id != meeting.id)))


def to_follow_up(meeting: Meeting) -> list[DevelopmentPoint]:
    """Top of the agenda: earlier points still open, or decided in this very meeting."""
    return [p for p in earlier_points(meeting)
            if p.is_open or any(f.meeting_id == meeting.id for f in p.follow_ups)]


def decision_in(point: DevelopmentPoint, meeting: Meeting) -> FollowUp | None:
    return next((f for f in point.follow_ups if f.meeting_id == meeting.id), None)


# -- the question bank ---------------------------------------------------------------------

def questions_for(team_id: int) -> list[str]:
    own = db.session.scalars(select(Question.text).where(Question.team_id == team_id)
                             .order_by(Question.id))
    return [str(q) for q in DEFAULT_QUESTIONS] + list(own)


def add_question(meeting: Meeting, user: User, value) -> Question:
    require(permissions.can_view(meeting, user))
    errors: dict = {}
    cleaned = text(value, "text", required=True, max_length=QUESTION_MAX, errors=errors)
    if errors:
        raise ValidationError(errors)
    if cleaned in questions_for(meeting.team_id):
        raise Conflict(_("This question is already in the bank."))
    question = Question(institution_id=meeting.institution_id, team_id=meeting.team_id,
                        text=cleaned, created_by_id=user.id)
    db.session.add(question)
    db.session.flush()
    return question
