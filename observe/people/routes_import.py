"""CSV import of children and staff, with downloadable example files.

All or nothing: ``csv_import`` checks every row first; a refused file renders the
list of bad lines with 422, which rolls the request back. Setup links for imported
staff are shown once, in the response (see routes_staff for why not in the session).
"""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from observe.extensions import db
from observe.people import csv_import
from observe.people.forms import ImportForm
from observe.people.models import Team
from observe.people.routes import bp, institution_id
from observe.people.routes_staff import setup_url
from observe.permissions import admin_required


def _forms() -> tuple[ImportForm, ImportForm]:
    return ImportForm(prefix="children"), ImportForm(prefix="staff")


def _page(children_form, staff_form, problems=None, which=None, status=200):
    return render_template("people/import.html", children_form=children_form,
                           staff_form=staff_form, problems=problems or [],
                           which=which, max_rows=csv_import.MAX_ROWS,
                           max_mb=csv_import.MAX_BYTES // (1024 * 1024)), status


def _upload_bytes(form: ImportForm) -> bytes:
    # Read one byte past the limit: enough to know the file is too large.
    return form.file.data.stream.read(csv_import.MAX_BYTES + 1)


@bp.get("/import")
@admin_required
def import_page():
    return _page(*_forms())


@bp.post("/import/children")
@admin_required
def import_children():
    children_form, staff_form = _forms()
    if not children_form.validate_on_submit():
        return _page(children_form, staff_form, which="children", status=422)
    try:
        created = csv_import.import_children(institution_id(), _upload_bytes(children_form))
    except csv_import.ImportRefused as exc:
        return _page(children_form, staff_form, exc.problems, "children", 422)
    if current_user.institution.is_school:
        message = ngettext("%(num)d pupil imported.", "%(num)d pupils imported.",
                           len(created))
    else:
        message = ngettext("%(num)d child imported.", "%(num)d children imported.",
                           len(created))
    flash(message, "success")
    return redirect(url_for("people.children"))


@bp.post("/import/staff")
@admin_required
def import_staff():
    children_form, staff_form = _forms()
    if not staff_form.validate_on_submit():
        return _page(children_form, staff_form, which="staff", status=422)
    try:
        created = csv_import.import_staff(institution_id(), _upload_bytes(staff_form))
    except csv_import.ImportRefused as exc:
        return _page(children_form, staff_form, exc.problems, "staff", 422)
    links = [(user, setup_url(token)) for user, token in created]
    return render_template("people/import_staff_done.html", links=links)


@bp.get("/import/example-<kind>.csv")
@admin_required
def import_example(kind: str):
    names = list(db.session.scalars(select(Team.name).where(
        Team.institution_id == institution_id(), Team.active).order_by(Team.name)))
    if kind == "children":
        school = current_user.institution.is_school
        body = csv_import.example_children(names, school)
        filename = "eksempel-elever.csv" if school else "eksempel-boern.csv"
    elif kind == "staff":
        body, filename = csv_import.example_staff(names), "eksempel-medarbejdere.csv"
    else:
        abort(404)
    return Response(body.encode("utf-8"), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
