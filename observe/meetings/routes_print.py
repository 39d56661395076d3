"""Paper: the handout (the agenda with the examples' text and photo thumbnails) and the
minutes after the meeting.

Paper travels, so the facilitator (or whoever prints) may choose children's names as
initials only, and leave photos out. Initials replace the first names of the children
linked to each example, and of the children of the meeting's team, wherever they occur
in the examples' text. An example that is withdrawn prints as withdrawn, like on screen.
"""

from __future__ import annotations

import re

from flask import render_template, request
from flask_login import current_user
from sqlalchemy import select

from observe.extensions import db
from observe.meetings import goals, queries
from observe.meetings.models import Meeting
from observe.meetings.routes import bp
from observe.people.models import Child
from observe.permissions import get_visible_or_404
from observe.photos import services as photos


def _initial(name: str) -> str:
    return f"{name[:1]}."


def name_masker(meeting: Meeting, rows):
    """A function that replaces known children's first names with initials."""
    names = set(db.session.scalars(select(Child.first_name).where(
        Child.team_id == meeting.team_id)))
    for row in rows:
        if row.record is not None:
            names |= {c.first_name for c in row.record.children}
    names = sorted((n for n in names if n), key=len, reverse=True)
    if not names:
        return lambda text: text
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    return lambda text: pattern.sub(lambda m: _initial(m.group(1)), text or "")


@bp.get("/<int:meeting_id>/handout")
def handout(meeting_id: int):
    meeting = get_visible_or_404(Meeting, meeting_id)
    rows = queries.agenda(meeting, current_user)
    initials = request.args.get("initials") == "1"
    # The options form sends photos=0 always and photos=1 when ticked.
    with_photos = "photos" not in request.args or "1" in request.args.getlist("photos")
    mask = name_masker(meeting, rows) if initials else (lambda text: text or "")
    thumbs = {}
    if with_photos:
        thumbs = {row.item.id: photos.visible_photos(row.record)
                  for row in rows if row.record is not None}
    return render_template("meetings/handout.html", meeting=meeting, rows=rows,
                           mask=mask, initials=initials, with_photos=with_photos,
                           thumbs=thumbs, follow_ups=goals.to_follow_up(meeting))


@bp.get("/<int:meeting_id>/minutes")
def minutes(meeting_id: int):
    meeting = get_visible_or_404(Meeting, meeting_id)
    rows = queries.agenda(meeting, current_user)
    initials = request.args.get("initials") == "1"
    mask = name_masker(meeting, rows) if initials else (lambda text: text or "")
    return render_template("meetings/minutes.html", meeting=meeting, rows=rows, mask=mask,
                           initials=initials, follow_ups=goals.to_follow_up(meeting),
                           decision_in=goals.decision_in)
