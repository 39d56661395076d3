"""Who may see and do what. Every route, service, the API and (later) search ask here.

Two kinds of question:
- "may this user do X to this record?"  -> ``can_view`` / ``can_manage`` / ``require_*``
- "which records may this user see?"    -> ``visible_filter`` (a WHERE clause)

Rules:
- Everything is scoped to the user's institution. A record of another institution, or
  one the user may not see, answers 404, never 403: we never reveal that it exists.
- Admins manage accounts, teams, children and themes of their own institution. They
  get no back door into colleagues' content: content rules never mention the admin role.
- Role checks for admin pages answer 403: the page's existence is no secret.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from observe.extensions import db
from observe.people.models import Child, Team, Theme, User

ADMIN_ROLES = frozenset({"admin"})

# Models whose visibility is "anyone of the same institution".
INSTITUTION_SCOPED = (Team, User, Child, Theme)


def _user(user=None):
    return user if user is not None else current_user


def is_admin(user=None) -> bool:
    user = _user(user)
    return bool(user and user.is_authenticated and user.role in ADMIN_ROLES)


def same_institution(user, record) -> bool:
    return getattr(record, "institution_id", None) == user.institution_id


# Content rules, one pair per record type, filled in by the sections further down:
#   VIEW_RULES[Model]   = fn(user, record) -> bool          "may this user see it?"
#   FILTER_RULES[Model] = fn(user) -> SQL WHERE clause     "which rows may they see?"
# Both must say the same thing; tests check every cell of each matrix through HTTP.
VIEW_RULES: dict[type, Callable] = {}
FILTER_RULES: dict[type, Callable] = {}


def visible_filter(model, user=None):
    """A WHERE clause that limits ``model`` to the rows the user may see."""
    user = _user(user)
    if model in INSTITUTION_SCOPED:
        return model.institution_id == user.institution_id
    if model in FILTER_RULES:
        return FILTER_RULES[model](user)
    raise LookupError(f"no visibility rule for {model.__name__}")


def can_view(record, user=None) -> bool:
    user = _user(user)
    if record is None or not user or not user.is_authenticated:
        return False
    if isinstance(record, INSTITUTION_SCOPED):
        return same_institution(user, record)
    rule = VIEW_RULES.get(type(record))
    if rule is None:
        raise LookupError(f"no visibility rule for {type(record).__name__}")
    return same_institution(user, record) and rule(user, record)


def can_manage(record, user=None) -> bool:
    """Administrative changes to people, teams, children and themes."""
    user = _user(user)
    return can_view(record, user) and is_admin(user)


MAX_ID = 2**63 - 1  # beyond any database's integer; SQLite would raise OverflowError


def get_visible_or_404(model, record_id, user=None):
    valid = isinstance(record_id, int) and 0 < record_id <= MAX_ID
    record = db.session.get(model, record_id) if valid else None
    if record is None or not can_view(record, user):
        abort(404)
    return record


def get_manageable_or_404(model, record_id, user=None):
    """Load for an admin change: invisible is 404, visible but not allowed is 403."""
    record = get_visible_or_404(model, record_id, user)
    if not can_manage(record, user):
        abort(403)
    return record


def require(allowed: bool) -> None:
    """Visible but not yours to do: 403 (the record's existence is no secret to you).
    Services call this with one of the ``can_*`` answers below."""
    if not allowed:
        abort(403)


def require_admin() -> None:
    if not is_admin():
        abort(403)


def admin_required(view: Callable) -> Callable:
    """Route decorator for the institution's administration pages."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        require_admin()
        return view(*args, **kwargs)

    return wrapper


def public(view: Callable) -> Callable:
    """Mark a view as reachable without login. Everything else is denied by default."""
    view.is_public = True
    return view


def is_public_view(view: Callable | None) -> bool:
    return bool(getattr(view, "is_public", False))


# -- observations and requests ------------------------------------------------------------
# The observed colleague is in control. ``private``: the author only; ``observed``: the
# author and the observed colleagues; ``team``: also the members of the observation's
# team. Only an observed colleague widens to ``team``; the author (or the observed
# colleague) may narrow again. No rule mentions a role: leaders and admins see what
# their own membership and authorship give them, like everyone else.

from sqlalchemy import and_, or_, select  # noqa: E402

from observe.observations.models import (  # noqa: E402
    Observation,
    ObservationComment,
    ObservationRequest,
    RequestInvitee,
    observation_observed,
)
from observe.people.models import team_members  # noqa: E402


def _is_observed(user, observation: Observation) -> bool:
    return any(u.id == user.id for u in observation.observed)


def _view_observation(user, observation: Observation) -> bool:
    if observation.author_id == user.id:
        return True
    if observation.visibility == "private":
        return False
    if _is_observed(user, observation):
        return True
    return observation.visibility == "team" and observation.team_id in user.team_ids


def _filter_observation(user):
    observed_by_me = Observation.id.in_(
        select(observation_observed.c.observation_id)
        .where(observation_observed.c.user_id == user.id))
    my_teams = select(team_members.c.team_id).where(team_members.c.user_id == user.id)
    return and_(Observation.institution_id == user.institution_id, or_(
        Observation.author_id == user.id,
        and_(Observation.visibility.in_(("observed", "team")), observed_by_me),
        and_(Observation.visibility == "team", Observation.team_id.in_(my_teams)),
    ))


def _view_comment(user, comment: ObservationComment) -> bool:
    return _view_observation(user, comment.observation)


def _filter_comment(user):
    return ObservationComment.observation_id.in_(
        select(Observation.id).where(_filter_observation(user)))


def _view_request(user, req: ObservationRequest) -> bool:
    return req.requester_id == user.id or user.id in req.invitee_ids


def _filter_request(user):
    invited = ObservationRequest.id.in_(
        select(RequestInvitee.request_id).where(RequestInvitee.user_id == user.id))
    return and_(ObservationRequest.institution_id == user.institution_id,
                or_(ObservationRequest.requester_id == user.id, invited))


VIEW_RULES.update({Observation: _view_observation, ObservationComment: _view_comment,
                   ObservationRequest: _view_request})
FILTER_RULES.update({Observation: _filter_observation, ObservationComment: _filter_comment,
                     ObservationRequest: _filter_request})


def can_edit_observation(observation, user=None) -> bool:
    """Only the author edits the text: it is their description."""
    user = _user(user)
    return can_view(observation, user) and observation.author_id == user.id


def can_delete_observation(observation, user=None) -> bool:
    return can_edit_observation(observation, user)


def can_comment(observation, user=None) -> bool:
    """Shared with the team: any team member; not shared: the author and the observed.
    That is exactly who can see it, and the rule is stated here so it stays so."""
    user = _user(user)
    if not can_view(observation, user):
        return False
    if observation.visibility == "team":
        return True
    return observation.author_id == user.id or _is_observed(user, observation)


def can_respond(observation, user=None) -> bool:
    """The observed colleague writes their own reflection."""
    user = _user(user)
    return can_view(observation, user) and _is_observed(user, observation)


def can_share(observation, user=None) -> bool:
    """Only an observed colleague widens to the team: trust comes first."""
    return can_respond(observation, user) and observation.visibility == "observed"


def can_unshare(observation, user=None) -> bool:
    """Back from the team to the author and the observed: either of them may."""
    user = _user(user)
    return (observation.visibility == "team" and can_view(observation, user)
            and (observation.author_id == user.id or _is_observed(user, observation)))


def can_narrow_to_private(observation, user=None) -> bool:
    """The author may take their observation back to a private draft."""
    return can_edit_observation(observation, user) and observation.visibility != "private"


def can_publish_draft(observation, user=None) -> bool:
    """The author shares a private draft with the observed colleague(s)."""
    return can_edit_observation(observation, user) and observation.visibility == "private"


def can_edit_comment(comment, user=None) -> bool:
    user = _user(user)
    return can_view(comment, user) and comment.author_id == user.id


def can_delete_comment(comment, user=None) -> bool:
    return can_edit_comment(comment, user)


def can_answer_request(req, user=None) -> bool:
    """An invitee answers an open request, once."""
    user = _user(user)
    if not can_view(req, user) or req.status != "open":
        return False
    invitation = req.invitation_of(user)
    return invitation is not None and invitation.answer == "pending"


def can_cancel_request(req, user=None) -> bool:
    user = _user(user)
    return (can_view(req, user) and req.requester_id == user.id
            and req.status in ("open", "accepted"))


def can_observe_from_request(req, user=None) -> bool:
    """An invitee who has not declined writes the observation of an accepted request."""
    user = _user(user)
    if not can_view(req, user) or req.status not in ("accepted", "done"):
        return False
    invitation = req.invitation_of(user)
    return invitation is not None and invitation.answer != "declined"


# -- learning stories and photos ----------------------------------------------------------
# A story is ``private`` (the author only) or shared with its ``team`` (members of
# story.team_id, and the author). Only the author edits or deletes it; whoever may see
# a shared story may comment. A photo is visible exactly when its record (story or
# observation) is visible AND it shows no child whose photo consent is now ``none``:
# withdrawn consent hides the photo at once, for everyone. No leader or admin back door.

from observe.photos.models import Photo  # noqa: E402
from observe.stories.models import Story, StoryComment  # noqa: E402


def _view_story(user, story: Story) -> bool:
    if story.author_id == user.id:
        return True
    return story.visibility == "team" and story.team_id in user.team_ids


def _filter_story(user):
    my_teams = select(team_members.c.team_id).where(team_members.c.user_id == user.id)
    return and_(Story.institution_id == user.institution_id, or_(
        Story.author_id == user.id,
        and_(Story.visibility == "team", Story.team_id.in_(my_teams)),
    ))


def _view_story_comment(user, comment: StoryComment) -> bool:
    return _view_story(user, comment.story)


def _filter_story_comment(user):
    return StoryComment.story_id.in_(select(Story.id).where(_filter_story(user)))


def _view_photo(user, photo: Photo) -> bool:
    record = photo.record
    return (record is not None and not photo.is_hidden
            and same_institution(user, record) and VIEW_RULES[type(record)](user, record))


def _filter_photo(user):
    return and_(
        Photo.institution_id == user.institution_id,
        ~Photo.hidden_clause(),
        or_(Photo.story_id.in_(select(Story.id).where(_filter_story(user))),
            Photo.observation_id.in_(select(Observation.id).where(
                _filter_observation(user)))),
    )


VIEW_RULES.update({Story: _view_story, StoryComment: _view_story_comment,
                   Photo: _view_photo})
FILTER_RULES.update({Story: _filter_story, StoryComment: _filter_story_comment,
                     Photo: _filter_photo})


def can_edit_story(story, user=None) -> bool:
    user = _user(user)
    return can_view(story, user) and story.author_id == user.id


def can_comment_story(story, user=None) -> bool:
    """Colleagues comment on a shared story; on a private draft only the author notes."""
    return can_view(story, user)


def can_edit_story_comment(comment, user=None) -> bool:
    user = _user(user)
    return can_view(comment, user) and comment.author_id == user.id


def can_edit_photos_of(record, user=None) -> bool:
    """Adding or removing photos is editing the record: its author only."""
    if isinstance(record, Story):
        return can_edit_story(record, user)
    return can_edit_observation(record, user)


def can_delete_photo(photo, user=None) -> bool:
    record = photo.record
    return record is not None and can_view(photo, user) and can_edit_photos_of(record, user)


def can_delete_hidden_photo(photo, user=None) -> bool:
    """An admin clears photos hidden by withdrawn consent, without seeing them."""
    user = _user(user)
    return is_admin(user) and photo.institution_id == user.institution_id and photo.is_hidden


# -- meetings (refleksionsmøder) -----------------------------------------------------------
# A meeting, its agenda and its development points are visible to the members of the
# meeting's team (membership now, not at the time of the meeting). Phase A reflections
# are their author's alone until the facilitator reveals them all together; after
# that, the team sees them (names or anonymous, as the team chose). Nobody else sees a
# reflection before the reveal: not the facilitator, not a leader, not an admin. Whether
# an example's own text may be shown is the example's own rule (``can_view`` on the
# record, for every participant), decided in ``meetings.services.example_state``.

from observe.meetings.models import (  # noqa: E402
    AgendaItem,
    DevelopmentPoint,
    Meeting,
    Reflection,
)


def _view_meeting(user, meeting: Meeting) -> bool:
    return meeting.team_id in user.team_ids


def _filter_meeting(user):
    my_teams = select(team_members.c.team_id).where(team_members.c.user_id == user.id)
    return and_(Meeting.institution_id == user.institution_id,
                Meeting.team_id.in_(my_teams))


def _view_item(user, item: AgendaItem) -> bool:
    return _view_meeting(user, item.meeting)


def _filter_item(user):
    return AgendaItem.meeting_id.in_(select(Meeting.id).where(_filter_meeting(user)))


def _view_reflection(user, reflection: Reflection) -> bool:
    if reflection.author_id == user.id:
        return True
    meeting = reflection.item.meeting
    return meeting.is_revealed and _view_meeting(user, meeting)


def _filter_reflection(user):
    revealed = select(AgendaItem.id).join(Meeting).where(
        _filter_meeting(user), Meeting.reflections_revealed_at.is_not(None))
    return or_(Reflection.author_id == user.id, Reflection.agenda_item_id.in_(revealed))


def _view_point(user, point: DevelopmentPoint) -> bool:
    return point.team_id in user.team_ids


def _filter_point(user):
    my_teams = select(team_members.c.team_id).where(team_members.c.user_id == user.id)
    return and_(DevelopmentPoint.institution_id == user.institution_id,
                DevelopmentPoint.team_id.in_(my_teams))


VIEW_RULES.update({Meeting: _view_meeting, AgendaItem: _view_item,
                   Reflection: _view_reflection, DevelopmentPoint: _view_point})
FILTER_RULES.update({Meeting: _filter_meeting, AgendaItem: _filter_item,
                     Reflection: _filter_reflection, DevelopmentPoint: _filter_point})


def can_facilitate(meeting, user=None) -> bool:
    """Settings, phases and the reveal belong to the facilitator."""
    user = _user(user)
    return can_view(meeting, user) and meeting.facilitator_id == user.id


def can_prepare(meeting, user=None) -> bool:
    """Any team member may add to and order the agenda of a meeting not yet held:
    preparing is a shared task of the team."""
    return can_view(meeting, user) and not meeting.is_done


def can_reflect(meeting, user=None) -> bool:
    """Participants write their own phase A reflection until the reveal."""
    user = _user(user)
    return (can_view(meeting, user) and user.id in meeting.participant_ids
            and not meeting.is_revealed and meeting.phase in ("prepare", "a"))


def can_take_notes(meeting, user=None) -> bool:
    return can_view(meeting, user) and meeting.phase in ("b", "c")


def can_set_goals(meeting, user=None) -> bool:
    return can_view(meeting, user) and meeting.phase == "c"


def can_follow_up(meeting, user=None) -> bool:
    return can_view(meeting, user) and not meeting.is_done


# -- insights and self-evaluation ----------------------------------------------------------
# The team insights page and the team's self-evaluation rounds belong to the members of
# the team (any role: a leader or resource person who is a member sees them like
# everyone else). A leader outside the team has no team page: the figures belong in
# the team's reflection session, not in a control panel. The institution page shows
# counts per team only, to leaders and admins of the institution (admins manage the
# structure the counts are grouped by; counts reveal no content). Self-evaluation
# answers are anonymous by construction (see insights.selfeval.models): no rule here
# ever gives anyone, of any role, one person's answers.

from observe.insights.selfeval.models import PlfStatement, SelfEvalRound  # noqa: E402

INSTITUTION_INSIGHT_ROLES = frozenset({"leader", "admin"})


def _view_round(user, rnd: SelfEvalRound) -> bool:
    return rnd.team_id in user.team_ids


def _filter_round(user):
    my_teams = select(team_members.c.team_id).where(team_members.c.user_id == user.id)
    return and_(SelfEvalRound.institution_id == user.institution_id,
                SelfEvalRound.team_id.in_(my_teams))


VIEW_RULES.update({SelfEvalRound: _view_round, PlfStatement: lambda user, s: True})
FILTER_RULES.update({SelfEvalRound: _filter_round,
                     PlfStatement: lambda user: PlfStatement.institution_id
                     == user.institution_id})


def can_view_team_insights(team, user=None) -> bool:
    user = _user(user)
    return (team is not None and bool(user and user.is_authenticated)
            and same_institution(user, team) and team.id in user.team_ids)


def can_view_institution_insights(user=None) -> bool:
    user = _user(user)
    return bool(user and user.is_authenticated and user.role in INSTITUTION_INSIGHT_ROLES)
