"""A small institution for search tests: two teams, every role, and records in every
visibility, created through the real observation and story services."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from observe.extensions import db
from observe.observations import services as obs_services
from observe.search import index, writer
from observe.stories import services as story_services


@pytest.fixture(autouse=True)
def _close_search(app):
    yield
    writer.wait_idle(app, timeout=10)
    index.close_searchers(app)


def observation(author, body, observed, visibility="observed", share_by=None, **extra):
    data = {"body": body, "observed_ids": [u.id for u in observed],
            "visibility": "private" if visibility == "private" else "observed", **extra}
    obs = obs_services.create_observation(author, data)
    db.session.commit()
    if visibility == "team":
        obs_services.share_observation(obs, share_by or observed[0])
        db.session.commit()
    return obs


def story(author, title, text, children, visibility="team", team=None, **extra):
    data = {"title": title, "story": text, "child_ids": [c.id for c in children],
            "visibility": visibility, "occurred_on": extra.pop("occurred_on", "2025-03-03"),
            **extra}
    if team is not None:
        data["team_id"] = team.id
    record = story_services.create_story(author, data)
    db.session.commit()
    return record


@pytest.fixture
def world(f):
    """Roles: author, observed, same-team colleague, other team, leader (other team),
    admin (no team), and a colleague of another institution."""
    inst = f.default_institution
    team_a, team_b = f.team("Solstuen"), f.team("Månestuen")
    w = SimpleNamespace(inst=inst, team_a=team_a, team_b=team_b)
    w.author = f.user(teams=[team_a], name="Anne Forfatter")
    w.observed = f.user(teams=[team_a], name="Bo Observeret")
    w.same_team = f.user(teams=[team_a], name="Carla Kollega")
    w.other_team = f.user(teams=[team_b], name="Dorte Andenstue")
    w.leader = f.user(role="leader", teams=[team_b], name="Lene Leder")
    w.admin = f.user(role="admin", name="Adam Admin")
    other_inst = f.institution("Skovbørnehaven")
    w.foreign_team = f.team("Egernstuen", institution=other_inst)
    w.foreign = f.user(teams=[w.foreign_team], institution=other_inst, name="Frida Fremmed")
    w.foreign2 = f.user(teams=[w.foreign_team], institution=other_inst, name="Gert Fremmed")
    w.child = f.child(team=team_a, first_name="Sofie")
    w.roles = ["author", "observed", "same_team", "other_team", "leader", "admin", "foreign"]
    return w


def days_ago(n: int) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=n)).isoformat()
