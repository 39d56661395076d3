"""Observations and their comments: the rules pages and API share.

Services add and flush; the request commits. Bad input raises ``ValidationError``
(422), an impossible state change ``Conflict`` (409), and an action by someone who may
see the record but not do this a ``Forbidden`` (403). Records the user may not see are
never passed in: routes load them through ``observe.permissions`` (404).

Visibility grows in steps the observed colleague agrees to: a new observation is
``observed`` (or a ``private`` draft if the author asks); only an observed colleague
widens it to ``team``; the author may narrow it again, and the observed colleague may
take a share back.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask_babel import get_timezone
from flask_babel import gettext as _
from sqlalchemy import select

from observe import permissions
from observe.db import utcnow
from observe.extensions import db
from observe.observations.models import (
    VISIBILITIES,
    Observation,
    ObservationComment,
    ObservationRequest,
)
from observe.people.models import Child, Team, Theme, User
from observe.permissions import require
from observe.validation import Conflict, ValidationError, required_text, text

NARRATIVE_MAX = 20_000
FOCUS_MAX = 2_000
SITUATION_MAX = 120
COMMENT_MAX = 5_000
TEXT_FIELDS = {"situation": SITUATION_MAX, "focus": FOCUS_MAX, "body": NARRATIVE_MAX,
               "interpretation": NARRATIVE_MAX, "wonderings": NARRATIVE_MAX}




# -- parsing shared by the observation and request services ------------------------------

def local_tz() -> ZoneInfo:
    """The institution's wall clock (Babel's timezone, as a zoneinfo: a pytz zone passed
    to ``replace(tzinfo=...)`` would give the historical local mean time)."""
    return ZoneInfo(str(get_timezone()))


def parse_datetime(value, name: str, errors: dict) -> dt.datetime | None:
    """A tz-aware datetime from a datetime or an ISO 8601 string; a value without an
    offset is read as local time (the institution's clock on the wall)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            errors[name] = _("Must be a date and time in ISO 8601 format.")
            return None
    if not isinstance(value, dt.datetime):
        errors[name] = _("Must be a date and time in ISO 8601 format.")
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=local_tz())
    if not dt.datetime(1990, 1, 1, tzinfo=dt.UTC) <= value <= utcnow() + dt.timedelta(
            days=800):
        errors[name] = _("This date is not plausible.")
        return None
    return value


def _ids(values, name: str, errors: dict) -> list[int]:
    try:
        return sorted({int(v) for v in (values or [])})
    except (TypeError, ValueError):
        errors[name] = _("Must be a list of whole numbers.")
        return []


def records(model, institution_id: int, ids, name: str, errors: dict, *extra) -> list:
    """Resolve ids to records of the same institution; unknown ids are a 422."""
    ids = _ids(ids, name, errors)
    if not ids:
        return []
    found = list(db.session.scalars(select(model).where(
        model.id.in_(ids), model.institution_id == institution_id, *extra)))
    if len(found) != len(ids):
        errors[name] = _("Unknown or inactive choice.")
    return found


def colleagues(author: User, ids, name: str, errors: dict) -> list[User]:
    users = records(User, author.institution_id, ids, name, errors, User.active)
    if any(user.id == author.id for user in users):
        errors[name] = _("Choose colleagues other than yourself.")
    return users


def team_of(user: User, team_id, errors: dict, name: str = "team_id") -> Team | None:
    """The given team of the institution, or the user's first active team."""
    if team_id in (None, ""):
        team = next((t for t in user.teams if t.active), None)
        if team is None:
            errors[name] = _("Choose a team.")
        return team
    found = records(Team, user.institution_id, [team_id], name, errors)
    return found[0] if found else None


# -- observations --------------------------------------------------------------------

def _apply(observation: Observation, author: User, data: dict, errors: dict) -> None:
    for name, limit in TEXT_FIELDS.items():
        if name in data:
            value = text(data[name], name, required=name == "body", max_length=limit,
                         errors=errors)
            setattr(observation, name, value or "")
    if "observed_ids" in data:
        observation.observed = colleagues(author, data["observed_ids"], "observed_ids", errors)
    if not observation.observed and "observed_ids" not in errors:
        errors["observed_ids"] = _("Choose at least one observed colleague.")
    if "team_id" in data or observation.team_id is None:
        team = team_of(author, data.get("team_id"), errors)
        if team is not None:
            observation.team_id = team.id
    if "occurred_at" in data:
        observation.occurred_at = parse_datetime(data["occurred_at"], "occurred_at", errors)
    if observation.occurred_at is None and "occurred_at" not in errors:
        observation.occurred_at = utcnow()
    if "theme_ids" in data:
        observation.themes = records(Theme, author.institution_id, data["theme_ids"],
                                     "theme_ids", errors)
    if "child_ids" in data:
        observation.children = records(Child, author.institution_id, data["child_ids"],
                                       "child_ids", errors)


def create_observation(author: User, data: dict) -> Observation:
    """A new observation, from scratch or from a request the author accepted.

    From a request, the focus, situation, team and observed colleague (the requester)
    default to the request's, and saving the observation completes the request."""
    from observe.observations import request_services

    errors: dict = {}
    data = dict(data)
    req = None
    if data.get("request_id") is not None:
        req = _request_for(author, data["request_id"], errors)
        if req is not None:
            for name, value in (("focus", req.focus), ("situation", req.situation),
                                ("team_id", req.team_id),
                                ("observed_ids", [req.requester_id])):
                if data.get(name) in (None, "", []):
                    data[name] = value
    visibility = data.get("visibility") or "observed"
    if visibility not in ("private", "observed"):
        errors["visibility"] = (_("Only an observed colleague can share with the team.")
                                if visibility == "team" else _("Unknown visibility."))
    observation = Observation(institution_id=author.institution_id, author_id=author.id,
                              author=author, visibility=visibility, team_id=None,
                              occurred_at=None)
    data.setdefault("body", "")
    _apply(observation, author, data, errors)
    if errors:
        raise ValidationError(errors)
    db.session.add(observation)
    if req is not None:
        observation.request = req
        request_services.mark_observed(req)
    db.session.flush()
    return observation


def _request_for(author: User, request_id, errors: dict) -> ObservationRequest | None:
    req = db.session.get(ObservationRequest, request_id) if isinstance(
        request_id, int) and 0 < request_id <= permissions.MAX_ID else None
    if req is None or not permissions.can_view(req, author):
        errors["request_id"] = _("Unknown request.")
        return None
    if not permissions.can_observe_from_request(req, author):
        raise Conflict(_("You can write an observation from this request once you have "
                         "accepted it."))
    return req


def update_observation(observation: Observation, user: User, data: dict) -> Observation:
    """The author edits the text; visibility changes go through ``set_visibility``."""
    require(permissions.can_edit_observation(observation, user))
    data = dict(data)
    visibility = data.pop("visibility", None)
    errors: dict = {}
    _apply(observation, user, data, errors)
    if errors:
        raise ValidationError(errors)
    if visibility is not None:
        set_visibility(observation, user, visibility)
    db.session.flush()
    return observation


def set_visibility(observation: Observation, user: User, visibility: str) -> Observation:
    """Widen or narrow, each step by the person it belongs to."""
    if visibility not in VISIBILITIES:
        raise ValidationError({"visibility": _("Unknown visibility.")})
    current = observation.visibility
    if visibility == current:
        return observation
    if visibility == "team":
        return share_observation(observation, user)
    if visibility == "private":
        require(permissions.can_edit_observation(observation, user))
    elif current == "team":
        require(permissions.can_unshare(observation, user))
    else:
        require(permissions.can_publish_draft(observation, user))
    observation.visibility = visibility
    db.session.flush()
    return observation


def share_observation(observation: Observation, user: User) -> Observation:
    """Only an observed colleague shares with the team: it is their practice."""
    require(permissions.can_respond(observation, user))
    if observation.visibility != "observed":
        raise Conflict(_("This observation is already shared with the team."))
    observation.visibility = "team"
    db.session.flush()
    return observation


def write_response(observation: Observation, user: User, response) -> Observation:
    require(permissions.can_respond(observation, user))
    errors: dict = {}
    cleaned = text(response, "response", max_length=NARRATIVE_MAX, errors=errors)
    if errors:
        raise ValidationError(errors)
    observation.response = cleaned or ""
    observation.response_by_id = user.id if cleaned else None
    observation.response_at = utcnow() if cleaned else None
    db.session.flush()
    return observation


def delete_observation(observation: Observation, user: User) -> None:
    """Deleting removes the comments (database cascade) and the photos."""
    require(permissions.can_delete_observation(observation, user))
    delete_photos_of(observation)
    db.session.delete(observation)
    db.session.flush()


def delete_photos_of(observation: Observation) -> None:
    """Photos go with their observation: rows now, files after the commit."""
    from observe.photos.services import delete_photos_for  # photos imports our models

    delete_photos_for(observation)


# -- comments ------------------------------------------------------------------------

def _comment_body(value) -> str:
    return required_text(value, "body", COMMENT_MAX)


def add_comment(observation: Observation, user: User, body) -> ObservationComment:
    require(permissions.can_comment(observation, user))
    comment = ObservationComment(observation=observation, author_id=user.id, author=user,
                                 body=_comment_body(body))
    db.session.add(comment)
    db.session.flush()
    return comment


def update_comment(comment: ObservationComment, user: User, body) -> ObservationComment:
    require(permissions.can_edit_comment(comment, user))
    comment.body = _comment_body(body)
    db.session.flush()
    return comment


def delete_comment(comment: ObservationComment, user: User) -> None:
    require(permissions.can_delete_comment(comment, user))
    db.session.delete(comment)
    db.session.flush()
