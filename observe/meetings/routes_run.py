"""Running the meeting: phase A (own reflections, then the reveal), phase B (notes per
item, autosaved by meetings.js with fetch, or saved with the form's button), phase C
(development points), and the follow-up of earlier points at the top of the agenda."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from observe import permissions
from observe.db import utcnow
from observe.meetings import goals, queries, services
from observe.meetings.forms import PointForm
from observe.meetings.models import DevelopmentPoint, Meeting
from observe.meetings.queries import plain
from observe.meetings.routes import bp, render_view, show_errors
from observe.meetings.routes_agenda import _item, _wants_json
from observe.permissions import get_visible_or_404
from observe.validation import Conflict, ValidationError

PHASE_PAGES = ("a", "b", "c")


def render_phase(meeting: Meeting, phase: str, *, point_form=None, error=None,
                 conflict=None, status=200):
    members = [u for u in meeting.team.members if u.active]
    return render_template(
        f"meetings/phase_{phase}.html", meeting=meeting, phase=phase,
        rows=queries.agenda(meeting, current_user),
        can_facilitate=permissions.can_facilitate(meeting),
        can_reflect=permissions.can_reflect(meeting),
        can_take_notes=permissions.can_take_notes(meeting),
        can_set_goals=permissions.can_set_goals(meeting),
        point_form=point_form or PointForm(members=members),
        too_many=goals.too_many(meeting), error=error, mask=plain, conflict=conflict,
        written=queries.reflection_count(meeting)), status


@bp.get("/<int:meeting_id>/phase/<phase>")
def phase(meeting_id: int, phase: str):
    meeting = get_visible_or_404(Meeting, meeting_id)
    if phase not in PHASE_PAGES:
        abort(404)
    return render_phase(meeting, phase)


@bp.post("/<int:meeting_id>/phase")
def set_phase(meeting_id: int):
    meeting = get_visible_or_404(Meeting, meeting_id)
    try:
        services.set_phase(meeting, current_user, request.form.get("phase", ""))
    except ValidationError as exc:
        return render_view(meeting, error=exc.message, status=422)
    if meeting.phase in PHASE_PAGES:
        return redirect(url_for("meetings.phase", meeting_id=meeting.id, phase=meeting.phase))
    if meeting.is_done:
        flash(_("The meeting is closed. The minutes are ready."), "success")
        return redirect(url_for("meetings.minutes", meeting_id=meeting.id))
    return redirect(url_for("meetings.view", meeting_id=meeting.id))


@bp.post("/<int:meeting_id>/items/<int:item_id>/reflection")
def reflection(meeting_id: int, item_id: int):
    item = _item(meeting_id, item_id)
    try:
        services.write_reflection(item, current_user, request.form.get("text"))
    except ValidationError as exc:
        return render_phase(item.meeting, "a", error=exc.message, status=422)
    flash(_("Your reflection is saved. Only you can see it until the reveal."), "success")
    return redirect(url_for("meetings.phase", meeting_id=meeting_id, phase="a",
                            _anchor=f"item-{item.id}"))


@bp.post("/<int:meeting_id>/reveal")
def reveal(meeting_id: int):
    meeting = get_visible_or_404(Meeting, meeting_id)
    try:
        services.reveal_reflections(meeting, current_user)
    except Conflict as exc:
        return render_phase(meeting, "a", error=exc.message, status=409)
    return redirect(url_for("meetings.phase", meeting_id=meeting.id, phase="a"))


@bp.post("/<int:meeting_id>/items/<int:item_id>/notes")
def notes(meeting_id: int, item_id: int):
    item = _item(meeting_id, item_id)
    mine = request.form.get("notes")
    base = request.form.get("version", "")
    try:
        services.save_notes(item, current_user, mine,
                            base=int(base) if base.isdigit() else None)
    except services.NotesConflict as exc:
        if _wants_json():
            return {"error": {"code": "conflict", "message": exc.message},
                    "notes": exc.current, "version": exc.version}, 409
        return render_phase(item.meeting, "b", error=exc.message, status=409,
                            conflict={"item_id": item.id, "mine": mine or "",
                                      "theirs": exc.current})
    except (ValidationError, Conflict) as exc:
        status = 409 if isinstance(exc, Conflict) else 422
        if _wants_json():
            return {"error": {"code": "conflict" if status == 409 else "validation_error",
                              "message": exc.message}}, status
        return render_phase(item.meeting, "b", error=exc.message, status=status)
    if _wants_json():
        return {"saved_at": (item.notes_updated_at or utcnow()).isoformat(),
                "version": item.notes_version}
    flash(_("The notes are saved."), "success")
    return redirect(url_for("meetings.phase", meeting_id=meeting_id, phase="b",
                            _anchor=f"item-{item.id}"))


@bp.post("/<int:meeting_id>/points")
def add_point(meeting_id: int):
    meeting = get_visible_or_404(Meeting, meeting_id)
    form = PointForm(members=[u for u in meeting.team.members if u.active])
    if form.validate_on_submit():
        try:
            _point, too_many = goals.add_point(meeting, current_user, form.data_for_service())
        except ValidationError as exc:
            show_errors(form, exc)
        except Conflict as exc:
            return render_phase(meeting, "c", point_form=form, error=exc.message, status=409)
        else:
            flash(_("The development point is saved."), "success")
            if too_many:
                flash(_("That is more than three development points. Focus helps: could "
                        "some of them wait for a later meeting?"), "warning")
            return redirect(url_for("meetings.phase", meeting_id=meeting.id, phase="c"))
    return render_phase(meeting, "c", point_form=form, status=422)


def _point(meeting_id: int, point_id: int) -> DevelopmentPoint:
    return get_visible_or_404(DevelopmentPoint, point_id)


@bp.post("/<int:meeting_id>/points/<int:point_id>/delete")
def delete_point(meeting_id: int, point_id: int):
    point = _point(meeting_id, point_id)
    if point.meeting_id != meeting_id:
        abort(404)
    try:
        goals.delete_point(point, current_user)
    except Conflict as exc:
        return render_phase(point.meeting, "c", error=exc.message, status=409)
    return redirect(url_for("meetings.phase", meeting_id=meeting_id, phase="c"))


@bp.post("/<int:meeting_id>/follow-ups/<int:point_id>")
def follow_up(meeting_id: int, point_id: int):
    meeting = get_visible_or_404(Meeting, meeting_id)
    point = _point(meeting_id, point_id)
    try:
        goals.follow_up(point, meeting, current_user, request.form.get("decision"),
                        request.form.get("note"))
    except (ValidationError, Conflict) as exc:
        status = 409 if isinstance(exc, Conflict) else 422
        return render_view(meeting, error=exc.message, status=status)
    flash(_("The follow-up is saved."), "success")
    return redirect(url_for("meetings.view", meeting_id=meeting.id, _anchor="follow-up"))
