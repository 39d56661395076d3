"""Demo observations and "kom og kig med" requests for the demo institutions.

A living team: about twenty observations per daycare stue and a few at the school,
varied situations, themes and visibility (shared with the team, with the observed
colleague only, private drafts), reflections from the observed colleagues, comments,
and requests in every state (open, accepted, overdue, declined, cancelled, done).
Deterministic: texts come from ``demo_texts`` and choices from ``ctx.rng``; dates are
relative to ``ctx.today``. Rows are built directly (not through the services) because
the demo needs the past: overdue windows and answered requests.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select

from observe.extensions import db
from observe.observations import demo_texts as texts
from observe.observations.models import (
    Observation,
    ObservationComment,
    ObservationRequest,
    RequestInvitee,
)
from observe.people.models import Theme, User

TZ = ZoneInfo("Europe/Copenhagen")
PER_DAYCARE_TEAM = 20
PER_SCHOOL_TEAM = 3


def _at(ctx, days_ago: int, hour: int, minute: int = 0) -> dt.datetime:
    day = ctx.today - dt.timedelta(days=days_ago)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def _members(ctx, team_key: str) -> list[User]:
    team_id = ctx.teams[team_key].id
    return [u for u in ctx.users.values() if team_id in u.team_ids]


def _themes(institution_id: int) -> dict[str, Theme]:
    return {t.name: t for t in db.session.scalars(
        select(Theme).where(Theme.institution_id == institution_id))}


def _observation(ctx, team_key, scenario, author, observed, children, themes, when,
                 visibility) -> Observation:
    situation, theme_names, focus, body, interpretation, wonderings = scenario
    names = {"a": observed.name.split()[0]}
    names.update({f"c{i + 1}": child.first_name for i, child in enumerate(children)})
    obs = Observation(
        institution_id=author.institution_id, author_id=author.id, author=author,
        team_id=ctx.teams[team_key].id, occurred_at=when, situation=situation,
        focus=focus, body=body.format(**names), interpretation=interpretation.format(**names),
        wonderings=wonderings.format(**names), visibility=visibility, observed=[observed],
        themes=[themes[n] for n in theme_names if n in themes], children=list(children),
        created_at=when + dt.timedelta(hours=2), updated_at=when + dt.timedelta(hours=2))
    db.session.add(obs)
    return obs


def _team_observations(ctx, team_key, scenarios, count, themes) -> list[Observation]:
    rng = ctx.rng
    members = _members(ctx, team_key)
    children = [c for c in ctx.children_of(team_key) if c.active]
    made = []
    for index in range(count):
        author, observed = rng.sample(members, 2)
        scenario = scenarios[(index + len(made) // 3 + len(team_key)) % len(scenarios)]
        picked = rng.sample(children, 3)
        roll = rng.random()
        visibility = "team" if roll < 0.5 else "observed" if roll < 0.85 else "private"
        when = _at(ctx, rng.randint(1, 90), rng.choice((8, 9, 10, 11, 12, 14)),
                   rng.choice((0, 15, 30, 45)))
        obs = _observation(ctx, team_key, scenario, author, observed, picked, themes, when,
                           visibility)
        if visibility != "private" and rng.random() < 0.55:
            obs.response = rng.choice(texts.RESPONSES)
            obs.response_by_id = observed.id
            obs.response_at = when + dt.timedelta(days=1)
        if visibility == "team" and rng.random() < 0.45:
            commenter = rng.choice([m for m in members if m.id != author.id])
            db.session.add(ObservationComment(
                observation=obs, author_id=commenter.id, body=rng.choice(texts.COMMENTS),
                created_at=when + dt.timedelta(days=1, hours=3)))
        made.append(obs)
    return made


# (requester, invitees, team, focus index, days from today (negative: past), status,
#  answers); the first two land in Anne's inbox, so the demo shows a count at once.
REQUESTS = (
    ("soeren", ("anne",), "solsikken", 0, 2, "open", ("pending",)),
    ("camilla", ("anne", "jonas"), "solsikken", 2, 4, "accepted", ("accepted", "pending")),
    ("anne", ("soeren",), "solsikken", 3, -4, "accepted", ("accepted",)),  # overdue
    ("maja", ("rasmus", "katrine"), "regnbuen", 1, 3, "open", ("declined", "pending")),
    ("birgitte", ("maja",), "regnbuen", 6, -2, "open", ("pending",)),  # overdue
    ("rasmus", ("birgitte",), "regnbuen", 4, 6, "declined", ("declined",)),
    ("sanne", ("mikkel",), "mariehoenen", 5, 1, "cancelled", ("pending",)),
    ("hanne", ("sanne", "fatima"), "mariehoenen", 8, -10, "done", ("accepted", "pending")),
    ("mikkel", ("hanne",), "mariehoenen", 7, -6, "done", ("accepted",)),
    ("louise", ("torben",), "2a", 9, 5, "accepted", ("accepted",)),
)


def _requests(ctx, themes_by_institution) -> None:
    for (requester, invitees, team_key, focus_index, days, status,
         answers) in REQUESTS:
        situation, focus = texts.REQUEST_FOCI[focus_index]
        start = _at(ctx, -days, 9, 30)
        req = ObservationRequest(
            institution_id=ctx.users[requester].institution_id,
            requester_id=ctx.users[requester].id, team_id=ctx.teams[team_key].id,
            focus=focus, situation=situation, window_start=start,
            window_end=start + dt.timedelta(hours=2), status=status,
            created_at=start - dt.timedelta(days=5), updated_at=start - dt.timedelta(days=4),
            invitations=[RequestInvitee(
                user_id=ctx.users[key].id, answer=answer,
                message="Jeg kommer efter formiddagsmaden." if answer == "accepted" else
                "Jeg har åbnevagt den uge, desværre." if answer == "declined" else "",
                answered_at=start - dt.timedelta(days=4) if answer != "pending" else None)
                for key, answer in zip(invitees, answers, strict=True)])
        db.session.add(req)
        if status == "done":
            observer = ctx.users[invitees[0]]
            scenario = next(s for s in texts.DAYCARE if s[0] == situation
                            or situation == "Eftermiddagsfrugt" and s[0] == "frokost")
            scenario = (situation, scenario[1], focus, *scenario[3:])
            children = ctx.rng.sample([c for c in ctx.children_of(team_key) if c.active], 3)
            obs = _observation(ctx, team_key, scenario, observer, ctx.users[requester],
                               children, themes_by_institution[req.institution_id],
                               start + dt.timedelta(minutes=40), "observed")
            obs.request = req


def seed_observations(ctx) -> None:
    """Observations on every demo team, and requests in every state."""
    daycare, school = ctx.institutions["daycare"], ctx.institutions["school"]
    themes = {daycare.id: _themes(daycare.id), school.id: _themes(school.id)}
    for team_key in ("solsikken", "regnbuen", "mariehoenen"):
        _team_observations(ctx, team_key, texts.DAYCARE, PER_DAYCARE_TEAM, themes[daycare.id])
    for team_key in ("2a", "5b"):
        _team_observations(ctx, team_key, texts.SCHOOL, PER_SCHOOL_TEAM, themes[school.id])
    _requests(ctx, themes)
    db.session.flush()
