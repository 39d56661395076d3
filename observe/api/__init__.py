"""JSON API v1: thin adapters over the same services and permission rules as the pages.

Each resource lives in its own module, which adds its routes to ``bp`` and documents
them in ``openapi`` at import time; a new module is added to the import list below.
Shared parsing, pagination and error helpers are in ``helpers``.
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

# Imported after ``bp`` exists: each module registers its routes on it.
from observe.api import (  # noqa: E402, F401
    children,
    helpers,
    insights,
    meetings,
    observations,
    openapi,
    people,
    photos,
    requests,
    search,
    stories,
    teams,
)

helpers.register_error_handlers(bp)
