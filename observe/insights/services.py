"""Taking a view into a meeting: the insights page and a self-evaluation round become a
free agenda item on an upcoming meeting of the team, through the meetings services
(which check that the user may prepare that meeting).

The agenda item has no link field, so the link to the view is written into the item's
question, after the team's own question.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import select

from observe.extensions import db
from observe.meetings import services as meetings
from observe.meetings.models import QUESTION_MAX, TITLE_MAX, Meeting
from observe.people.models import Team, User
from observe.validation import ValidationError


def upcoming_meetings(team: Team, user: User) -> list[Meeting]:
    """Meetings of the team not yet held, from today on, soonest first."""
    if team.id not in user.team_ids:
        return []
    start = dt.datetime.combine(dt.date.today(), dt.time.min, tzinfo=dt.UTC)
    return list(db.session.scalars(select(Meeting).where(
        Meeting.team_id == team.id, Meeting.phase != "done", Meeting.starts_at >= start)
        .order_by(Meeting.starts_at).limit(20)))


def add_view_to_meeting(team: Team, user: User, meeting_id, title: str, url: str,
                        question: str = ""):
    meeting = db.session.get(Meeting, meeting_id) if isinstance(meeting_id, int) else None
    if meeting is None or meeting.id not in {m.id for m in upcoming_meetings(team, user)}:
        raise ValidationError({"meeting_id": _("Choose one of the team's coming meetings.")})
    question = (question or "").strip()
    suffix = f" {url}"
    if len(question) + len(suffix) > QUESTION_MAX:
        raise ValidationError({"question": _("Use at most %(n)d characters.",
                                             n=QUESTION_MAX - len(suffix))})
    item = meetings.add_free_item(meeting, user, {"title": title[:TITLE_MAX],
                                                  "question": (question + suffix).strip()})
    return meeting, item
