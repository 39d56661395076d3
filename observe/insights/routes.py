"""Insights pages: a team's figures (members of the team), the institution side by
side (leaders and admins, counts only), and the CSV exports of each table.

Routes are thin: the team is loaded through the permission module (not a member: 404),
the period is read from the query string, ``queries.team_figures`` counts (see its
docstring for what counts), the template draws. Every figure links to a pre-filled
search (``/search?team=&kind=&theme=&child=&author=&from=&to=``) showing the records
behind it; request counts have no such link (requests are private to those involved).
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from observe import permissions
from observe.db import utcnow
from observe.insights import charts, queries, services, tables
from observe.insights.csv import csv_response
from observe.insights.selfeval.forms import AddToMeetingForm
from observe.people.models import Team
from observe.validation import ValidationError

bp = Blueprint("insights", __name__, url_prefix="/insights")


def today() -> dt.date:
    return dt.date.today()


def _period():
    try:
        return queries.period_from_args(request.args, today()), None
    except ValueError:
        return queries.period_for(None, today()), _(
            "The period could not be read; showing the last 30 days.")


def _team_or_404(team_id: int) -> Team:
    team = permissions.get_visible_or_404(Team, team_id)
    if not permissions.can_view_team_insights(team):
        abort(404)
    return team


def search_url(period: queries.Period | None = None, **params) -> str:
    """A pre-filled search; ``None`` values are left out."""
    args = {k: v for k, v in params.items() if v is not None}
    if period is not None:
        args.update(period.args())
    args.setdefault("sort", "newest")
    return url_for("search.page", **args)


@bp.get("/")
def index():
    teams = [t for t in current_user.teams if t.active]
    institution = permissions.can_view_institution_insights()
    if len(teams) == 1 and not institution:
        return redirect(url_for(".team", team_id=teams[0].id))
    return render_template("insights/index.html", teams=teams, institution=institution)


def _chart(fig: queries.TeamFigures):
    labels = [r.name for r in fig.themes]
    series = [charts.Series(_("Learning stories"), "current"),
              charts.Series(_("Learning stories, previous period"), "previous"),
              charts.Series(_("Observations"), "observations"),
              charts.Series(_("Observations, previous period"), "observations-previous")]
    values = [[r.stories for r in fig.themes], [r.previous_stories for r in fig.themes],
              [r.observations for r in fig.themes],
              [r.previous_observations for r in fig.themes]]
    empty = frozenset(i for i, r in enumerate(fig.themes) if r.empty)
    desc = "; ".join(_("%(theme)s: %(s)d stories, %(o)d observations",
                       theme=r.name, s=r.stories, o=r.observations) for r in fig.themes)
    return charts.bar_chart(_("Theme coverage %(start)s to %(end)s",
                              start=fig.period.start.isoformat(),
                              end=fig.period.end.isoformat()),
                            desc, labels, series, values, chart_id="themes-chart",
                            empty_labels=empty)


@bp.get("/teams/<int:team_id>")
def team(team_id: int):
    team = _team_or_404(team_id)
    period, period_error = _period()
    fig = queries.team_figures(team, period, current_user.id, today(), utcnow())
    meetings = services.upcoming_meetings(team, current_user)
    return render_template(
        "insights/team.html", team=team, fig=fig, period=period, period_error=period_error,
        chart=_chart(fig), search_url=search_url, today=today(),
        meeting_form=AddToMeetingForm(meetings=meetings) if meetings else None,
        previous=period.previous())


@bp.get("/teams/<int:team_id>/<table>.csv")
def team_csv(team_id: int, table: str):
    team = _team_or_404(team_id)
    if table not in tables.BUILDERS:
        abort(404)
    period, _error = _period()
    fig = queries.team_figures(team, period, current_user.id, today(), utcnow())
    header, rows = tables.BUILDERS[table](fig)
    name = f"{table}-{team.name}-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    return csv_response(_safe_filename(name), header, rows)


def _safe_filename(name: str) -> str:
    """An ASCII file name for Content-Disposition (the content keeps æøå)."""
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
    name = name.translate(table)
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "-" for c in name)


@bp.post("/teams/<int:team_id>/meeting")
def add_to_meeting(team_id: int):
    team = _team_or_404(team_id)
    period, _error = _period()
    form = AddToMeetingForm(meetings=services.upcoming_meetings(team, current_user))
    view = url_for(".team", team_id=team.id, period=period.key, **period.args())
    if form.validate():
        try:
            meeting, _item = services.add_view_to_meeting(
                team, current_user, form.meeting_id.data,
                _("Insights %(team)s, %(start)s to %(end)s", team=team.name,
                  start=period.start.isoformat(), end=period.end.isoformat()),
                view, form.question.data)
        except ValidationError as exc:
            flash(" ".join(exc.fields.values()), "error")
            return redirect(view), 303
        flash(_("Added to the agenda of %(title)s.", title=meeting.title), "success")
        return redirect(view)
    flash(_("Choose a meeting."), "error")
    return redirect(view), 303


@bp.get("/institution")
def institution():
    if not permissions.can_view_institution_insights():
        abort(404)
    period, period_error = _period()
    rows = queries.institution_summary(current_user.institution_id, period, today(),
                                       utcnow())
    header, body = tables.institution(rows)
    return render_template("insights/institution.html", period=period, rows=rows,
                           header=header, body=body, period_error=period_error)


@bp.get("/institution.csv")
def institution_csv():
    if not permissions.can_view_institution_insights():
        abort(404)
    period, _error = _period()
    rows = queries.institution_summary(current_user.institution_id, period, today(),
                                       utcnow())
    header, body = tables.institution(rows)
    return csv_response(f"institution-{period.start.isoformat()}-{period.end.isoformat()}.csv",
                        header, body)
