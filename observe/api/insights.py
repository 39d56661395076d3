"""/insights: the figures of the insights pages as JSON, with the same rules.

``GET /insights/teams/<id>`` answers for members of the team (anyone else: 404, as the
page); ``GET /insights/institution`` answers leaders and admins (anyone else: 403, the
endpoint's existence is no secret). Both take ``?period=30d|90d|year|custom`` and/or
``?from=&to=`` (``YYYY-MM-DD``). What counts is decided once, in
``observe.insights.queries``. Self-evaluation answers are not exposed here at all.
"""

from __future__ import annotations

import datetime as dt

from flask import request
from flask_babel import gettext as _

from observe import permissions
from observe.api import bp
from observe.api import openapi as doc
from observe.api.helpers import api_error, visible_or_404
from observe.db import utcnow
from observe.insights import queries
from observe.people.models import Team


def _period() -> queries.Period:
    try:
        return queries.period_from_args(request.args, dt.date.today())
    except ValueError:
        api_error(400, "bad_request", _("A query parameter has a bad value."),
                  {"period": _("Use period=30d|90d|year|custom, and from/to as YYYY-MM-DD "
                               "with from before to.")})


def _period_json(period: queries.Period) -> dict:
    previous = period.previous()
    return {"key": period.key, "from": period.start.isoformat(), "to": period.end.isoformat(),
            "previous_from": previous.start.isoformat(), "previous_to": previous.end.isoformat()}


def _follow_json(f: queries.FollowThrough) -> dict:
    return {"development_points_open": f.points_open, "development_points_done": f.points_done,
            "requests_overdue": f.requests_overdue, "next_steps_open": f.next_steps_open,
            "next_steps_done": f.next_steps_done}


@bp.get("/insights/teams/<int:team_id>")
def insights_team(team_id: int):
    team = visible_or_404(Team, team_id)
    if not permissions.can_view_team_insights(team):
        api_error(404, "not_found", _("We could not find that page"))
    from flask_login import current_user

    period = _period()
    fig = queries.team_figures(team, period, current_user.id, dt.date.today(), utcnow())
    return {
        "team_id": team.id, "period": _period_json(period),
        "themes": [{"theme_id": r.theme_id, "name": r.name, "stories": r.stories,
                    "observations": r.observations, "previous_stories": r.previous_stories,
                    "previous_observations": r.previous_observations} for r in fig.themes],
        "children": [{"child_id": r.child_id, "name": r.name,
                      "last_story_on": r.last_story.isoformat() if r.last_story else None,
                      "days_since_last_story": r.days_since, "stories": r.stories,
                      "observations": r.observations} for r in fig.children],
        "practice": [{"user_id": r.user_id, "name": r.name, "observations_given": r.given,
                      "observations_received": r.received,
                      "requests_sent": r.requests_sent,
                      "requests_accepted": r.requests_accepted, "is_you": r.is_viewer}
                     for r in fig.practice],
        "follow_through": _follow_json(fig.follow),
    }


@bp.get("/insights/institution")
def insights_institution():
    if not permissions.can_view_institution_insights():
        api_error(403, "forbidden", _("Only leaders can see the institution's figures."))
    from flask_login import current_user

    period = _period()
    rows = queries.institution_summary(current_user.institution_id, period, dt.date.today(),
                                       utcnow())
    return {"period": _period_json(period), "teams": [{
        "team_id": s.team_id, "name": s.name, "stories": s.stories,
        "observations": s.observations, "themes_covered": s.themes_covered,
        "themes_total": s.themes_total, "children": s.children,
        "children_without_story": s.children_without_story,
        "colleagues_who_observed": s.observations_given_by,
        "requests_sent": s.requests_sent, "requests_accepted": s.requests_accepted,
        **_follow_json(s.follow)} for s in rows]}


# -- OpenAPI -----------------------------------------------------------------------------

_INT = {"type": "integer"}
_STR = {"type": "string"}
_DATE = {"type": "string", "format": "date"}


def _obj(props: dict, nullable=()) -> dict:
    properties = {k: ({"type": [v["type"], "null"], **{x: y for x, y in v.items() if x != "type"}}
                      if k in nullable else v) for k, v in props.items()}
    return {"type": "object", "required": list(props), "properties": properties}


FOLLOW = {"development_points_open": _INT, "development_points_done": _INT,
          "requests_overdue": _INT, "next_steps_open": _INT, "next_steps_done": _INT}
doc.add_tag("insights", "Figures for data-informed dialogue: what each team has shared "
                        "with itself (private drafts never count).")
doc.add_schema("InsightsPeriod", _obj({
    "key": {"type": "string", "enum": list(queries.PERIODS)}, "from": _DATE, "to": _DATE,
    "previous_from": _DATE, "previous_to": _DATE}))
doc.add_schema("TeamInsights", _obj({
    "team_id": _INT, "period": doc.ref("InsightsPeriod"),
    "themes": {"type": "array", "items": _obj({
        "theme_id": _INT, "name": _STR, "stories": _INT, "observations": _INT,
        "previous_stories": _INT, "previous_observations": _INT})},
    "children": {"type": "array", "description": "Active children, longest since their "
                 "last learning story first (never first).", "items": _obj({
                     "child_id": _INT, "name": _STR, "last_story_on": _DATE,
                     "days_since_last_story": _INT, "stories": _INT, "observations": _INT},
                     nullable=("last_story_on", "days_since_last_story"))},
    "practice": {"type": "array", "description": "Team members in alphabetical order.",
                 "items": _obj({"user_id": _INT, "name": _STR, "observations_given": _INT,
                                "observations_received": _INT, "requests_sent": _INT,
                                "requests_accepted": _INT, "is_you": {"type": "boolean"}})},
    "follow_through": _obj(FOLLOW)}))
doc.add_schema("InstitutionInsights", _obj({
    "period": doc.ref("InsightsPeriod"),
    "teams": {"type": "array", "items": _obj({
        "team_id": _INT, "name": _STR, "stories": _INT, "observations": _INT,
        "themes_covered": _INT, "themes_total": _INT, "children": _INT,
        "children_without_story": _INT, "colleagues_who_observed": _INT,
        "requests_sent": _INT, "requests_accepted": _INT, **FOLLOW})}}))
PERIOD_PARAMS = [
    doc.query_param("period", {"type": "string", "enum": list(queries.PERIODS)},
                    "30d (default), 90d, year (school year from 1 August) or custom."),
    doc.query_param("from", _DATE, "First day of a custom period (inclusive)."),
    doc.query_param("to", _DATE, "Last day of a custom period (inclusive; default today)."),
]
doc.add_path("/insights/teams/{team_id}", "get", doc.operation(
    "A team's figures", tag="insights", response="TeamInsights", path_params=["team_id"],
    params=PERIOD_PARAMS, description="For members of the team; anyone else gets 404."))
doc.add_path("/insights/institution", "get", doc.operation(
    "Counts per team, side by side (leaders and admins)", tag="insights",
    response="InstitutionInsights", params=PERIOD_PARAMS))
