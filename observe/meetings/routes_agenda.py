"""Preparing the agenda: free items, reflection questions, ordering, removal, and the
team's question bank. Ordering works without JavaScript (small up/down POST forms);
meetings.js adds drag, posting the whole order to ``order`` with fetch."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from observe.meetings import goals, services
from observe.meetings.forms import FreeItemForm, QuestionForm
from observe.meetings.models import AgendaItem, Meeting
from observe.meetings.routes import bp, render_view, show_errors
from observe.permissions import can_prepare, get_visible_or_404
from observe.validation import Conflict, ValidationError


def _item(meeting_id: int, item_id: int) -> AgendaItem:
    item = get_visible_or_404(AgendaItem, item_id)
    if item.meeting_id != meeting_id:
        abort(404)
    return item


def _back(meeting: Meeting, anchor: str | None = "agenda"):
    return redirect(url_for("meetings.view", meeting_id=meeting.id, _anchor=anchor))


def _wants_json() -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@bp.post("/<int:meeting_id>/items")
def add_item(meeting_id: int):
    meeting = get_visible_or_404(Meeting, meeting_id)
    form = FreeItemForm(prefix="free")
    if form.validate_on_submit():
        try:
            services.add_free_item(meeting, current_user, {"title": form.title.data,
                                                           "question": form.question.data})
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            return _back(meeting)
    if not can_prepare(meeting):
        abort(403)
    return render_view(meeting, item_form=form, status=422)


@bp.post("/<int:meeting_id>/items/<int:item_id>/question")
def item_question(meeting_id: int, item_id: int):
    item = _item(meeting_id, item_id)
    try:
        services.update_item(item, current_user, {"question": request.form.get("question")})
    except ValidationError as exc:
        return render_view(item.meeting, error=exc.message, status=422)
    return _back(item.meeting, f"item-{item.id}")


@bp.post("/<int:meeting_id>/items/<int:item_id>/move")
def move_item(meeting_id: int, item_id: int):
    item = _item(meeting_id, item_id)
    services.move_item(item, current_user, request.form.get("direction", ""))
    return _back(item.meeting, f"item-{item.id}")


@bp.post("/<int:meeting_id>/order")
def order(meeting_id: int):
    """The whole order at once (drag and drop): ``order`` = item ids, comma-separated."""
    meeting = get_visible_or_404(Meeting, meeting_id)
    ids = [part for part in request.form.get("order", "").split(",") if part.strip()]
    try:
        services.reorder(meeting, current_user, ids)
    except ValidationError as exc:
        if _wants_json():
            return {"error": {"code": "validation_error", "message": exc.message}}, 422
        return render_view(meeting, error=exc.message, status=422)
    if _wants_json():
        return "", 204
    return _back(meeting)


@bp.post("/<int:meeting_id>/items/<int:item_id>/delete")
def delete_item(meeting_id: int, item_id: int):
    item = _item(meeting_id, item_id)
    meeting = item.meeting
    services.remove_item(item, current_user)
    flash(_("The item is removed from the agenda."), "success")
    return _back(meeting)


@bp.post("/<int:meeting_id>/questions")
def add_question(meeting_id: int):
    meeting = get_visible_or_404(Meeting, meeting_id)
    form = QuestionForm(prefix="bank")
    if form.validate_on_submit():
        try:
            goals.add_question(meeting, current_user, form.text.data)
        except ValidationError as exc:
            show_errors(form, exc)
        except Conflict as exc:
            form.text.errors = [exc.message]
        else:
            flash(_("The question is added to the team's bank."), "success")
            return _back(meeting, "questions")
    return render_view(meeting, question_form=form, status=422)
