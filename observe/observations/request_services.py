""""Kom og kig med" requests and their one state machine.

    open ──accept──> accepted ──observe──> done ──observe──> done
      │  └─decline (all invitees)─> declined
      └──cancel──> cancelled <──cancel── accepted

Only an invitee accepts or declines, and only an open request they have not answered;
only the requester cancels, an open or accepted one; a request becomes done when an
observation written from it is saved. Anything else raises ``Conflict`` (409) and
changes nothing; an action by someone who is not the right person is a 403.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import func, select

from observe import permissions
from observe.db import utcnow
from observe.extensions import db
from observe.observations.models import ObservationRequest, RequestInvitee
from observe.observations.services import (
    FOCUS_MAX,
    SITUATION_MAX,
    colleagues,
    parse_datetime,
    require,
    team_of,
)
from observe.people.models import User
from observe.validation import Conflict, ValidationError, text

TRANSITIONS: dict[str, dict[str, str]] = {
    "open": {"accept": "accepted", "decline": "declined", "cancel": "cancelled"},
    "accepted": {"cancel": "cancelled", "observe": "done"},
    "done": {"observe": "done"},  # several invitees may each write one
    "declined": {},
    "cancelled": {},
}
MESSAGE_MAX = 2_000
MAX_WINDOW = dt.timedelta(days=62)


def next_status(req: ObservationRequest, action: str) -> str:
    """The status ``action`` leads to from the request's current one, or ``Conflict``."""
    target = TRANSITIONS.get(req.status, {}).get(action)
    if target is None:
        raise Conflict(conflict_message(req.status, action))
    return target


def conflict_message(status: str, action: str) -> str:
    if status == "cancelled":
        return _("The request has been cancelled.")
    if status == "declined":
        return _("The request has been declined.")
    if status == "done":
        return _("The request is done: an observation has been written.")
    if status == "accepted" and action in ("accept", "decline"):
        return _("The request has already been accepted.")
    return _("That is not possible for this request right now.")


def create_request(requester: User, data: dict, *, now: dt.datetime | None = None
                   ) -> ObservationRequest:
    errors: dict = {}
    invitees = colleagues(requester, data.get("invitee_ids"), "invitee_ids", errors)
    if not invitees and "invitee_ids" not in errors:
        errors["invitee_ids"] = _("Invite at least one colleague.")
    team = team_of(requester, data.get("team_id"), errors)
    focus = text(data.get("focus"), "focus", required=True, max_length=FOCUS_MAX,
                 errors=errors)
    situation = text(data.get("situation"), "situation", max_length=SITUATION_MAX,
                     errors=errors)
    start = parse_datetime(data.get("window_start"), "window_start", errors)
    end = parse_datetime(data.get("window_end"), "window_end", errors)
    for name, value in (("window_start", start), ("window_end", end)):
        if value is None and name not in errors:
            errors[name] = _("Fill in this field.")
    if start and end:
        if end <= start:
            errors["window_end"] = _("The window must end after it starts.")
        elif end - start > MAX_WINDOW:
            errors["window_end"] = _("Keep the window within two months.")
        elif end <= (now or utcnow()):
            errors["window_end"] = _("The window must end in the future.")
    if errors:
        raise ValidationError(errors)
    req = ObservationRequest(
        institution_id=requester.institution_id, requester_id=requester.id,
        requester=requester, team_id=team.id, focus=focus, situation=situation or "",
        window_start=start, window_end=end, status="open",
        invitations=[RequestInvitee(user_id=u.id, user=u) for u in invitees])
    db.session.add(req)
    db.session.flush()
    return req


def _message(value) -> str:
    errors: dict = {}
    cleaned = text(value, "message", max_length=MESSAGE_MAX, errors=errors)
    if errors:
        raise ValidationError(errors)
    return cleaned or ""


def _answer(req: ObservationRequest, user: User, action: str, message) -> RequestInvitee:
    invitation = req.invitation_of(user)
    require(invitation is not None)  # only an invitee answers
    target = next_status(req, action)
    if invitation.answer != "pending":
        raise Conflict(_("You have already answered this request."))
    invitation.answer = "accepted" if action == "accept" else "declined"
    invitation.message = _message(message)
    invitation.answered_at = utcnow()
    if action == "accept" or all(i.answer == "declined" for i in req.invitations):
        req.status = target
    return invitation


def accept_request(req: ObservationRequest, user: User, message="") -> ObservationRequest:
    _answer(req, user, "accept", message)
    db.session.flush()
    return req


def decline_request(req: ObservationRequest, user: User, message="") -> ObservationRequest:
    """The request is declined once every invitee has declined; until then it stays
    open for the others."""
    _answer(req, user, "decline", message)
    db.session.flush()
    return req


def cancel_request(req: ObservationRequest, user: User) -> ObservationRequest:
    require(req.requester_id == user.id)
    req.status = next_status(req, "cancel")
    db.session.flush()
    return req


def mark_observed(req: ObservationRequest) -> None:
    """Called when an observation written from the request is saved."""
    req.status = next_status(req, "observe")


# -- reading ----------------------------------------------------------------------------

def is_overdue(req: ObservationRequest, now: dt.datetime | None = None) -> bool:
    """The window has passed and nothing was written: shown, never silently dropped."""
    return (req.status in ("open", "accepted") and req.window_end < (now or utcnow())
            and not req.observations)


def open_count(user: User) -> int:
    """Requests waiting for this user's answer, plus accepted ones still to observe."""
    waiting = select(func.count()).select_from(RequestInvitee).join(
        ObservationRequest).where(
        RequestInvitee.user_id == user.id,
        ((ObservationRequest.status == "open") & (RequestInvitee.answer == "pending"))
        | ((ObservationRequest.status == "accepted") & (RequestInvitee.answer == "accepted")))
    return db.session.scalar(waiting) or 0


def received(user: User):
    return (select(ObservationRequest)
            .where(permissions.visible_filter(ObservationRequest, user),
                   ObservationRequest.id.in_(select(RequestInvitee.request_id).where(
                       RequestInvitee.user_id == user.id)))
            .order_by(ObservationRequest.window_start.desc(), ObservationRequest.id.desc()))


def sent(user: User):
    return (select(ObservationRequest)
            .where(permissions.visible_filter(ObservationRequest, user),
                   ObservationRequest.requester_id == user.id)
            .order_by(ObservationRequest.window_start.desc(), ObservationRequest.id.desc()))
