"""Meeting pages: list, create, prepare (the agenda page), the team's page, and the
"add to meeting" action used by observation, story, portfolio and search pages.

Routes are thin: load through the permission module (404 when not visible), validate,
call one service, redirect. A refused form is shown again with status 422 so the
request rolls back. The running meeting (phases A-B-C) is in ``routes_run``, the agenda
editing in ``routes_agenda``, handout and minutes in ``routes_print``: one blueprint.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from observe import permissions
from observe.confirm import ask_unless_confirmed
from observe.meetings import goals, queries, services
from observe.meetings.forms import FreeItemForm, MeetingForm, QuestionForm
from observe.meetings.models import Meeting
from observe.meetings.queries import plain
from observe.observations.models import Observation
from observe.people.models import Team
from observe.permissions import get_visible_or_404
from observe.security import safe_next
from observe.stories.models import Story
from observe.validation import Conflict, ValidationError

bp = Blueprint("meetings", __name__, url_prefix="/meetings")

EXAMPLE_KINDS = {"observation": Observation, "story": Story}


@bp.app_context_processor
def meeting_helpers():
    def meetings_to_add_to(team_id=None):
        """Upcoming meetings of the viewer's teams, for the "add to meeting" control."""
        if not current_user.is_authenticated:
            return []
        return queries.upcoming(current_user, team_id)

    return {"meetings_to_add_to": meetings_to_add_to}


def show_errors(form, exc: ValidationError) -> str | None:
    general = []
    for name, message in exc.fields.items():
        target = getattr(form, name, None) if form is not None else None
        if target is not None and hasattr(target, "errors") and name != "_":
            target.errors = [*target.errors, message]
        else:
            general.append(message)
    return " ".join(general) or None


def _teams():
    return [t for t in current_user.teams if t.active]


def _meeting_form(meeting: Meeting | None = None, team: Team | None = None, **kwargs):
    team = meeting.team if meeting else team
    members = [u for u in team.members if u.active] if team else []
    form = MeetingForm(obj=meeting, teams=_teams(), members=members, **kwargs)
    if meeting is not None and request.method == "GET":
        form.participant_ids.data = meeting.participant_ids
    return form


@bp.get("/")
def index():
    teams = _teams()
    return render_template("meetings/index.html", teams=teams,
                           upcoming=queries.upcoming(current_user),
                           past=queries.past(current_user, limit=20))


@bp.route("/new", methods=["GET", "POST"])
def new():
    team_id = request.values.get("team_id", type=int) or request.args.get("team", type=int)
    team = next((t for t in _teams() if t.id == team_id), None) or next(iter(_teams()), None)
    if team is None:
        flash(_("You need to be on a team to hold a reflection session."), "warning")
        return redirect(url_for("meetings.index"))
    form = _meeting_form(team=team)
    if request.method == "GET":
        form.team_id.data = team.id
        form.participant_ids.data = [u.id for u in team.members if u.active]
    error = None
    if request.method == "POST" and request.form.get("change_team"):
        form.participant_ids.data = [u.id for u in team.members if u.active]
        return render_template("meetings/form.html", form=form, meeting=None), 200
    if form.validate_on_submit():
        try:
            meeting = services.create_meeting(current_user, form.data_for_service())
        except ValidationError as exc:
            error = show_errors(form, exc)
        else:
            flash(_("The meeting is created. Add examples to the agenda."), "success")
            return redirect(url_for("meetings.view", meeting_id=meeting.id))
    status = 422 if request.method == "POST" else 200
    return render_template("meetings/form.html", form=form, meeting=None, error=error), status


def render_view(meeting: Meeting, *, item_form=None, question_form=None, error=None,
                status=200):
    points = goals.to_follow_up(meeting)
    return render_template(
        "meetings/view.html", meeting=meeting, rows=queries.agenda(meeting, current_user),
        follow_ups=points, decision_in=goals.decision_in, trail=goals.earlier_points(meeting),
        can_facilitate=permissions.can_facilitate(meeting),
        can_prepare=permissions.can_prepare(meeting),
        can_follow_up=permissions.can_follow_up(meeting),
        item_form=item_form or FreeItemForm(prefix="free"),
        question_form=question_form or QuestionForm(prefix="bank"),
        questions=goals.questions_for(meeting.team_id), error=error, mask=plain,
        written=queries.reflection_count(meeting)), status


@bp.get("/<int:meeting_id>")
def view(meeting_id: int):
    return render_view(get_visible_or_404(Meeting, meeting_id))


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
def edit(meeting_id: int):
    meeting = get_visible_or_404(Meeting, meeting_id)
    if not permissions.can_facilitate(meeting):
        abort(403)
    form = _meeting_form(meeting)
    form.team_id.data = meeting.team_id  # the team is fixed once the meeting exists
    error = None
    if form.validate_on_submit():
        try:
            services.update_meeting(meeting, current_user,
                                    form.data_for_service(with_team=False))
        except ValidationError as exc:
            error = show_errors(form, exc)
        else:
            flash(_("The meeting is saved."), "success")
            return redirect(url_for("meetings.view", meeting_id=meeting.id))
    status = 422 if request.method == "POST" else 200
    return render_template("meetings/form.html", form=form, meeting=meeting,
                           error=error), status


@bp.post("/<int:meeting_id>/delete")
def delete(meeting_id: int):
    meeting = get_visible_or_404(Meeting, meeting_id)
    if not permissions.can_facilitate(meeting):
        abort(403)
    page = ask_unless_confirmed(_("Delete the meeting “%(title)s”?", title=meeting.title),
                                url_for("meetings.view", meeting_id=meeting.id))
    if page is not None:
        return page
    try:
        services.delete_meeting(meeting, current_user)
    except Conflict as exc:
        return render_view(meeting, error=exc.message, status=409)
    flash(_("The meeting is deleted."), "success")
    return redirect(url_for("meetings.index"))


@bp.get("/team/<int:team_id>")
def team(team_id: int):
    """The team's page: open development points, upcoming and earlier meetings."""
    team = get_visible_or_404(Team, team_id)
    if team.id not in current_user.team_ids:
        abort(404)  # a team's meetings are its members' business
    return render_template("meetings/team.html", team=team,
                           points=goals.open_points(team.id),
                           upcoming=queries.upcoming(current_user, team.id),
                           past=queries.past(current_user, team.id))


@bp.post("/add")
def add_example():
    """"Add to meeting" from a record's page or a search result."""
    model = EXAMPLE_KINDS.get(request.form.get("kind", ""))
    meeting_id = request.form.get("meeting_id", type=int)
    record_id = request.form.get("record_id", type=int)
    if model is None or record_id is None:
        abort(400)
    record = get_visible_or_404(model, record_id)
    back = safe_next(request.form.get("next")) or url_for("meetings.index")
    if meeting_id is None:
        return render_template("meetings/add_refused.html", reason=_("Choose a meeting."),
                               back=back, meeting=None), 422
    meeting = get_visible_or_404(Meeting, meeting_id)
    try:
        services.add_example(meeting, current_user, record, request.form.get("question"))
    except (ValidationError, Conflict) as exc:
        status = 409 if isinstance(exc, Conflict) else 422
        return render_template("meetings/add_refused.html", reason=exc.message, back=back,
                               meeting=meeting), status
    flash(_("Added to the agenda of “%(title)s”.", title=meeting.title), "success")
    return redirect(back)


from observe.meetings import routes_agenda, routes_print, routes_run  # noqa: E402, F401
