"""A small institution for the observation tests: two teams, the people of the
permission matrix, and helpers to build observations and requests through services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from observe.db import utcnow
from observe.extensions import db
from observe.observations import request_services, services
from observe.people.models import Team, User
from tests.api.conftest import bearer  # noqa: F401  (the API tests' token helper)


@dataclass
class Cast:
    team: Team
    other_team: Team
    author: User
    observed: User
    teammate: User
    outsider: User  # same institution, other team
    leader: User
    admin: User
    stranger: User  # another institution, on a team of the same name

    def by_role(self, role: str) -> User:
        return getattr(self, role)


ROLES = ("author", "observed", "teammate", "outsider", "leader", "admin", "stranger")


@pytest.fixture
def cast(f) -> Cast:
    team, other_team = f.team("Solsikken"), f.team("Regnbuen")
    elsewhere = f.institution("Skovbørnehaven")
    return Cast(
        team=team, other_team=other_team,
        author=f.user(teams=[team], name="Anne Author"),
        observed=f.user(teams=[team], name="Ole Observed"),
        teammate=f.user(teams=[team], name="Tina Teammate"),
        outsider=f.user(teams=[other_team], name="Otto Outsider"),
        # Leaders and admins of the institution, not members of the team: no back door.
        leader=f.user(role="leader", name="Lene Leader"),
        admin=f.user(role="admin", name="Adam Admin"),
        stranger=f.user(teams=[f.team("Solsikken", institution=elsewhere)],
                        institution=elsewhere, name="Sara Stranger"),
    )


@pytest.fixture
def make_observation(cast):
    def _make(visibility="observed", author=None, observed=None, **data):
        author = author or cast.author
        values = {"observed_ids": [(observed or cast.observed).id], "team_id": cast.team.id,
                  "situation": "samling", "body": "Hun ventede, til alle sad ned.",
                  "visibility": "private" if visibility == "private" else "observed", **data}
        obs = services.create_observation(author, values)
        if visibility == "team":
            services.share_observation(obs, observed or cast.observed)
        db.session.commit()
        return obs

    return _make


@pytest.fixture
def make_request(cast):
    def _make(requester=None, invitees=None, start_in=dt.timedelta(days=1),
              length=dt.timedelta(hours=2), now=None, **data):
        start = utcnow() + start_in
        values = {"invitee_ids": [u.id for u in (invitees or [cast.author])],
                  "team_id": cast.team.id, "focus": "Hvordan får de stille børn ordet?",
                  "situation": "samling", "window_start": start,
                  "window_end": start + length, **data}
        req = request_services.create_request(requester or cast.observed, values,
                                              now=now or (start - dt.timedelta(days=1)))
        db.session.commit()
        return req

    return _make
