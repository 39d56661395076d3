""""Kom og kig med" pages: ask, the inbox (received and sent), answer, cancel, .ics.

Only the requester and the invitees see a request (404 for everyone else). Every
state change goes through ``request_services``, whose state machine refuses anything
impossible with a ``Conflict``: the page flashes why, and nothing changes.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Response, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from observe.extensions import db
from observe.observations import ics, request_services
from observe.observations.forms import AnswerForm, RequestForm, situation_label
from observe.observations.models import ObservationRequest
from observe.observations.routes import (
    bp,
    colleagues_for,
    now_local,
    refuse,
    show_errors,
    teams_for,
)
from observe.permissions import get_visible_or_404
from observe.validation import Conflict, ValidationError


@bp.get("/requests/")
def requests():
    user = current_user
    received = db.session.scalars(request_services.received(user).limit(200)).all()
    sent = db.session.scalars(request_services.sent(user).limit(200)).all()
    return render_template("observations/requests.html", received=received, sent=sent,
                           is_overdue=request_services.is_overdue,
                           answer_form=AnswerForm())


@bp.route("/requests/new", methods=["GET", "POST"])
def new_request():
    user = current_user
    start = now_local() + timedelta(days=1)
    start = start.replace(hour=9, minute=0)
    first_team = next((t.id for t in user.teams if t.active), None)
    form = RequestForm(colleagues=colleagues_for(user), teams=teams_for(user),
                       window_start=start, window_end=start + timedelta(hours=2),
                       team_id=first_team)
    error, status = None, 200
    if form.validate_on_submit():
        try:
            req = request_services.create_request(user, form.values())
        except ValidationError as exc:
            error, status = show_errors(form, exc), 422
        else:
            session["draft_saved"] = "request:new"
            flash(_("Your request is sent."), "success")
            return redirect(url_for("observations.request_view", request_id=req.id))
    elif form.is_submitted():
        status = 422
    return render_template("observations/request_form.html", form=form,
                           error=error), status


@bp.get("/requests/<int:request_id>")
def request_view(request_id: int):
    req = get_visible_or_404(ObservationRequest, request_id)
    return render_template("observations/request_view.html", req=req,
                           overdue=request_services.is_overdue(req),
                           answer_form=AnswerForm())


def _act(request_id: int, action):
    req = get_visible_or_404(ObservationRequest, request_id)
    back = url_for("observations.request_view", request_id=req.id)
    form = AnswerForm()
    if not form.validate():
        return refuse(next(iter(form.errors.values()))[0], back)
    try:
        action(req, form.message.data)
    except (Conflict, ValidationError) as exc:
        return refuse(exc.message, back)
    return req, back


@bp.post("/requests/<int:request_id>/accept")
def accept(request_id: int):
    result = _act(request_id, lambda req, msg: request_services.accept_request(
        req, current_user, msg))
    if not isinstance(result, tuple):
        return result
    flash(_("You have accepted. Add it to your calendar, and write the observation "
            "afterwards from here."), "success")
    return redirect(result[1])


@bp.post("/requests/<int:request_id>/decline")
def decline(request_id: int):
    result = _act(request_id, lambda req, msg: request_services.decline_request(
        req, current_user, msg))
    if not isinstance(result, tuple):
        return result
    flash(_("You have declined the request."), "success")
    return redirect(url_for("observations.requests"))


@bp.post("/requests/<int:request_id>/cancel")
def cancel(request_id: int):
    result = _act(request_id, lambda req, msg: request_services.cancel_request(
        req, current_user))
    if not isinstance(result, tuple):
        return result
    flash(_("The request is cancelled."), "success")
    return redirect(result[1])


@bp.get("/requests/<int:request_id>/calendar.ics")
def request_ics(request_id: int):
    req = get_visible_or_404(ObservationRequest, request_id)
    if req.status != "accepted":
        return refuse(_("Only an accepted request can be added to a calendar."),
                      url_for("observations.request_view", request_id=req.id))
    situation = situation_label(req.situation) if req.situation else ""
    summary = _("Come and take a look: %(name)s", name=req.requester.name)
    if situation:
        summary += f" ({situation})"
    names = ", ".join(u.name for u in req.invitees)
    description = "\n".join([_("Focus question") + ": " + req.focus,
                             _("Invited") + ": " + names])
    url = url_for("observations.request_view", request_id=req.id, _external=True)
    body = ics.request_event(req, summary=summary, description=description, url=url,
                             host=request.host.split(":")[0] or "observe")
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="kom-og-kig-med-{req.id}.ics"'})

