"""Imports every package's models so they are registered on the shared metadata
(for Alembic and for ``create_all`` in tests). A new package adds its line here."""

import observe.auth.models
import observe.insights.selfeval.models
import observe.meetings.models
import observe.observations.models
import observe.people.models
import observe.photos.models
import observe.search.outbox
import observe.stories.models  # noqa: F401
