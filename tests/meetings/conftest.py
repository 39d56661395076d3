"""A team with a facilitator, colleagues and people outside it, and helpers that build
observations, stories and meetings through the same services the pages use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from observe.db import utcnow
from observe.extensions import db
from observe.meetings import services as meetings
from observe.observations import services as observations
from observe.people.models import Child, Team, User
from observe.stories import services as stories
from tests.api.conftest import bearer  # noqa: F401  (the API tests' token helper)


@dataclass
class Cast:
    team: Team
    other_team: Team
    facilitator: User  # a resource person on the team
    author: User  # writes the observations
    observed: User
    teammate: User
    leader: User  # a leader who is on the team: still no back door
    admin: User  # not on the team
    outsider: User  # same institution, other team
    child: Child


@pytest.fixture
def cast(f) -> Cast:
    team, other_team = f.team("Solsikken"), f.team("Regnbuen")
    return Cast(
        team=team, other_team=other_team,
        facilitator=f.user(role="resource", teams=[team], name="Mette Facilitator"),
        author=f.user(teams=[team], name="Anne Author"),
        observed=f.user(teams=[team], name="Ole Observed"),
        teammate=f.user(teams=[team], name="Tina Teammate"),
        leader=f.user(role="leader", teams=[team], name="Lars Leader"),
        admin=f.user(role="admin", name="Adam Admin"),
        outsider=f.user(teams=[other_team], name="Otto Outsider"),
        child=f.child(team=team, first_name="Malik"),
    )


@pytest.fixture
def make_observation(cast):
    def _make(visibility="team", body="Malik afbrød, og hun sagde: 'Du får ordet lige efter Ida.'"):
        obs = observations.create_observation(cast.author, {
            "observed_ids": [cast.observed.id], "team_id": cast.team.id,
            "situation": "samling", "body": body, "focus": "Hvordan venter vi på hinanden?",
            "child_ids": [cast.child.id],
            "visibility": "private" if visibility == "private" else "observed"})
        if visibility == "team":
            observations.share_observation(obs, cast.observed)
        db.session.commit()
        return obs

    return _make


@pytest.fixture
def make_story(cast):
    def _make(visibility="team", author=None):
        story = stories.create_story(author or cast.author, {
            "title": "Malik bygger et tårn", "story": "Malik byggede et tårn af klodser.",
            "child_ids": [cast.child.id], "team_id": cast.team.id, "visibility": visibility})
        db.session.commit()
        return story

    return _make


@pytest.fixture
def make_meeting(cast):
    def _make(days=7, title="Refleksionsmøde om samling", phase="prepare", **data):
        meeting = meetings.create_meeting(cast.facilitator, {
            "team_id": cast.team.id, "title": title, "focus": "Hvordan venter vi?",
            "starts_at": utcnow() + dt.timedelta(days=days), **data})
        meeting.phase = phase
        db.session.commit()
        return meeting

    return _make


def post_ok(client, url, data=None, **kwargs):
    response = client.post(url, data=data or {}, **kwargs)
    assert response.status_code in (200, 204, 302), (response.status_code,
                                                      response.data[:800])
    return response
