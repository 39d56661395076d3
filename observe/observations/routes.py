"""Pages for observations: write, read, respond, share, comment, edit, delete, lists.

Routes are thin: load through the permission module (invisible is 404), validate the
form, call one service, redirect with a flash. A service's ``ValidationError`` is
shown beside the fields with status 422; a ``Conflict`` is flashed and nothing
changes; ``Forbidden`` (visible but not yours to do) is a 403 page.

Saved drafts: after a successful save the route puts the form's draft key in the
session; the next page renders it as ``data-draft-saved`` and static/js/drafts.js
deletes the copy it kept in the browser (see ``saved_draft`` below).
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import get_timezone
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from observe import permissions
from observe.confirm import ask_unless_confirmed
from observe.extensions import db
from observe.observations import queries, request_services, services
from observe.observations.forms import (
    CommentForm,
    FilterForm,
    ObservationForm,
    ResponseForm,
    situation_label,
    visibility_labels,
)
from observe.observations.models import Observation, ObservationRequest
from observe.people.models import Child, Team, Theme, User
from observe.permissions import get_visible_or_404
from observe.photos import routes as photo_pages
from observe.validation import Conflict, ValidationError

bp = Blueprint("observations", __name__)
PER_PAGE = 20


@bp.app_context_processor
def _observation_context():
    def open_request_count() -> int:
        if not current_user.is_authenticated:
            return 0
        return request_services.open_count(current_user)

    def saved_draft() -> str | None:
        return session.pop("draft_saved", None)

    def recent_observations(limit: int = 3) -> list[Observation]:
        """The newest observations the user wrote, or that are of them (home page)."""
        stmt = queries.observations(current_user).where(
            (Observation.author_id == current_user.id) | queries.observed_by(current_user.id))
        return list(db.session.scalars(stmt.limit(limit)))

    return {"open_request_count": open_request_count, "saved_draft": saved_draft,
            "recent_observations": recent_observations,
            "situation_label": situation_label, "visibility_labels": visibility_labels,
            "perm": permissions}


# -- helpers shared with routes_requests ----------------------------------------------------

def show_errors(form, exc: ValidationError) -> str | None:
    """Service messages beside their fields; what belongs to no field is returned."""
    general = []
    for name, message in exc.fields.items():
        target = getattr(form, name, None)
        if name == "situation":
            target = form.situation_other
        if target is not None and hasattr(target, "errors") and name != "_":
            target.errors = [*target.errors, message]
        else:
            general.append(message)
    return " ".join(general) or None


def refuse(message: str, url: str):
    db.session.rollback()
    flash(message, "error")
    return redirect(url)


def colleagues_for(user: User) -> list[User]:
    """Active colleagues, the user's own teams first (the ones usually observed)."""
    people = db.session.scalars(select(User).where(
        User.institution_id == user.institution_id, User.active, User.id != user.id)
        .order_by(User.name)).all()
    mine = set(user.team_ids)
    return sorted(people, key=lambda u: (not (set(u.team_ids) & mine), u.name))


def teams_for(user: User, keep: int | None = None) -> list[Team]:
    teams = db.session.scalars(select(Team).where(
        Team.institution_id == user.institution_id, Team.active | (Team.id == keep))
        .order_by(Team.name)).all()
    mine = set(user.team_ids)
    return sorted(teams, key=lambda t: (t.id not in mine, t.name))


def themes_for(user: User) -> list[Theme]:
    return list(db.session.scalars(select(Theme).where(
        Theme.institution_id == user.institution_id, Theme.active)
        .order_by(Theme.position, Theme.name)))


def children_for(user: User, keep=()) -> list[Child]:
    keep_ids = [c.id for c in keep]
    return list(db.session.scalars(select(Child).where(
        Child.institution_id == user.institution_id,
        (Child.active & Child.team_id.in_(user.team_ids)) | Child.id.in_(keep_ids))
        .order_by(Child.first_name)))


def now_local() -> dt.datetime:
    return dt.datetime.now(get_timezone()).replace(tzinfo=None, second=0, microsecond=0)


def _observation_form(obs: Observation | None = None, req: ObservationRequest | None = None,
                      **defaults) -> ObservationForm:
    user = current_user
    kwargs = dict(colleagues=colleagues_for(user), teams=teams_for(user, obs and obs.team_id),
                  themes=themes_for(user), children=children_for(user, obs.children if obs
                                                                 else ()))
    if obs is not None:
        local = obs.occurred_at.astimezone(get_timezone()).replace(tzinfo=None)
        return ObservationForm(obj=obs, observed_ids=obs.observed_ids, occurred_at=local,
                               theme_ids=[t.id for t in obs.themes],
                               child_ids=[c.id for c in obs.children],
                               situation=obs.situation, editing=True, **kwargs)
    first_team = next((t.id for t in user.teams if t.active), None)
    if req is not None:
        defaults.update(focus=req.focus, team_id=req.team_id, request_id=req.id,
                        observed_ids=[req.requester_id])
    return ObservationForm(occurred_at=now_local(), situation=req.situation if req else "",
                           **{"team_id": first_team, **defaults}, **kwargs)


# -- lists --------------------------------------------------------------------------------

LISTS = {
    "mine": ("observations.mine", "mine"),
    "of_me": ("observations.of_me", "of_me"),
    "team": ("observations.team_feed", "team"),
}


def _list(scope: str):
    user = current_user
    form = FilterForm(request.args, themes=themes_for(user), colleagues=colleagues_for(user))
    form.validate()
    values = {name: (field.data if not field.errors else None)
              for name, field in form._fields.items()}
    stmt = queries.observations(
        user, scope=scope, theme_id=values["theme"] or None,
        colleague_id=values["colleague"] or None, date_from=values["date_from"],
        date_to=values["date_to"])
    page = db.paginate(stmt, page=max(request.args.get("page", 1, type=int) or 1, 1),
                       per_page=PER_PAGE, error_out=False, count=True)
    filters = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("observations/list.html", page=page, form=form, scope=scope,
                           endpoint=LISTS[scope][0], filters=filters)


@bp.get("/observations/")
def mine():
    return _list("mine")


@bp.get("/observations/of-me")
def of_me():
    return _list("of_me")


@bp.get("/observations/team")
def team_feed():
    return _list("team")


# -- write and edit ------------------------------------------------------------------------

@bp.route("/observations/new", methods=["GET", "POST"])
def new():
    req = None
    request_id = request.values.get("request", type=int) or request.form.get(
        "request_id", type=int)
    if request_id:
        req = get_visible_or_404(ObservationRequest, request_id)
        if not permissions.can_observe_from_request(req):
            return refuse(_("You can write an observation from this request once you "
                            "have accepted it."), url_for("observations.request_view",
                                                          request_id=req.id))
    form = _observation_form(req=req)
    draft_key = f"observation:request:{req.id}" if req else "observation:new"
    error, status = None, 200
    if form.validate_on_submit():
        data = {**form.values(), "visibility": form.visibility.data,
                "request_id": req.id if req else None}
        try:
            obs = services.create_observation(current_user, data)
        except ValidationError as exc:
            error, status = show_errors(form, exc), 422
        except Conflict as exc:
            return refuse(exc.message, url_for("observations.requests"))
        else:
            session["draft_saved"] = draft_key
            flash(_("The observation is saved."), "success")
            return redirect(url_for("observations.view", observation_id=obs.id))
    elif form.is_submitted():
        status = 422
    return render_template("observations/form.html", form=form, req=req, obs=None,
                           error=error, draft_key=draft_key), status


@bp.route("/observations/<int:observation_id>/edit", methods=["GET", "POST"])
def edit(observation_id: int):
    obs = get_visible_or_404(Observation, observation_id)
    services.require(permissions.can_edit_observation(obs))
    form = _observation_form(obs)
    error, status = None, 200
    if form.validate_on_submit():
        try:
            services.update_observation(obs, current_user, form.values())
        except ValidationError as exc:
            error, status = show_errors(form, exc), 422
        else:
            session["draft_saved"] = f"observation:{obs.id}:edit"
            flash(_("The observation is saved."), "success")
            return redirect(url_for("observations.view", observation_id=obs.id))
    elif form.is_submitted():
        status = 422
    return render_template("observations/form.html", form=form, req=obs.request, obs=obs,
                           error=error, draft_key=f"observation:{obs.id}:edit"), status


# -- read, respond, share, delete --------------------------------------------------------------

def page(obs: Observation, *, response_form=None, comment_form=None, photo_form=None,
         photo_error=None, status: int = 200):
    """The observation's page, with a refused form's errors where it was refused."""
    return render_template(
        "observations/view.html", obs=obs,
        response_form=response_form or ResponseForm(obj=obs),
        comment_form=comment_form or CommentForm(),
        **photo_pages.section(obs, photo_form=photo_form, photo_error=photo_error)), status


@bp.get("/observations/<int:observation_id>")
def view(observation_id: int):
    return page(get_visible_or_404(Observation, observation_id))


@bp.post("/observations/<int:observation_id>/photos")
def add_photo(observation_id: int):
    """The upload without JavaScript; photos.js uses the API with progress instead."""
    obs = get_visible_or_404(Observation, observation_id)
    return photo_pages.upload_from_page(obs, lambda **shown: page(obs, **shown))


@bp.post("/observations/<int:observation_id>/response")
def respond(observation_id: int):
    obs = get_visible_or_404(Observation, observation_id)
    form = ResponseForm()
    services.require(permissions.can_respond(obs))
    if not form.validate():
        return page(obs, response_form=form, status=422)
    try:
        services.write_response(obs, current_user, form.response.data)
    except ValidationError as exc:
        form.response.errors = [exc.message]
        return page(obs, response_form=form, status=422)
    session["draft_saved"] = f"response:{obs.id}"
    flash(_("Your reflection is saved."), "success")
    return redirect(url_for("observations.view", observation_id=obs.id))


@bp.post("/observations/<int:observation_id>/visibility")
def set_visibility(observation_id: int):
    obs = get_visible_or_404(Observation, observation_id)
    target = request.form.get("visibility", "")
    back = url_for("observations.view", observation_id=obs.id)
    try:
        if target == "team":  # an explicit share: already shared is a conflict
            services.share_observation(obs, current_user)
        else:
            services.set_visibility(obs, current_user, target)
    except (Conflict, ValidationError) as exc:
        return refuse(exc.message, back)
    messages = {"team": _("Shared with the team."),
                "observed": _("Now only you and the observed colleague(s) can read it."),
                "private": _("Now only you can read it.")}
    flash(messages[target], "success")
    return redirect(back)


@bp.post("/observations/<int:observation_id>/delete")
def delete(observation_id: int):
    obs = get_visible_or_404(Observation, observation_id)
    services.require(permissions.can_delete_observation(obs))
    question = _("Delete this observation and its comments? This cannot be undone.")
    page = ask_unless_confirmed(question, url_for("observations.view",
                                                  observation_id=obs.id))
    if page is not None:
        return page
    services.delete_observation(obs, current_user)
    flash(_("The observation is deleted."), "success")
    return redirect(url_for("observations.mine"))


from observe.observations import routes_comments, routes_requests  # noqa: E402, F401
