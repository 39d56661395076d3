"""The figures: SQL aggregations (GROUP BY over indexed columns), never a Python loop
over all records. Each function answers one figure for one period.

The visibility rule, the same for the page, the CSV and the API:

- **A team's figures count only what the team itself can open**: observations and
  stories of that team shared with the team (``visibility == "team"``). A private
  draft never counts, for anyone. An observation shared only between author and
  observed colleague (``observed``) is not the team's to see either, so it does not
  count toward the team's figures: a figure must never reveal a record that the
  people looking at it cannot open, and every figure links to a search that finds
  exactly the records behind it (for a team member, whose search also shows their own
  records, at least those).
- **The viewer's own row** in *open practice* also counts the viewer's own
  observations at ``observed`` level (the ones they wrote or that were written about
  them): those are the viewer's to see. Never their private drafts: a draft is not yet
  practice shared.
- **Requests ("kom og kig med")** are visible only to requester and invitees, so they
  appear only as counts (sent, accepted, overdue), never with a link to their content.
  Cancelled requests do not count.
- **The institution page** shows the same counts per team, totals only: no names of
  staff or children, no per-person rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from flask_babel import get_timezone
from sqlalchemy import and_, case, distinct, func, literal, or_, select

from observe.extensions import db
from observe.meetings.models import DevelopmentPoint
from observe.observations.models import (
    Observation,
    ObservationRequest,
    RequestInvitee,
    observation_children,
    observation_observed,
    observation_themes,
)
from observe.people.models import Child, Team, Theme, User, team_members
from observe.stories.models import Story, story_children, story_themes

PERIODS = ("30d", "90d", "year", "custom")
MAX_DAYS = 366 * 6


# -- periods -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    key: str = "custom"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end, "previous")

    def args(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def school_year_start(today: dt.date) -> dt.date:
    """The school year runs from 1 August to 31 July."""
    return dt.date(today.year if today.month >= 8 else today.year - 1, 8, 1)


def period_for(key: str | None, today: dt.date, start: dt.date | None = None,
               end: dt.date | None = None) -> Period:
    """``30d`` / ``90d``: the last 30 / 90 days including today; ``year``: the school
    year so far; ``custom``: from ``start`` to ``end`` (either may be missing)."""
    if key == "90d":
        return Period(today - dt.timedelta(days=89), today, "90d")
    if key == "year":
        return Period(school_year_start(today), today, "year")
    if key == "custom" or start or end:
        end = end or today
        start = start or end - dt.timedelta(days=29)
        if start > end:
            raise ValueError("start after end")
        if (end - start).days > MAX_DAYS:
            start = end - dt.timedelta(days=MAX_DAYS)
        return Period(start, end, "custom")
    return Period(today - dt.timedelta(days=29), today, "30d")


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight on the institution's wall clock.

    Babel hands back a pytz zone; passing that as ``tzinfo=`` gives its first entry
    (local mean time, +00:53 for Copenhagen), so the zone is re-read with zoneinfo.
    """
    tz = get_timezone()
    zone = ZoneInfo(getattr(tz, "zone", None) or str(tz))
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone)


def _obs_in(period: Period):
    return and_(Observation.occurred_at >= _day_start(period.start),
                Observation.occurred_at < _day_start(period.end + dt.timedelta(days=1)))


def _story_in(period: Period):
    return Story.occurred_on.between(period.start, period.end)


def shared_observation(team_ids):
    return and_(Observation.team_id.in_(team_ids), Observation.visibility == "team")


def shared_story(team_ids):
    return and_(Story.team_id.in_(team_ids), Story.visibility == "team")


def _flag(condition):
    return func.sum(case((condition, 1), else_=0))


# -- theme coverage ----------------------------------------------------------------------

@dataclass
class ThemeRow:
    theme_id: int
    name: str
    stories: int = 0
    observations: int = 0
    previous_stories: int = 0
    previous_observations: int = 0

    @property
    def total(self) -> int:
        return self.stories + self.observations

    @property
    def empty(self) -> bool:
        return self.total == 0


def theme_coverage(team_id: int, institution_id: int, period: Period) -> list[ThemeRow]:
    before = period.previous()
    both = Period(before.start, period.end)
    story_rows = db.session.execute(
        select(story_themes.c.theme_id, _flag(_story_in(period)), _flag(_story_in(before)))
        .join(Story, Story.id == story_themes.c.story_id)
        .where(shared_story([team_id]), _story_in(both))
        .group_by(story_themes.c.theme_id))
    obs_rows = db.session.execute(
        select(observation_themes.c.theme_id, _flag(_obs_in(period)), _flag(_obs_in(before)))
        .join(Observation, Observation.id == observation_themes.c.observation_id)
        .where(shared_observation([team_id]), _obs_in(both))
        .group_by(observation_themes.c.theme_id))
    stories = {tid: (now or 0, then or 0) for tid, now, then in story_rows}
    observations = {tid: (now or 0, then or 0) for tid, now, then in obs_rows}
    used = set(stories) | set(observations)
    themes = db.session.scalars(select(Theme).where(
        Theme.institution_id == institution_id,
        or_(Theme.active, Theme.id.in_(used) if used else literal(False)))
        .order_by(Theme.position, Theme.name))
    return [ThemeRow(t.id, t.name, stories.get(t.id, (0, 0))[0],
                     observations.get(t.id, (0, 0))[0], stories.get(t.id, (0, 0))[1],
                     observations.get(t.id, (0, 0))[1]) for t in themes]


# -- children we may be overlooking -------------------------------------------------------

@dataclass
class ChildRow:
    child_id: int
    name: str
    last_story: dt.date | None
    days_since: int | None
    stories: int
    observations: int

    @property
    def none_in_period(self) -> bool:
        return self.stories == 0


def active_children(team_id: int, today: dt.date):
    """Children of the team now: active, and not past their leaving date."""
    return and_(Child.team_id == team_id, Child.active,
                or_(Child.left_on.is_(None), Child.left_on > today))


def overlooked_children(team_id: int, period: Period, today: dt.date) -> list[ChildRow]:
    """Ordered by days since the last shared story, the never-storied first."""
    story_sq = (select(story_children.c.child_id.label("child_id"),
                       func.max(Story.occurred_on).label("last"),
                       _flag(_story_in(period)).label("n"))
                .join(Story, Story.id == story_children.c.story_id)
                .where(shared_story([team_id]), Story.occurred_on <= today)
                .group_by(story_children.c.child_id).subquery())
    obs_sq = (select(observation_children.c.child_id.label("child_id"),
                     func.count(distinct(Observation.id)).label("n"))
              .join(Observation, Observation.id == observation_children.c.observation_id)
              .where(shared_observation([team_id]), _obs_in(period))
              .group_by(observation_children.c.child_id).subquery())
    rows = db.session.execute(
        select(Child.id, Child.first_name, Child.last_initial, story_sq.c.last,
               func.coalesce(story_sq.c.n, 0), func.coalesce(obs_sq.c.n, 0))
        .outerjoin(story_sq, story_sq.c.child_id == Child.id)
        .outerjoin(obs_sq, obs_sq.c.child_id == Child.id)
        .where(active_children(team_id, today))
        .order_by(story_sq.c.last.is_not(None), story_sq.c.last, Child.first_name, Child.id))
    return [ChildRow(cid, f"{first} {initial}.", last,
                     (today - last).days if last else None, int(n_story), int(n_obs))
            for cid, first, initial, last, n_story, n_obs in rows]


# -- open practice -----------------------------------------------------------------------

@dataclass
class PracticeRow:
    user_id: int
    name: str
    given: int = 0
    received: int = 0
    requests_sent: int = 0
    requests_accepted: int = 0
    is_viewer: bool = False


def _members(team_id: int) -> list[tuple[int, str]]:
    return list(db.session.execute(
        select(User.id, User.name).join(team_members, team_members.c.user_id == User.id)
        .where(team_members.c.team_id == team_id, User.active)
        .order_by(func.lower(User.name), User.id)))


def _requests_in(period: Period):
    return and_(ObservationRequest.created_at >= _day_start(period.start),
                ObservationRequest.created_at < _day_start(period.end + dt.timedelta(days=1)))


def open_practice(team_id: int, period: Period, viewer_id: int | None) -> list[PracticeRow]:
    """Everyone in the team, alphabetically: a picture of how practice circulates."""
    rows = {uid: PracticeRow(uid, name, is_viewer=uid == viewer_id)
            for uid, name in _members(team_id)}
    shared = and_(shared_observation([team_id]), _obs_in(period))
    for uid, n in db.session.execute(select(Observation.author_id, func.count())
                                     .where(shared).group_by(Observation.author_id)):
        if uid in rows:
            rows[uid].given = n
    for uid, n in db.session.execute(
            select(observation_observed.c.user_id, func.count())
            .join(Observation, Observation.id == observation_observed.c.observation_id)
            .where(shared).group_by(observation_observed.c.user_id)):
        if uid in rows:
            rows[uid].received = n
    requests = and_(ObservationRequest.team_id == team_id,
                    ObservationRequest.status != "cancelled", _requests_in(period))
    for uid, n in db.session.execute(select(ObservationRequest.requester_id, func.count())
                                     .where(requests)
                                     .group_by(ObservationRequest.requester_id)):
        if uid in rows:
            rows[uid].requests_sent = n
    for uid, n in db.session.execute(
            select(RequestInvitee.user_id, func.count())
            .join(ObservationRequest, ObservationRequest.id == RequestInvitee.request_id)
            .where(requests, RequestInvitee.answer == "accepted")
            .group_by(RequestInvitee.user_id)):
        if uid in rows:
            rows[uid].requests_accepted = n
    if viewer_id in rows:  # the viewer's own row: also what is shared only with them
        own = and_(Observation.team_id == team_id, Observation.visibility.in_(
            ("observed", "team")), _obs_in(period))
        me = rows[viewer_id]
        me.given = db.session.scalar(select(func.count()).where(
            own, Observation.author_id == viewer_id)) or 0
        me.received = db.session.scalar(
            select(func.count()).select_from(Observation)
            .join(observation_observed,
                  observation_observed.c.observation_id == Observation.id)
            .where(own, observation_observed.c.user_id == viewer_id)) or 0
    return list(rows.values())


# -- follow-through ----------------------------------------------------------------------

@dataclass
class FollowThrough:
    points_open: int = 0
    points_done: int = 0
    requests_overdue: int = 0
    next_steps_open: int = 0
    next_steps_done: int = 0


def follow_through(team_ids: list[int], period: Period, now: dt.datetime
                   ) -> dict[int, FollowThrough]:
    """Per team: development points open/done (now), requests past their window and
    still open or accepted (now), next steps of the period's shared stories."""
    out = {tid: FollowThrough() for tid in team_ids}
    for tid, opened, done in db.session.execute(
            select(DevelopmentPoint.team_id, _flag(DevelopmentPoint.status != "done"),
                   _flag(DevelopmentPoint.status == "done"))
            .where(DevelopmentPoint.team_id.in_(team_ids))
            .group_by(DevelopmentPoint.team_id)):
        out[tid].points_open, out[tid].points_done = opened or 0, done or 0
    for tid, n in db.session.execute(
            select(ObservationRequest.team_id, func.count())
            .where(ObservationRequest.team_id.in_(team_ids),
                   ObservationRequest.status.in_(("open", "accepted")),
                   ObservationRequest.window_end < now)
            .group_by(ObservationRequest.team_id)):
        out[tid].requests_overdue = n
    for tid, opened, done in db.session.execute(
            select(Story.team_id, _flag(Story.next_steps_done.is_(False)),
                   _flag(Story.next_steps_done.is_(True)))
            .where(shared_story(team_ids), _story_in(period), Story.next_steps != "")
            .group_by(Story.team_id)):
        out[tid].next_steps_open, out[tid].next_steps_done = opened or 0, done or 0
    return out


# -- the institution page ----------------------------------------------------------------

@dataclass
class TeamSummary:
    team_id: int
    name: str
    stories: int = 0
    observations: int = 0
    themes_covered: int = 0
    themes_total: int = 0
    children: int = 0
    children_without_story: int = 0
    observations_given_by: int = 0  # distinct colleagues who wrote a shared observation
    requests_sent: int = 0
    requests_accepted: int = 0
    follow: FollowThrough = field(default_factory=FollowThrough)


def institution_summary(institution_id: int, period: Period, today: dt.date,
                        now: dt.datetime) -> list[TeamSummary]:
    teams = list(db.session.execute(select(Team.id, Team.name).where(
        Team.institution_id == institution_id, Team.active).order_by(Team.name)))
    ids = [tid for tid, _name in teams]
    out = {tid: TeamSummary(tid, name) for tid, name in teams}
    if not ids:
        return []
    themes_total = db.session.scalar(select(func.count()).select_from(Theme).where(
        Theme.institution_id == institution_id, Theme.active)) or 0
    for tid, n in db.session.execute(select(Story.team_id, func.count()).where(
            shared_story(ids), _story_in(period)).group_by(Story.team_id)):
        out[tid].stories = n
    for tid, n, authors in db.session.execute(
            select(Observation.team_id, func.count(),
                   func.count(distinct(Observation.author_id)))
            .where(shared_observation(ids), _obs_in(period)).group_by(Observation.team_id)):
        out[tid].observations, out[tid].observations_given_by = n, authors
    covered: dict[int, set] = {tid: set() for tid in ids}
    for tid, theme_id in db.session.execute(
            select(Story.team_id, story_themes.c.theme_id).distinct()
            .join(story_themes, story_themes.c.story_id == Story.id)
            .join(Theme, and_(Theme.id == story_themes.c.theme_id, Theme.active))
            .where(shared_story(ids), _story_in(period))):
        covered[tid].add(theme_id)
    for tid, theme_id in db.session.execute(
            select(Observation.team_id, observation_themes.c.theme_id).distinct()
            .join(observation_themes, observation_themes.c.observation_id == Observation.id)
            .join(Theme, and_(Theme.id == observation_themes.c.theme_id, Theme.active))
            .where(shared_observation(ids), _obs_in(period))):
        covered[tid].add(theme_id)
    current = and_(Child.team_id.in_(ids), Child.active,
                   or_(Child.left_on.is_(None), Child.left_on > today))
    for tid, n in db.session.execute(select(Child.team_id, func.count()).where(current)
                                     .group_by(Child.team_id)):
        out[tid].children = n
    with_story = dict(db.session.execute(
        select(Child.team_id, func.count(distinct(Child.id)))
        .join(story_children, story_children.c.child_id == Child.id)
        .join(Story, and_(Story.id == story_children.c.story_id,
                          Story.team_id == Child.team_id))
        .where(current, Story.visibility == "team", _story_in(period))
        .group_by(Child.team_id)).all())
    requests = and_(ObservationRequest.team_id.in_(ids),
                    ObservationRequest.status != "cancelled", _requests_in(period))
    for tid, n in db.session.execute(select(ObservationRequest.team_id, func.count())
                                     .where(requests).group_by(ObservationRequest.team_id)):
        out[tid].requests_sent = n
    for tid, n in db.session.execute(
            select(ObservationRequest.team_id, func.count())
            .join(RequestInvitee, RequestInvitee.request_id == ObservationRequest.id)
            .where(requests, RequestInvitee.answer == "accepted")
            .group_by(ObservationRequest.team_id)):
        out[tid].requests_accepted = n
    follow = follow_through(ids, period, now)
    for tid, summary in out.items():
        summary.themes_total = themes_total
        summary.themes_covered = len(covered[tid])
        summary.children_without_story = summary.children - with_story.get(tid, 0)
        summary.follow = follow[tid]
    return list(out.values())


# -- one bundle per page -----------------------------------------------------------------

def period_from_args(args, today: dt.date) -> Period:
    """The period of a request's ``?period=&from=&to=`` (raises ValueError)."""
    key = args.get("period") or None
    if key is not None and key not in PERIODS:
        raise ValueError("period")
    start = dt.date.fromisoformat(args["from"]) if args.get("from") else None
    end = dt.date.fromisoformat(args["to"]) if args.get("to") else None
    if key in ("30d", "90d", "year"):
        start = end = None
    return period_for(key, today, start, end)


@dataclass
class TeamFigures:
    team: Team
    period: Period
    themes: list[ThemeRow]
    children: list[ChildRow]
    practice: list[PracticeRow]
    follow: FollowThrough


def team_figures(team: Team, period: Period, viewer_id: int | None, today: dt.date,
                 now: dt.datetime) -> TeamFigures:
    return TeamFigures(
        team=team, period=period,
        themes=theme_coverage(team.id, team.institution_id, period),
        children=overlooked_children(team.id, period, today),
        practice=open_practice(team.id, period, viewer_id),
        follow=follow_through([team.id], period, now)[team.id])
