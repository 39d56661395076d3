"""Imports every package's models so they are registered on the shared metadata
(for Alembic and for ``create_all`` in tests). Later packages add their import here."""

from observe.auth.models import ApiToken, LoginFailure, SetupLink  # noqa: F401
from observe.people.models import Child, Institution, Team, Theme, User  # noqa: F401
from observe.observations.models import (  # noqa: F401
    Observation,
    ObservationComment,
    ObservationRequest,
    RequestInvitee,
)
from observe.stories.models import Story, StoryComment  # noqa: F401, I001
from observe.photos.models import Photo  # noqa: F401, I001
