"""Administration of staff accounts: list, create, edit, deactivate, reset password.

One-time setup links are rendered directly in the response to the POST that created
them, never put in a flash or the session: the session is a signed (not encrypted)
cookie, and a link that lands in it could be read back from the browser later.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from observe.confirm import ask_unless_confirmed
from observe.extensions import db
from observe.people import services
from observe.people.forms import NewPersonForm, PersonForm
from observe.people.models import Team, User
from observe.people.routes import (
    active_teams,
    bp,
    institution_id,
    page_number,
    refuse,
    show_errors,
)
from observe.permissions import admin_required, get_manageable_or_404
from observe.validation import ValidationError

STATUSES = ("active", "inactive", "all")


def setup_url(token: str) -> str:
    return url_for("auth.setup", token=token, _external=True)


@bp.get("/staff")
@admin_required
def staff():
    team_id = request.args.get("team", type=int)
    status = request.args.get("status", "active")
    status = status if status in STATUSES else "active"
    query = (request.args.get("q") or "").strip()[:100]
    stmt = (select(User).where(User.institution_id == institution_id())
            .options(selectinload(User.teams)).order_by(User.name, User.id))
    if team_id:
        stmt = stmt.where(User.teams.any(Team.id == team_id))
    if status != "all":
        stmt = stmt.where(User.active.is_(status == "active"))
    if query:
        # SQLite's lower() folds ASCII only, so "Ærø" is also matched as typed.
        stmt = stmt.where(or_(
            User.name.contains(query, autoescape=True),
            User.name.contains(query[:1].upper() + query[1:], autoescape=True),
            User.name.ilike(f"%{_escape_like(query)}%", escape="\\"),
            User.email.contains(query.lower(), autoescape=True),
        ))
    page = db.paginate(stmt, page=page_number(), per_page=20, error_out=False)
    teams = db.session.scalars(select(Team).where(
        Team.institution_id == institution_id()).order_by(Team.name)).all()
    return render_template("people/staff.html", page=page, teams=teams, team_id=team_id,
                           status=status, query=query)


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@bp.route("/staff/new", methods=["GET", "POST"])
@admin_required
def person_new():
    form = NewPersonForm(teams=active_teams())
    error = None
    if form.validate_on_submit():
        try:
            user, token = services.create_person(
                institution_id(), name=form.name.data, email=form.email.data,
                role=form.role.data, team_ids=form.team_ids.data,
                password=form.password.data or None)
        except ValidationError as exc:
            error = show_errors(form, exc)
        else:
            if token is None:
                flash(_("%(name)s can now log in with the password you chose, and must "
                        "choose a new one at the first login.", name=user.name), "success")
                return redirect(url_for("people.staff"))
            return render_template("people/person_link.html", user=user,
                                   link=setup_url(token), created=True)
    status = 422 if request.method == "POST" else 200
    return render_template("people/person_form.html", form=form, error=error,
                           person=None), status


@bp.route("/staff/<int:user_id>", methods=["GET", "POST"])
@admin_required
def person_edit(user_id: int):
    person = get_manageable_or_404(User, user_id)
    form = PersonForm(obj=person, teams=active_teams(*person.team_ids))
    error = None
    if form.validate_on_submit():
        try:
            services.update_person(person, name=form.name.data, email=form.email.data,
                                   role=form.role.data, team_ids=form.team_ids.data)
        except ValidationError as exc:
            error = show_errors(form, exc)
        else:
            flash(_("The changes to %(name)s are saved.", name=person.name), "success")
            return redirect(url_for("people.staff"))
    status = 422 if request.method == "POST" else 200
    return render_template("people/person_form.html", form=form, error=error,
                           person=person), status


@bp.post("/staff/<int:user_id>/deactivate")
@admin_required
def person_deactivate(user_id: int):
    person = get_manageable_or_404(User, user_id)
    cancel = url_for("people.person_edit", user_id=person.id)
    page = ask_unless_confirmed(
        _("Deactivate %(name)s? They can no longer log in. What they have written "
          "stays.", name=person.name), cancel)
    if page is not None:
        return page
    try:
        services.set_person_active(person, False, by=current_user)
    except ValidationError as exc:
        return refuse(exc, cancel)
    flash(_("%(name)s is deactivated and can no longer log in.", name=person.name),
          "success")
    return redirect(url_for("people.staff"))


@bp.post("/staff/<int:user_id>/reactivate")
@admin_required
def person_reactivate(user_id: int):
    person = get_manageable_or_404(User, user_id)
    services.set_person_active(person, True, by=current_user)
    flash(_("%(name)s is active again.", name=person.name), "success")
    return redirect(url_for("people.person_edit", user_id=person.id))


@bp.post("/staff/<int:user_id>/reset-password")
@admin_required
def person_reset(user_id: int):
    person = get_manageable_or_404(User, user_id)
    cancel = url_for("people.person_edit", user_id=person.id)
    page = ask_unless_confirmed(
        _("Reset the password of %(name)s? The current password stops working at once, "
          "and %(name)s must choose a new one through a link you hand over.",
          name=person.name), cancel)
    if page is not None:
        return page
    try:
        token = services.reset_password(person, by=current_user)
    except ValidationError as exc:
        return refuse(exc, cancel)
    return render_template("people/person_link.html", user=person,
                           link=setup_url(token), created=False)
