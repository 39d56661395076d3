"""Which observations a list shows: always inside ``visible_filter``, then narrowed.

The pages ("Mine observationer", "Observationer af mig", the team feed) and the API
list share these, so a filter means the same everywhere.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from observe.observations.models import Observation, observation_observed, observation_themes
from observe.observations.services import local_tz
from observe.people.models import User, team_members
from observe.permissions import visible_filter

SCOPES = ("all", "mine", "of_me", "team")


def observed_by(user_id: int):
    return Observation.id.in_(select(observation_observed.c.observation_id).where(
        observation_observed.c.user_id == user_id))


def day_start(day: dt.date) -> dt.datetime:
    """Midnight on the institution's wall clock."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=local_tz())


def observations(user: User, *, scope: str = "all", team_id: int | None = None,
                 theme_id: int | None = None, colleague_id: int | None = None,
                 author_id: int | None = None, observed_id: int | None = None,
                 date_from: dt.date | None = None, date_to: dt.date | None = None):
    """An ordered ``select`` of the observations ``user`` may see, newest first."""
    stmt = select(Observation).where(visible_filter(Observation, user))
    if scope == "mine":
        stmt = stmt.where(Observation.author_id == user.id)
    elif scope == "of_me":
        stmt = stmt.where(observed_by(user.id))
    elif scope == "team":
        my_teams = select(team_members.c.team_id).where(team_members.c.user_id == user.id)
        stmt = stmt.where(Observation.visibility == "team",
                          Observation.team_id.in_(my_teams))
    if team_id is not None:
        stmt = stmt.where(Observation.team_id == team_id)
    if theme_id is not None:
        stmt = stmt.where(Observation.id.in_(select(observation_themes.c.observation_id)
                                             .where(observation_themes.c.theme_id == theme_id)))
    if colleague_id is not None:
        stmt = stmt.where(or_(Observation.author_id == colleague_id,
                              observed_by(colleague_id)))
    if author_id is not None:
        stmt = stmt.where(Observation.author_id == author_id)
    if observed_id is not None:
        stmt = stmt.where(observed_by(observed_id))
    if date_from is not None:
        stmt = stmt.where(Observation.occurred_at >= day_start(date_from))
    if date_to is not None:
        stmt = stmt.where(Observation.occurred_at < day_start(date_to + dt.timedelta(days=1)))
    return stmt.options(
        selectinload(Observation.observed), selectinload(Observation.themes),
        selectinload(Observation.author), selectinload(Observation.team),
    ).order_by(Observation.occurred_at.desc(), Observation.id.desc())
