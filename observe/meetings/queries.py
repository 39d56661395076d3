"""Reading meetings: lists, the "add to meeting" choices, and the agenda as shown.

Every list goes through ``permissions.visible_filter``; the agenda's examples are
checked one by one through ``services.example_state`` at render time.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from observe.extensions import db
from observe.meetings.models import AgendaItem, Meeting, Reflection
from observe.meetings.services import example_state
from observe.permissions import can_view, visible_filter


def meetings_stmt(user, *, team_id: int | None = None, upcoming: bool | None = None):
    stmt = select(Meeting).where(visible_filter(Meeting, user))
    if team_id is not None:
        stmt = stmt.where(Meeting.team_id == team_id)
    if upcoming is True:
        stmt = stmt.where(Meeting.phase != "done").order_by(Meeting.starts_at, Meeting.id)
    elif upcoming is False:
        stmt = stmt.where(Meeting.phase == "done").order_by(Meeting.starts_at.desc(),
                                                            Meeting.id.desc())
    else:
        stmt = stmt.order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    return stmt.options(selectinload(Meeting.team))


def upcoming(user, team_id: int | None = None) -> list[Meeting]:
    """Meetings not yet held, of the user's teams: the "add to meeting" choices."""
    return list(db.session.scalars(meetings_stmt(user, team_id=team_id, upcoming=True)))


def past(user, team_id: int | None = None, limit: int = 50) -> list[Meeting]:
    return list(db.session.scalars(meetings_stmt(user, team_id=team_id, upcoming=False)
                                   .limit(limit)))


def plain(text) -> str:
    """The identity "mask" for pages that show names as written."""
    return text or ""


@dataclass
class Row:
    """An agenda item as this viewer may see it."""

    item: AgendaItem
    state: str  # free | shown | withdrawn
    mine: Reflection | None = None
    revealed: list[Reflection] | None = None

    @property
    def record(self):
        return self.item.record if self.state == "shown" else None


def agenda(meeting: Meeting, viewer) -> list[Row]:
    items = list(db.session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
        .order_by(AgendaItem.position, AgendaItem.id)
        .options(selectinload(AgendaItem.reflections).selectinload(Reflection.author),
                 selectinload(AgendaItem.observation), selectinload(AgendaItem.story))))
    rows = []
    for item in items:
        row = Row(item, example_state(item, viewer))
        row.mine = next((r for r in item.reflections if r.author_id == viewer.id), None)
        if meeting.is_revealed:
            shown = [r for r in item.reflections if can_view(r, viewer)]
            if meeting.anonymous_reveal:  # no order that hints at who wrote what
                shown.sort(key=lambda r: r.text)
            row.revealed = shown
        rows.append(row)
    return rows


def reflection_count(meeting: Meeting) -> int:
    """How many reflections are written (a count shows progress, never who or what)."""
    return sum(len(item.reflections) for item in meeting.items)
