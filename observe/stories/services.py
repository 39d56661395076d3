"""Learning stories: create, change, share, delete, comment, follow up next steps.

Pages and the API call these same functions with a plain ``data`` dict (only the keys
present change on update). Services add and flush; the request commits.

Rules:
- A story needs a title, the story itself and at least one child of the institution.
- Only the author edits, shares or deletes it (403 when visible but not theirs).
- Deleting a story deletes its photos' rows now and their files after the commit.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import select

from observe import permissions
from observe.db import utcnow
from observe.extensions import db
from observe.people.models import Child, Team, Theme, User
from observe.people.services import parse_date
from observe.permissions import require
from observe.photos import services as photos
from observe.stories.models import TEXT_MAX, TITLE_MAX, VISIBILITIES, Story, StoryComment
from observe.validation import ValidationError, required_text, text

TEXT_FIELDS = {"title": TITLE_MAX, "story": TEXT_MAX, "learning": TEXT_MAX,
               "next_steps": TEXT_MAX, "child_voice": TEXT_MAX, "parent_voice": TEXT_MAX}
REQUIRED = ("title", "story")
COMMENT_MAX = 5000




def _ids(values, name: str, errors: dict) -> list[int]:
    if values is None:
        return []
    try:
        return list(dict.fromkeys(int(v) for v in values))
    except (TypeError, ValueError):
        errors[name] = _("Must be a list of whole numbers.")
        return []


def _records(model, institution_id: int, values, name: str, errors: dict, *extra) -> list:
    ids = _ids(values, name, errors)
    if not ids:
        return []
    found = list(db.session.scalars(select(model).where(
        model.id.in_(ids), model.institution_id == institution_id, *extra)))
    if len(found) != len(ids):
        errors[name] = _("Unknown or inactive choice.")
    return found


def _team(user: User, team_id, errors: dict) -> Team | None:
    if team_id in (None, ""):
        team = next((t for t in user.teams if t.active), None)
        if team is None:
            errors["team_id"] = _("Choose a team.")
        return team
    found = _records(Team, user.institution_id, [team_id], "team_id", errors)
    return found[0] if found else None


def _date(value, errors: dict) -> dt.date | None:
    try:
        day = parse_date(value)
    except ValueError:
        errors["occurred_on"] = _("Write the date as YYYY-MM-DD or DD-MM-YYYY.")
        return None
    if day is None:
        return dt.date.today()
    if day > dt.date.today() + dt.timedelta(days=1) or day.year < 1990:
        errors["occurred_on"] = _("This date is not plausible.")
        return None
    return day


def _apply(story: Story, user: User, data: dict, errors: dict) -> None:
    for name, limit in TEXT_FIELDS.items():
        if name in data or story.id is None:
            value = text(data.get(name), name, required=name in REQUIRED,
                         max_length=limit, errors=errors)
            setattr(story, name, value or "")
    if "occurred_on" in data or story.occurred_on is None:
        story.occurred_on = _date(data.get("occurred_on"), errors)
    if "team_id" in data or story.team_id is None:
        team = _team(user, data.get("team_id"), errors)
        if team is not None:
            story.team_id = team.id
    if "visibility" in data or story.visibility is None:
        visibility = data.get("visibility") or "private"
        if visibility not in VISIBILITIES:
            errors["visibility"] = _("Must be one of: %(choices)s.",
                                     choices=", ".join(VISIBILITIES))
        else:
            story.visibility = visibility
    if "child_ids" in data:
        kept = [c.id for c in story.children]
        # New links only to active children; a child who has left stays on old stories.
        story.children = _records(Child, user.institution_id, data["child_ids"], "child_ids",
                                  errors, Child.active | Child.id.in_(kept))
    if not story.children and "child_ids" not in errors:
        errors["child_ids"] = _("Choose at least one child.")
    if "theme_ids" in data:
        kept = [t.id for t in story.themes]
        story.themes = _records(Theme, user.institution_id, data["theme_ids"], "theme_ids",
                                errors, Theme.active | Theme.id.in_(kept))
    if "next_steps_done" in data:
        set_next_steps_done(story, bool(data["next_steps_done"]))


def create_story(author: User, data: dict) -> Story:
    errors: dict = {}
    story = Story(institution_id=author.institution_id, author_id=author.id, author=author,
                  visibility=None, children=[], themes=[])
    _apply(story, author, data, errors)
    if errors:
        raise ValidationError(errors)
    db.session.add(story)
    db.session.flush()
    return story


def update_story(story: Story, user: User, data: dict) -> Story:
    require(permissions.can_edit_story(story, user))
    errors: dict = {}
    with db.session.no_autoflush:
        _apply(story, user, data, errors)
    if errors:
        raise ValidationError(errors)
    story.updated_at = utcnow()
    db.session.flush()
    return story


def set_next_steps_done(story: Story, done: bool) -> None:
    """The team followed up the next steps (or reopens them)."""
    if done and not story.next_steps_done:
        story.next_steps_done_on = dt.date.today()
    elif not done:
        story.next_steps_done_on = None
    story.next_steps_done = done


def follow_up(story: Story, user: User, done: bool) -> Story:
    """Anyone who sees the story may mark its next steps followed up: a team task."""
    require(permissions.can_view(story, user))
    set_next_steps_done(story, done)
    db.session.flush()
    return story


def delete_story(story: Story, user: User) -> None:
    require(permissions.can_edit_story(story, user))
    photos.delete_photos_for(story)
    db.session.delete(story)
    db.session.flush()


# -- comments ------------------------------------------------------------------------------

def _comment_body(value) -> str:
    return required_text(value, "body", COMMENT_MAX)


def add_comment(story: Story, user: User, body) -> StoryComment:
    require(permissions.can_comment_story(story, user))
    comment = StoryComment(story=story, author_id=user.id, author=user,
                           body=_comment_body(body))
    db.session.add(comment)
    db.session.flush()
    return comment


def update_comment(comment: StoryComment, user: User, body) -> StoryComment:
    require(permissions.can_edit_story_comment(comment, user))
    comment.body = _comment_body(body)
    db.session.flush()
    return comment


def delete_comment(comment: StoryComment, user: User) -> None:
    require(permissions.can_edit_story_comment(comment, user))
    db.session.delete(comment)
    db.session.flush()
