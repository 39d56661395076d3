"""Read-side questions about stories: filtered lists, the child list, a portfolio.

Every query starts from ``visible_filter(Story)``: a portfolio shows only the stories
the viewer may see, so a colleague's private draft never leaks through a child's page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from observe.extensions import db
from observe.people.models import Child, Team, Theme, User
from observe.permissions import visible_filter
from observe.photos.models import Photo
from observe.stories.models import Story, story_children, story_themes

RECENT_DAYS = 120  # "recent stories" for open next steps on the portfolio


def stories_stmt(user: User, *, team=None, child=None, theme=None, date_from=None,
                 date_to=None, author=None):
    stmt = (select(Story).where(visible_filter(Story, user))
            .options(selectinload(Story.children), selectinload(Story.themes),
                     selectinload(Story.author))
            .order_by(Story.occurred_on.desc(), Story.id.desc()))
    if team is not None:
        stmt = stmt.where(Story.team_id == team)
    if child is not None:
        stmt = stmt.where(Story.id.in_(select(story_children.c.story_id)
                                       .where(story_children.c.child_id == child)))
    if theme is not None:
        stmt = stmt.where(Story.id.in_(select(story_themes.c.story_id)
                                       .where(story_themes.c.theme_id == theme)))
    if date_from is not None:
        stmt = stmt.where(Story.occurred_on >= date_from)
    if date_to is not None:
        stmt = stmt.where(Story.occurred_on <= date_to)
    if author is not None:
        stmt = stmt.where(Story.author_id == author)
    return stmt


def children_for(user: User, team_id: int | None = None) -> list[Child]:
    """Active children, the user's own teams first (for the story form and lists)."""
    stmt = select(Child).where(Child.institution_id == user.institution_id, Child.active)
    if team_id:
        stmt = stmt.where(Child.team_id == team_id)
    children = list(db.session.scalars(stmt.options(selectinload(Child.team))
                                       .order_by(Child.first_name, Child.id)))
    mine = set(user.team_ids)
    return sorted(children, key=lambda c: (c.team_id not in mine, c.team.name, c.first_name))


def active_themes(institution_id: int, keep=()) -> list[Theme]:
    stmt = select(Theme).where(Theme.institution_id == institution_id)
    keep = [t for t in keep if t]
    stmt = stmt.where(Theme.active | Theme.id.in_(keep)) if keep else stmt.where(Theme.active)
    return list(db.session.scalars(stmt.order_by(Theme.position, Theme.name)))


def teams_for(user: User, keep=()) -> list[Team]:
    stmt = select(Team).where(Team.institution_id == user.institution_id)
    keep = [t for t in keep if t]
    stmt = stmt.where(Team.active | Team.id.in_(keep)) if keep else stmt.where(Team.active)
    teams = list(db.session.scalars(stmt.order_by(Team.name)))
    mine = set(user.team_ids)
    return sorted(teams, key=lambda t: (t.id not in mine, t.name))


def last_story_dates(user: User, child_ids) -> dict[int, dt.date]:
    """Per child: the date of the newest story *this user may see*."""
    if not child_ids:
        return {}
    rows = db.session.execute(
        select(story_children.c.child_id, func.max(Story.occurred_on), func.count(Story.id))
        .join(Story, Story.id == story_children.c.story_id)
        .where(visible_filter(Story, user), story_children.c.child_id.in_(list(child_ids)))
        .group_by(story_children.c.child_id))
    return {child_id: (last, count) for child_id, last, count in rows}


@dataclass
class Portfolio:
    child: Child
    stories: list[Story]
    photos: dict[int, list[Photo]] = field(default_factory=dict)
    themes: list[tuple[Theme, int]] = field(default_factory=list)
    open_next_steps: list[Story] = field(default_factory=list)


def portfolio(user: User, child: Child) -> Portfolio:
    stories = list(db.session.scalars(stories_stmt(user, child=child.id)))
    ids = [s.id for s in stories]
    photos: dict[int, list[Photo]] = {}
    if ids:
        rows = db.session.scalars(
            select(Photo).where(Photo.story_id.in_(ids), visible_filter(Photo, user))
            .order_by(Photo.id))
        for photo in rows:
            photos.setdefault(photo.story_id, []).append(photo)
    counts = Counter(theme.id for story in stories for theme in story.themes)
    by_id = {theme.id: theme for story in stories for theme in story.themes}
    themes = sorted(((by_id[i], n) for i, n in counts.items()),
                    key=lambda pair: (-pair[1], pair[0].position, pair[0].name))
    since = dt.date.today() - dt.timedelta(days=RECENT_DAYS)
    open_steps = [s for s in stories
                  if s.next_steps.strip() and not s.next_steps_done and s.occurred_on >= since]
    return Portfolio(child=child, stories=stories, photos=photos, themes=themes,
                     open_next_steps=open_steps)
