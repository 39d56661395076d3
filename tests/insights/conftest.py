"""A hand-counted team for the insights tests.

Period under test: 1-31 March 2024 (custom), previous period 30 January - 29 February.
Team "Solsikken": Alice (the usual viewer), Bo, Carl. Children: Freja, Ida, Noah (no
story ever), Malik (has left). Counts are written beside each record below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from observe.extensions import db
from observe.meetings.models import DevelopmentPoint, Meeting
from observe.observations.models import Observation, ObservationRequest, RequestInvitee
from observe.people.models import Theme
from observe.stories.models import Story

CPH = ZoneInfo("Europe/Copenhagen")
PERIOD = {"period": "custom", "from": "2024-03-01", "to": "2024-03-31"}


def local(y, m, d, h=10, mi=0):
    return dt.datetime(y, m, d, h, mi, tzinfo=CPH)


def story(author, team, day, children, themes, visibility="team", next_steps="",
          done=False):
    s = Story(institution_id=team.institution_id, author_id=author.id, team_id=team.id,
              occurred_on=day, title="Historie", story="Hun byggede et tårn.",
              visibility=visibility, next_steps=next_steps, next_steps_done=done,
              children=list(children), themes=list(themes))
    db.session.add(s)
    return s


def observation(author, observed, team, when, themes=(), children=(), visibility="team"):
    o = Observation(institution_id=team.institution_id, author_id=author.id, team_id=team.id,
                    occurred_at=when, body="Under samlingen ventede hun.",
                    visibility=visibility, observed=list(observed), themes=list(themes),
                    children=list(children))
    db.session.add(o)
    return o


@dataclass
class World:
    team: object
    other: object
    alice: object
    bo: object
    carl: object
    dora: object
    leader: object
    admin: object
    freja: object
    ida: object
    noah: object
    malik: object
    social: object
    language: object


@pytest.fixture
def world(f):
    inst = f.default_institution
    team = f.team("Solsikken")
    other = f.team("Regnbuen")
    alice = f.user(name="Alice Ås", teams=[team], email="alice@example.dk")
    bo = f.user(name="Bo Bæk", teams=[team], email="bo@example.dk")
    carl = f.user(name="Carl Ørum", teams=[team], email="carl@example.dk")
    dora = f.user(name="Dora Dahl", teams=[other], email="dora@example.dk")
    leader = f.user(role="leader", name="Lars Leder", email="lars@example.dk")
    admin = f.user(role="admin", name="Anna Admin", email="anna@example.dk")
    for user in (alice, bo, carl, dora, leader, admin):
        user.language = "en"
    themes = {t.name: t for t in db.session.scalars(
        select(Theme).where(Theme.institution_id == inst.id))}
    social, language = themes["Social udvikling"], themes["Kommunikation og sprog"]
    freja = f.child(team, first_name="Freja")
    ida = f.child(team, first_name="Ida")
    noah = f.child(team, first_name="Noah")
    malik = f.child(team, first_name="Malik")
    malik.active, malik.left_on = False, dt.date(2024, 3, 20)
    day = dt.date
    # Stories. Period: social 2 (s1, s2), language 2 (s2, s7); previous: language 1 (s4).
    story(alice, team, day(2024, 3, 1), [freja], [social],  # s1: first day counts
          next_steps="Vi giver hende klodser ved bordet.")
    story(bo, team, day(2024, 3, 31), [freja, ida], [social, language],  # s2: last day
          next_steps="Vi læser bogen igen.", done=True)
    story(bo, team, day(2024, 4, 1), [ida], [social])  # s3: after: Ida's last story
    story(alice, team, day(2024, 2, 29), [ida], [language])  # s4: previous period
    story(bo, team, day(2024, 3, 15), [ida], [social], visibility="private")  # s5: draft
    story(dora, other, day(2024, 3, 10), [], [social])  # s6: another team
    story(alice, team, day(2024, 3, 5), [malik], [language])  # s7: Malik has left
    # Observations. Period: social 1 (o1), language 1 (o2).
    observation(alice, [bo], team, local(2024, 3, 1, 0, 30), [social], [freja])  # o1
    observation(bo, [alice], team, local(2024, 3, 31, 23, 30), [language])  # o2
    observation(bo, [carl], team, local(2024, 4, 1, 0, 30), [social])  # o3: after
    observation(carl, [alice], team, local(2024, 3, 10), [social],  # o4: observed only
                visibility="observed")
    observation(alice, [bo], team, local(2024, 3, 12), [language],  # o5: private draft
                visibility="private")
    # Requests: Alice sent one (Bo accepted), Bo's was cancelled.
    r1 = ObservationRequest(institution_id=inst.id, requester_id=alice.id, team_id=team.id,
                            focus="Garderoben", window_start=local(2024, 3, 5, 8),
                            window_end=local(2024, 3, 6, 16), status="accepted",
                            created_at=local(2024, 3, 4))
    r1.invitations = [RequestInvitee(user_id=bo.id, answer="accepted")]
    r2 = ObservationRequest(institution_id=inst.id, requester_id=bo.id, team_id=team.id,
                            focus="Frokost", window_start=local(2024, 3, 5, 8),
                            window_end=local(2024, 3, 6, 16), status="cancelled",
                            created_at=local(2024, 3, 4))
    r2.invitations = [RequestInvitee(user_id=alice.id, answer="pending")]
    db.session.add_all([r1, r2])
    # Development points: one open, one done.
    meeting = Meeting(institution_id=inst.id, team_id=team.id, facilitator_id=alice.id,
                      title="Refleksionsmøde", starts_at=local(2024, 3, 20, 14),
                      phase="done")
    db.session.add(meeting)
    db.session.flush()
    for title, status in (("Vent fem sekunder", "open"), ("Sang ved samling", "done")):
        db.session.add(DevelopmentPoint(institution_id=inst.id, meeting_id=meeting.id,
                                        team_id=team.id, title=title, status=status))
    db.session.commit()
    return World(team, other, alice, bo, carl, dora, leader, admin, freja, ida, noah,
                 malik, social, language)


@pytest.fixture
def as_user(app, login):
    """``as_user(user)`` -> a fresh logged-in test client."""

    def _as(user):
        return login(user, c=app.test_client())

    return _as
