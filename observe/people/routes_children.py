"""Administration of children (pupils in schools): list, create, edit, mark as left.

A child who leaves is marked as left, never deleted: their learning stories stay part
of the institution's record, and the mark can be undone.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from observe.confirm import ask_unless_confirmed
from observe.extensions import db
from observe.people import services
from observe.people.forms import ChildForm
from observe.people.models import Child, Team
from observe.people.routes import active_teams, bp, institution_id, page_number, show_errors
from observe.permissions import admin_required, get_manageable_or_404
from observe.validation import ValidationError

STATUSES = ("active", "left")


def _form_data(form: ChildForm) -> dict:
    return {"first_name": form.first_name.data, "last_initial": form.last_initial.data,
            "birth_date": form.birth_date.data, "team_id": form.team_id.data,
            "photo_consent": form.photo_consent.data}


@bp.get("/children")
@admin_required
def children():
    team_id = request.args.get("team", type=int)
    status = request.args.get("status", "active")
    status = status if status in STATUSES else "active"
    stmt = (select(Child).where(Child.institution_id == institution_id(),
                                Child.active.is_(status == "active"))
            .options(selectinload(Child.team))
            .order_by(Child.first_name, Child.last_initial, Child.id))
    if team_id:
        stmt = stmt.where(Child.team_id == team_id)
    page = db.paginate(stmt, page=page_number(), per_page=20, error_out=False)
    teams = db.session.scalars(select(Team).where(
        Team.institution_id == institution_id()).order_by(Team.name)).all()
    return render_template("people/children.html", page=page, teams=teams,
                           team_id=team_id, status=status)


@bp.route("/children/new", methods=["GET", "POST"])
@admin_required
def child_new():
    teams = active_teams()
    form = ChildForm(teams=teams, team_id=request.args.get("team", type=int))
    error = None
    if form.validate_on_submit():
        try:
            child = services.create_child(institution_id(), **_form_data(form))
        except ValidationError as exc:
            error = show_errors(form, exc)
        else:
            flash(_("%(name)s is added.", name=child.display_name), "success")
            return redirect(url_for("people.children", team=child.team_id))
    status = 422 if request.method == "POST" else 200
    return render_template("people/child_form.html", form=form, error=error, child=None,
                           teams=teams), status


@bp.route("/children/<int:child_id>", methods=["GET", "POST"])
@admin_required
def child_edit(child_id: int):
    child = get_manageable_or_404(Child, child_id)
    teams = active_teams(child.team_id)
    form = ChildForm(obj=child, teams=teams)
    error = None
    if form.validate_on_submit():
        try:
            services.update_child(child, **_form_data(form))
        except ValidationError as exc:
            error = show_errors(form, exc)
        else:
            flash(_("The changes to %(name)s are saved.", name=child.display_name), "success")
            return redirect(url_for("people.children", team=child.team_id,
                                    status=None if child.active else "left"))
    status = 422 if request.method == "POST" else 200
    return render_template("people/child_form.html", form=form, error=error, child=child,
                           teams=teams), status


@bp.post("/children/<int:child_id>/left")
@admin_required
def child_leave(child_id: int):
    child = get_manageable_or_404(Child, child_id)
    page = ask_unless_confirmed(
        _("Mark %(name)s as left? Their stories stay; they can no longer be chosen for "
          "new records. You can undo this.", name=child.display_name),
        url_for("people.child_edit", child_id=child.id))
    if page is not None:
        return page
    services.set_child_active(child, False)
    flash(_("%(name)s is marked as left.", name=child.display_name), "success")
    return redirect(url_for("people.children"))


@bp.post("/children/<int:child_id>/return")
@admin_required
def child_return(child_id: int):
    child = get_manageable_or_404(Child, child_id)
    services.set_child_active(child, True)
    flash(_("%(name)s is active again.", name=child.display_name), "success")
    return redirect(url_for("people.child_edit", child_id=child.id))
