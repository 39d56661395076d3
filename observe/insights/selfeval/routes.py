"""Self-evaluation pages: the team's rounds, the private answer sheet, the results.

Routes are thin: load through the permission module (a round of another team is a 404),
call one service, redirect. Nothing here shows who answered what: the answer sheet is
only ever the viewer's own (and is not shown again after it is handed in), the results
are counts per statement of a closed round, and the export is the same counts.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from observe import permissions
from observe.insights import services as insight_services
from observe.insights.csv import csv_response
from observe.insights.selfeval import services
from observe.insights.selfeval.defaults import characteristic_labels, scale_labels
from observe.insights.selfeval.forms import (
    AddToMeetingForm,
    LinkPointForm,
    OpenRoundForm,
    StatementForm,
)
from observe.insights.selfeval.models import MIN_ANSWERS, SCALE, PlfStatement, SelfEvalRound
from observe.people.models import Team
from observe.validation import Conflict, ValidationError

bp = Blueprint("selfeval", __name__, url_prefix="/insights")


def _team_or_404(team_id: int) -> Team:
    team = permissions.get_visible_or_404(Team, team_id)
    if not permissions.can_view_team_insights(team):
        abort(404)
    return team


def _errors_text(exc: ValidationError) -> str:
    return " ".join(exc.fields.values())


@bp.route("/teams/<int:team_id>/self-evaluation", methods=["GET", "POST"])
def team_rounds(team_id: int):
    team = _team_or_404(team_id)
    form = OpenRoundForm()
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                rnd = services.open_round(team, current_user, title=form.title.data,
                                          closes_on=form.closes_on.data)
            except ValidationError as exc:
                form.title.errors = [*form.title.errors, _errors_text(exc)]
            except Conflict as exc:
                flash(exc.message, "error")
                return redirect(url_for(".team_rounds", team_id=team.id))
            else:
                flash(_("The round is open. Each member answers privately."), "success")
                return redirect(url_for(".round_view", round_id=rnd.id))
        status = 422
    rounds = services.rounds_of(team.id)
    return render_template("insights/selfeval_rounds.html", team=team, rounds=rounds,
                           form=form, open_round=services.open_round_of(team.id)), status


def _round_or_404(round_id: int) -> SelfEvalRound:
    return permissions.get_visible_or_404(SelfEvalRound, round_id)


@bp.get("/self-evaluation/<int:round_id>")
def round_view(round_id: int, errors: dict | None = None, status: int = 200):
    rnd = _round_or_404(round_id)
    context = {"rnd": rnd, "team": rnd.team, "labels": characteristic_labels(),
               "scale": scale_labels(), "values": SCALE, "min_answers": MIN_ANSWERS,
               "answered": services.has_answered(rnd, current_user),
               "participants": services.participation_count(rnd),
               "members": services.member_count(rnd),
               "can_close": services.can_close(rnd, current_user),
               "errors": errors or {}}
    if not rnd.is_open:
        points = services.team_points(rnd.team_id)
        meetings = insight_services.upcoming_meetings(rnd.team, current_user)
        context.update(results=services.results(rnd),
                       previous=services.previous_round(rnd),
                       linked=services.linked_points(rnd),
                       link_form=LinkPointForm(points=points) if points else None,
                       meeting_form=AddToMeetingForm(meetings=meetings) if meetings else None)
    return render_template("insights/selfeval_round.html", **context), status


@bp.post("/self-evaluation/<int:round_id>/answers")
def answer(round_id: int):
    rnd = _round_or_404(round_id)
    answers = {item.id: (request.form.get(f"s{item.id}"), request.form.get(f"c{item.id}", ""))
               for item in rnd.statements}
    try:
        services.submit_answers(rnd, current_user, answers)
    except ValidationError as exc:
        return round_view(round_id, errors=exc.fields, status=422)
    except Conflict as exc:
        flash(exc.message, "error")
        return redirect(url_for(".round_view", round_id=rnd.id)), 303
    flash(_("Thank you. Your answers are saved without your name."), "success")
    return redirect(url_for(".round_view", round_id=rnd.id))


@bp.post("/self-evaluation/<int:round_id>/close")
def close(round_id: int):
    rnd = _round_or_404(round_id)
    if not services.can_close(rnd, current_user):
        abort(403)
    services.close_round(rnd, current_user)
    flash(_("The round is closed. The team can now see the results."), "success")
    return redirect(url_for(".round_view", round_id=rnd.id))


@bp.get("/self-evaluation/<int:round_id>/results.csv")
def results_csv(round_id: int):
    rnd = _round_or_404(round_id)
    if rnd.is_open:
        abort(404)
    labels, scale = characteristic_labels(), scale_labels()
    header = [_("Characteristic"), _("Statement"), _("Answers")]
    header += [str(scale[v]) for v in SCALE] + [_("Average (1-4)"), _("Previous average")]
    rows = []
    for r in services.results(rnd):
        counts = ["" for _v in SCALE] if r.hidden else [r.counts[v] for v in SCALE]
        rows.append([str(labels.get(r.characteristic, r.characteristic)), r.text, r.answers,
                     *counts, "" if r.mean is None else r.mean,
                     "" if r.previous_mean is None else r.previous_mean])
    return csv_response(f"selvevaluering-{rnd.id}.csv", header, rows)


@bp.post("/self-evaluation/<int:round_id>/links")
def link(round_id: int):
    rnd = _round_or_404(round_id)
    if rnd.is_open:
        abort(404)
    form = LinkPointForm(points=services.team_points(rnd.team_id))
    if request.form.get("remove"):
        try:
            services.unlink_point(rnd, request.form.get("point_id", type=int),
                                  request.form.get("statement_id", type=int))
        except ValidationError as exc:
            return round_view(round_id, errors=exc.fields, status=422)
        flash(_("The link is removed."), "success")
        return redirect(url_for(".round_view", round_id=rnd.id))
    if not form.validate():
        return round_view(round_id, errors={"link": _("Choose a development point.")},
                          status=422)
    try:
        services.link_point(rnd, form.point_id.data, form.statement_id.data)
    except ValidationError as exc:
        return round_view(round_id, errors=exc.fields, status=422)
    flash(_("The development point is linked to the statement."), "success")
    return redirect(url_for(".round_view", round_id=rnd.id) + f"#s{form.statement_id.data}")


@bp.post("/self-evaluation/<int:round_id>/meeting")
def add_to_meeting(round_id: int):
    rnd = _round_or_404(round_id)
    if rnd.is_open:
        abort(404)
    form = AddToMeetingForm(meetings=insight_services.upcoming_meetings(rnd.team,
                                                                        current_user))
    if not form.validate():
        return round_view(round_id, errors={"meeting": _("Choose a meeting.")}, status=422)
    try:
        meeting, _item = insight_services.add_view_to_meeting(
            rnd.team, current_user, form.meeting_id.data,
            _("Self-evaluation: %(title)s", title=rnd.title),
            url_for(".round_view", round_id=rnd.id), form.question.data)
    except ValidationError as exc:
        return round_view(round_id, errors=exc.fields, status=422)
    flash(_("Added to the agenda of %(title)s.", title=meeting.title), "success")
    return redirect(url_for(".round_view", round_id=rnd.id))


# -- the statement set (admin) -----------------------------------------------------------

@bp.route("/statements", methods=["GET", "POST"])
@permissions.admin_required
def statements():
    services.ensure_statements(current_user.institution)
    form = StatementForm(prefix="new")
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                services.create_statement(current_user.institution_id,
                                          form.characteristic.data, form.text.data)
            except ValidationError as exc:
                form.text.errors = [*form.text.errors, _errors_text(exc)]
            else:
                flash(_("The statement is added."), "success")
                return redirect(url_for(".statements"))
        status = 422
    items = services.statements(current_user.institution_id, active_only=False)
    return render_template("insights/statements.html", form=form, items=items,
                           labels=characteristic_labels()), status


@bp.route("/statements/<int:statement_id>", methods=["GET", "POST"])
@permissions.admin_required
def statement_edit(statement_id: int):
    statement = permissions.get_visible_or_404(PlfStatement, statement_id)
    form = StatementForm(obj=statement)
    if request.method == "POST" and form.validate():
        try:
            services.update_statement(statement, characteristic=form.characteristic.data,
                                      wording=form.text.data, active=form.active.data)
        except ValidationError as exc:
            form.text.errors = [*form.text.errors, _errors_text(exc)]
        else:
            flash(_("The statement is saved."), "success")
            return redirect(url_for(".statements"))
    status = 422 if request.method == "POST" else 200
    return render_template("insights/statement_edit.html", form=form,
                           statement=statement), status
