"""Administration pages: the institution's teams, staff, children and themes.

Only the institution's administrators reach these pages (403 for other roles; the
pages are no secret), and every record is loaded through the permission module, so a
record of another institution answers 404. Routes stay thin: form -> service ->
redirect with a flash. Services raise ``ValidationError``; its messages are shown
beside the fields and the page answers 422, which rolls the request back.

The blueprint is split over routes.py (overview, teams, themes), routes_staff.py,
routes_children.py and routes_import.py, imported at the bottom of this module.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from observe.confirm import ask_unless_confirmed
from observe.extensions import db
from observe.people import services
from observe.people.forms import NameForm
from observe.people.models import Child, Team, Theme, User
from observe.permissions import admin_required, get_manageable_or_404
from observe.validation import ValidationError

bp = Blueprint("people", __name__, url_prefix="/admin")


@bp.before_request
@admin_required
def _admins_only():
    """Every page here is for admins; the decorator on each view says so again."""


@bp.context_processor
def _admin_context():
    if not current_user.is_authenticated:
        return {}
    institution = current_user.institution
    return {"institution": institution, "words": child_words(institution.is_school)}


def child_words(school: bool) -> dict:
    """Daycare says "børn", schools say "elever": the UI follows the institution."""
    if school:
        return {"plural": _("Pupils"), "singular": _("Pupil"), "add": _("Add a pupil"),
                "none": _("No pupils yet. Add the first one, or import a class list."),
                "left": _("Pupils who have left"), "import": _("Import pupils"),
                "manage": _("Manage pupils"), "active": _("Current pupils")}
    return {"plural": _("Children"), "singular": _("Child"), "add": _("Add a child"),
            "none": _("No children yet. Add the first one, or import a list."),
            "left": _("Children who have left"), "import": _("Import children"),
            "manage": _("Manage children"), "active": _("Current children")}


# -- helpers shared by the route modules --------------------------------------------------

def institution_id() -> int:
    return current_user.institution_id


def show_errors(form, exc: ValidationError) -> str | None:
    """Put service messages beside their fields; return what belongs to no field."""
    general = []
    for name, message in exc.fields.items():
        target = getattr(form, name, None)
        if target is not None and hasattr(target, "errors") and name != "_":
            target.errors = [*target.errors, message]
        else:
            general.append(message)
    return " ".join(general) or None


def refuse(exc: ValidationError, url: str):
    """A refused one-click action: nothing changed; say why on the page we return to."""
    db.session.rollback()
    flash(exc.message, "error")
    return redirect(url)


def page_number() -> int:
    return max(request.args.get("page", 1, type=int) or 1, 1)


def active_teams(*keep_ids: int) -> list[Team]:
    """Teams to choose from: the active ones, plus any inactive one already chosen."""
    keep = [i for i in keep_ids if i]
    stmt = select(Team).where(Team.institution_id == institution_id())
    stmt = stmt.where(Team.active | Team.id.in_(keep)) if keep else stmt.where(Team.active)
    return list(db.session.scalars(stmt.order_by(Team.name)))


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(
        model.institution_id == institution_id(), *where))


# -- overview -------------------------------------------------------------------------------

@bp.get("/")
@admin_required
def admin_index():
    counts = {
        "teams": _count(Team, Team.active),
        "staff": _count(User, User.active),
        "children": _count(Child, Child.active),
        "themes": _count(Theme, Theme.active),
    }
    return render_template("people/index.html", counts=counts)


# -- teams ----------------------------------------------------------------------------------

@bp.route("/teams", methods=["GET", "POST"])
@admin_required
def teams():
    form = NameForm()
    status = 200
    if form.validate_on_submit():
        try:
            team = services.create_team(institution_id(), form.name.data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            flash(_("The team %(name)s is created.", name=team.name), "success")
            return redirect(url_for("people.teams"))
    if request.method == "POST":
        status = 422
    rows = db.session.execute(
        select(Team, func.count(Child.id))
        .outerjoin(Child, (Child.team_id == Team.id) & Child.active)
        .where(Team.institution_id == institution_id())
        .group_by(Team.id).order_by(Team.active.desc(), Team.name)).all()
    return render_template("people/teams.html", form=form, rows=rows), status


@bp.route("/teams/<int:team_id>", methods=["GET", "POST"])
@admin_required
def team_edit(team_id: int):
    team = get_manageable_or_404(Team, team_id)
    form = NameForm(obj=team)
    if form.validate_on_submit():
        try:
            services.update_team(team, name=form.name.data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            flash(_("The team is renamed to %(name)s.", name=team.name), "success")
            return redirect(url_for("people.teams"))
    status = 422 if request.method == "POST" else 200
    return render_template("people/team_edit.html", form=form, team=team), status


@bp.post("/teams/<int:team_id>/deactivate")
@admin_required
def team_deactivate(team_id: int):
    team = get_manageable_or_404(Team, team_id)
    cancel = url_for("people.team_edit", team_id=team.id)
    page = ask_unless_confirmed(
        _("Deactivate the team %(name)s? Its members and records stay; it can no longer "
          "be chosen for new records.", name=team.name), cancel)
    if page is not None:
        return page
    services.update_team(team, active=False)
    flash(_("The team %(name)s is deactivated.", name=team.name), "success")
    return redirect(url_for("people.teams"))


@bp.post("/teams/<int:team_id>/reactivate")
@admin_required
def team_reactivate(team_id: int):
    team = get_manageable_or_404(Team, team_id)
    services.update_team(team, active=True)
    flash(_("The team %(name)s is active again.", name=team.name), "success")
    return redirect(url_for("people.teams"))


# -- themes ---------------------------------------------------------------------------------

@bp.route("/themes", methods=["GET", "POST"])
@admin_required
def themes():
    form = NameForm()
    if form.validate_on_submit():
        try:
            theme = services.create_theme(institution_id(), form.name.data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            flash(_("The theme %(name)s is added.", name=theme.name), "success")
            return redirect(url_for("people.themes"))
    status = 422 if request.method == "POST" else 200
    items = db.session.scalars(select(Theme).where(
        Theme.institution_id == institution_id()).order_by(Theme.position, Theme.id)).all()
    return render_template("people/themes.html", form=form, themes=items), status


@bp.route("/themes/<int:theme_id>", methods=["GET", "POST"])
@admin_required
def theme_edit(theme_id: int):
    theme = get_manageable_or_404(Theme, theme_id)
    form = NameForm(obj=theme)
    if form.validate_on_submit():
        try:
            services.update_theme(theme, name=form.name.data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            flash(_("The theme is renamed to %(name)s.", name=theme.name), "success")
            return redirect(url_for("people.themes"))
    status = 422 if request.method == "POST" else 200
    return render_template("people/theme_edit.html", form=form, theme=theme), status


@bp.post("/themes/<int:theme_id>/retire")
@admin_required
def theme_retire(theme_id: int):
    theme = get_manageable_or_404(Theme, theme_id)
    page = ask_unless_confirmed(
        _("Retire the theme %(name)s? Records that use it keep it; it can no longer be "
          "chosen for new records.", name=theme.name), url_for("people.themes"))
    if page is not None:
        return page
    services.update_theme(theme, active=False)
    flash(_("The theme %(name)s is retired.", name=theme.name), "success")
    return redirect(url_for("people.themes"))


@bp.post("/themes/<int:theme_id>/reactivate")
@admin_required
def theme_reactivate(theme_id: int):
    theme = get_manageable_or_404(Theme, theme_id)
    services.update_theme(theme, active=True)
    flash(_("The theme %(name)s is in use again.", name=theme.name), "success")
    return redirect(url_for("people.themes"))


# The other pages register on the same blueprint.
from observe.people import routes_children, routes_import, routes_staff  # noqa: E402, F401
