"""How a meeting becomes a search document (kind ``meeting``).

Searchable: the title, the focus question, the free items' titles, the reflection
questions, the phase B notes, the development points and the follow-up notes. Not
searchable: phase A reflections (private until the reveal), and the examples' own text
(each example is its own document, with its own visibility; copying it here would keep
a withdrawn example findable). ``principals`` mirrors ``permissions._view_meeting``:
the members of the meeting's team.
"""

from __future__ import annotations

from observe.search.documents import Doc


def meeting_principals(meeting) -> set[str]:
    return {f"team:{meeting.team_id}"}


def describe_meeting(meeting) -> Doc:
    texts = [meeting.focus]
    for item in meeting.items:
        texts += [item.title, item.question, item.notes]
    for point in meeting.points:
        texts += [point.title, point.plan, *(f.note for f in point.follow_ups)]
    return Doc(kind="meeting", id=meeting.id, institution_id=meeting.institution_id,
               team_id=meeting.team_id, author_id=meeting.facilitator_id,
               occurred_at=meeting.starts_at, title=meeting.title,
               texts=[t for t in texts if t], principals=meeting_principals(meeting))


def _meeting_key(meeting_id, meeting) -> list:
    if meeting is None or meeting_id is None:
        return []
    return [("meeting", (meeting_id, meeting.institution_id))]


def item_changed(item) -> list:
    meeting = item.meeting
    return _meeting_key(meeting.id if meeting else item.meeting_id, meeting)


def point_changed(point) -> list:
    meeting = point.meeting
    return _meeting_key(meeting.id if meeting else point.meeting_id, meeting)


def follow_up_changed(entry) -> list:
    point = entry.point
    return point_changed(point) if point is not None else []
