"""Meetings: prepare, run in phases A-B-C, follow up. Pages and API share these.

Services add and flush; the request commits. Bad input raises ``ValidationError``
(422), a step the meeting's state does not allow ``Conflict`` (409), and an action by
someone who sees the meeting but may not do this ``Forbidden`` (403). Records the user
may not see never get here: routes load them through ``observe.permissions`` (404).

Rules, stated once:
- An example may be added only if every participant may see it: asked of
  ``permissions.can_view(record, participant)`` for each participant (the example's own
  rule, no copy of it here). The refusal names the reason.
- Whether an example's text is shown is decided again at every render
  (``example_state``): an example that has since become invisible to a participant, or
  to the viewer, shows as withdrawn and none of its text is shown.
- Settings, phases and the reveal are the facilitator's; preparing the agenda is any
  team member's; reflections are written by participants, each their own.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from observe import permissions
from observe.db import utcnow
from observe.extensions import db
from observe.meetings.models import (
    PHASES,
    QUESTION_MAX,
    TEXT_MAX,
    TITLE_MAX,
    AgendaItem,
    FollowUp,
    Meeting,
    Reflection,
)
from observe.observations.models import Observation
from observe.observations.services import parse_datetime
from observe.people.models import Team, User
from observe.permissions import require
from observe.stories.models import Story
from observe.validation import Conflict, ValidationError, text

FOCUS_POINTS = 3  # more than this gets a gentle warning: focus matters




def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


# -- the meeting itself --------------------------------------------------------------------

def _team(user: User, team_id, errors: dict) -> Team | None:
    """A meeting is held by a team the user belongs to."""
    team = next((t for t in user.teams if t.active and (team_id in (None, "")
                                                         or t.id == team_id)), None)
    if team is None:
        errors["team_id"] = _("Choose one of your teams.")
    return team


def _participants(team: Team, ids, errors: dict) -> list[User]:
    members = [u for u in team.members if u.active]
    if ids is None:
        return members
    try:
        wanted = {int(i) for i in ids}
    except (TypeError, ValueError):
        errors["participant_ids"] = _("Must be a list of whole numbers.")
        return []
    chosen = [u for u in members if u.id in wanted]
    if len(chosen) != len(wanted):
        errors["participant_ids"] = _("Participants must be members of the team.")
    elif not chosen:
        errors["participant_ids"] = _("Choose at least one participant.")
    return chosen


def _apply(meeting: Meeting, data: dict, errors: dict) -> None:
    for name, limit in (("title", TITLE_MAX), ("focus", TEXT_MAX)):
        if name in data or getattr(meeting, name) is None:
            value = text(data.get(name), name, required=name == "title",
                         max_length=limit, errors=errors)
            setattr(meeting, name, value or "")
    if "starts_at" in data or meeting.starts_at is None:
        starts = parse_datetime(data.get("starts_at"), "starts_at", errors)
        if starts is None and "starts_at" not in errors:
            errors["starts_at"] = _("Fill in this field.")
        meeting.starts_at = starts or meeting.starts_at
    if "anonymous_reveal" in data:
        meeting.anonymous_reveal = bool(data["anonymous_reveal"])


def create_meeting(user: User, data: dict) -> Meeting:
    errors: dict = {}
    team = _team(user, data.get("team_id"), errors)
    meeting = Meeting(institution_id=user.institution_id, facilitator_id=user.id,
                      facilitator=user, title=None, focus=None, starts_at=None,
                      anonymous_reveal=False, phase="prepare")
    with db.session.no_autoflush:
        _apply(meeting, data, errors)
        if team is not None:
            meeting.team_id, meeting.team = team.id, team
            meeting.participants = _participants(team, data.get("participant_ids"), errors)
            if user not in meeting.participants and data.get("participant_ids") is None:
                meeting.participants.append(user)
    _raise(errors)
    db.session.add(meeting)
    db.session.flush()
    return meeting


def update_meeting(meeting: Meeting, user: User, data: dict) -> Meeting:
    require(permissions.can_facilitate(meeting, user))
    errors: dict = {}
    with db.session.no_autoflush:
        _apply(meeting, data, errors)
        if "participant_ids" in data:
            meeting.participants = _participants(meeting.team, data["participant_ids"] or [],
                                                 errors)
        if "anonymous_reveal" in data and meeting.is_revealed:
            errors["anonymous_reveal"] = _("The reflections are already revealed.")
    _raise(errors)
    db.session.flush()
    return meeting


def set_phase(meeting: Meeting, user: User, phase: str) -> Meeting:
    """The facilitator moves the meeting along (and back, if the talk needs it)."""
    require(permissions.can_facilitate(meeting, user))
    if phase not in PHASES:
        raise ValidationError({"phase": _("Unknown phase.")})
    meeting.phase = phase
    db.session.flush()
    return meeting


def reveal_reflections(meeting: Meeting, user: User) -> Meeting:
    """All reflections become visible to the team at once; there is no way back."""
    require(permissions.can_facilitate(meeting, user))
    if meeting.is_revealed:
        raise Conflict(_("The reflections are already revealed."))
    meeting.reflections_revealed_at = utcnow()
    if meeting.phase == "prepare":
        meeting.phase = "a"
    db.session.flush()
    return meeting


def delete_meeting(meeting: Meeting, user: User) -> None:
    require(permissions.can_facilitate(meeting, user))
    if meeting.points or db.session.scalar(select(func.count(FollowUp.id)).where(
            FollowUp.meeting_id == meeting.id)):
        raise Conflict(_("A meeting with development points or follow-ups is kept."))
    db.session.delete(meeting)
    db.session.flush()


# -- examples: the one place that decides what may be added and shown ----------------------

def record_label(record) -> str:
    if isinstance(record, Observation):
        return _("observation")
    return _("learning story")


def why_not_addable(meeting: Meeting, record) -> str | None:
    """A reason a participant may not see ``record``, or None when all may."""
    blind = [p for p in meeting.participants if not permissions.can_view(record, p)]
    if not blind:
        return None
    if isinstance(record, Observation) and record.visibility != "team":
        return _("The observation is not shared with the team.")
    if isinstance(record, Story) and record.visibility != "team":
        return _("The learning story is not shared with the team.")
    return _("Not every participant may see this example (%(names)s).",
             names=", ".join(p.name for p in blind))


def example_state(item: AgendaItem, viewer: User) -> str:
    """``free``, ``shown`` or ``withdrawn``: decided now, for these participants and
    this viewer, through the example's own permission rule."""
    if item.kind != "example":
        return "free"
    record = item.record
    if record is None:
        return "withdrawn"
    people = [*item.meeting.participants, viewer]
    return "shown" if all(permissions.can_view(record, p) for p in people) else "withdrawn"


def _next_position(meeting: Meeting) -> int:
    return max((i.position for i in meeting.items), default=0) + 1


def add_example(meeting: Meeting, user: User, record, question: str | None = "") -> AgendaItem:
    require(permissions.can_prepare(meeting, user) and permissions.can_view(record, user))
    if meeting.is_done:
        raise Conflict(_("The meeting has been held."))
    reason = why_not_addable(meeting, record)
    if reason:
        raise ValidationError({"record": reason})
    column = "observation_id" if isinstance(record, Observation) else "story_id"
    if any(getattr(i, column) == record.id for i in meeting.items):
        raise Conflict(_("This example is already on the agenda."))
    errors: dict = {}
    question = text(question, "question", max_length=QUESTION_MAX, errors=errors)
    _raise(errors)
    item = AgendaItem(meeting=meeting, kind="example", position=_next_position(meeting),
                      question=question or "", added_by_id=user.id, **{column: record.id})
    db.session.add(item)
    db.session.flush()
    return item


def add_free_item(meeting: Meeting, user: User, data: dict) -> AgendaItem:
    require(permissions.can_prepare(meeting, user))
    errors: dict = {}
    title = text(data.get("title"), "title", required=True, max_length=TITLE_MAX,
                 errors=errors)
    question = text(data.get("question"), "question", max_length=QUESTION_MAX, errors=errors)
    _raise(errors)
    item = AgendaItem(meeting=meeting, kind="free", position=_next_position(meeting),
                      title=title, question=question or "", added_by_id=user.id)
    db.session.add(item)
    db.session.flush()
    return item


def update_item(item: AgendaItem, user: User, data: dict) -> AgendaItem:
    require(permissions.can_prepare(item.meeting, user))
    errors: dict = {}
    if "question" in data:
        item.question = text(data["question"], "question", max_length=QUESTION_MAX,
                             errors=errors) or ""
    if "title" in data and item.kind == "free":
        item.title = text(data["title"], "title", required=True, max_length=TITLE_MAX,
                          errors=errors) or ""
    _raise(errors)
    db.session.flush()
    return item


def move_item(item: AgendaItem, user: User, direction: str) -> None:
    meeting = item.meeting
    require(permissions.can_prepare(meeting, user))
    items = list(meeting.items)
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    _renumber(items)


def reorder(meeting: Meeting, user: User, ids) -> None:
    require(permissions.can_prepare(meeting, user))
    by_id = {item.id: item for item in meeting.items}
    try:
        wanted = [int(i) for i in ids]
    except (TypeError, ValueError):
        raise ValidationError({"order": _("Must be a list of whole numbers.")}) from None
    if sorted(wanted) != sorted(by_id):
        raise ValidationError({"order": _("List every agenda item once.")})
    _renumber([by_id[i] for i in wanted])


def _renumber(items) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position
    if items:
        items[0].meeting.items.sort(key=lambda i: i.position)
    db.session.flush()


def remove_item(item: AgendaItem, user: User) -> None:
    meeting = item.meeting
    require(permissions.can_prepare(meeting, user))
    meeting.items.remove(item)
    db.session.delete(item)
    _renumber(list(meeting.items))


# -- phases A, B and C ----------------------------------------------------------------------

def write_reflection(item: AgendaItem, user: User, value) -> Reflection | None:
    """A participant's own reflection; an empty text removes it."""
    require(permissions.can_reflect(item.meeting, user))
    errors: dict = {}
    cleaned = text(value, "text", max_length=TEXT_MAX, errors=errors)
    _raise(errors)
    mine = next((r for r in item.reflections if r.author_id == user.id), None)
    if not cleaned:
        if mine is not None:
            item.reflections.remove(mine)
            db.session.delete(mine)
            db.session.flush()
        return None
    if mine is None:
        mine = Reflection(item=item, author_id=user.id, author=user, text=cleaned)
        db.session.add(mine)
    else:
        mine.text = cleaned
    db.session.flush()
    return mine


class NotesConflict(Conflict):
    """Someone saved the notes after this writer started from ``base``: nothing was
    written, and the caller shows both texts (``current`` is the saved one)."""

    def __init__(self, current: str, version: int):
        super().__init__(_("Someone else saved these notes while you were writing. "
                           "Their version is shown; your text is kept. Combine the two "
                           "and save again."))
        self.current = current
        self.version = version


def save_notes(item: AgendaItem, user: User, value, base: int | None = None) -> AgendaItem:
    """Write phase B notes. ``base`` is the version the writer started from (the page
    and the API send it back); when the notes have been saved by someone else since,
    nothing is written and ``NotesConflict`` carries their text. The check and the
    write are one UPDATE, so two saves at the same moment cannot both pass it.
    Without ``base`` (older API clients) the save simply overwrites."""
    if not permissions.can_take_notes(item.meeting, user):
        require(permissions.can_view(item.meeting, user))
        raise Conflict(_("Notes are written during the shared discussion (phase B)."))
    errors: dict = {}
    notes = text(value, "notes", max_length=TEXT_MAX, errors=errors) or ""
    _raise(errors)
    if base is not None and notes == item.notes:
        return item  # nothing changed: no new version, no conflict
    stmt = (update(AgendaItem).where(AgendaItem.id == item.id)
            .values(notes=notes, notes_updated_at=utcnow(),
                    notes_version=AgendaItem.notes_version + 1)
            .execution_options(synchronize_session=False))
    if base is not None:
        stmt = stmt.where(AgendaItem.notes_version == base)
    written = db.session.execute(stmt).rowcount
    db.session.refresh(item, ["notes", "notes_updated_at", "notes_version"])
    if not written:
        raise NotesConflict(item.notes, item.notes_version)
    return item
