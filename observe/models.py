"""Imports every package's models so they are registered on the shared metadata
(for Alembic and for ``create_all`` in tests). Later packages add their import here."""

from observe.auth.models import ApiToken, LoginFailure, SetupLink  # noqa: F401
from observe.people.models import Child, Institution, Team, Theme, User  # noqa: F401
from observe.observations.models import (  # noqa: F401, I001
    Observation,
    ObservationComment,
    ObservationRequest,
    RequestInvitee,
)
from observe.stories.models import Story, StoryComment  # noqa: F401, I001
from observe.photos.models import Photo  # noqa: F401, I001
from observe.search.outbox import SearchOutbox  # noqa: F401, I001
from observe.meetings.models import AgendaItem, DevelopmentPoint, Meeting  # noqa: F401, I001
from observe.meetings.models import FollowUp, Question, Reflection  # noqa: F401, I001
from observe.insights.selfeval.models import (  # noqa: F401, I001
    PlfStatement, SelfEvalAnswer, SelfEvalParticipation, SelfEvalRound, SelfEvalRoundStatement)
