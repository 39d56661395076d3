"""/teams and /themes: the institution's structure.

Everyone of the institution sees them; only an admin creates or changes them. A team or
theme is retired (``active: false``), never deleted: old records keep their links.
"""

from __future__ import annotations

from flask import url_for
from flask_login import current_user
from sqlalchemy import select

from observe.api import bp
from observe.api import openapi as doc
from observe.api.helpers import (
    Field,
    bool_arg,
    created,
    json_body,
    manageable_or_404,
    paginate,
    visible_or_404,
)
from observe.people import services
from observe.people.models import Team, Theme
from observe.permissions import require_admin, visible_filter

NAME = Field("string", required=True, max_length=120)
CREATE_FIELDS = {"name": NAME}
UPDATE_FIELDS = {"name": Field("string", max_length=120),
                 "active": Field("boolean", description="false retires it.")}


def team_json(team: Team) -> dict:
    return {"id": team.id, "name": team.name, "institution_id": team.institution_id,
            "active": team.active}


def theme_json(theme: Theme) -> dict:
    return {"id": theme.id, "name": theme.name, "active": theme.active}


def _listing(model, order_by, serialize):
    stmt = select(model).where(visible_filter(model)).order_by(*order_by)
    active = bool_arg("active")
    if active is not None:
        stmt = stmt.where(model.active.is_(active))
    return paginate(stmt, serialize)


# -- teams -------------------------------------------------------------------------------

@bp.get("/teams")
def list_teams():
    return _listing(Team, (Team.name, Team.id), team_json)


@bp.get("/teams/<int:team_id>")
def get_team(team_id: int):
    return team_json(visible_or_404(Team, team_id))


@bp.post("/teams")
def create_team():
    require_admin()
    data = json_body(CREATE_FIELDS)
    team = services.create_team(current_user.institution_id, data.get("name"))
    return created(team_json(team), url_for("api.get_team", team_id=team.id))


@bp.patch("/teams/<int:team_id>")
def update_team(team_id: int):
    team = manageable_or_404(Team, team_id)
    data = json_body(UPDATE_FIELDS)
    services.update_team(team, name=data.get("name"), active=data.get("active"))
    return team_json(team)


# -- themes ------------------------------------------------------------------------------

@bp.get("/themes")
def list_themes():
    return _listing(Theme, (Theme.position, Theme.id), theme_json)


@bp.get("/themes/<int:theme_id>")
def get_theme(theme_id: int):
    return theme_json(visible_or_404(Theme, theme_id))


@bp.post("/themes")
def create_theme():
    require_admin()
    data = json_body(CREATE_FIELDS)
    theme = services.create_theme(current_user.institution_id, data.get("name"))
    return created(theme_json(theme), url_for("api.get_theme", theme_id=theme.id))


@bp.patch("/themes/<int:theme_id>")
def update_theme(theme_id: int):
    theme = manageable_or_404(Theme, theme_id)
    data = json_body(UPDATE_FIELDS)
    services.update_theme(theme, name=data.get("name"), active=data.get("active"))
    return theme_json(theme)


# -- OpenAPI -----------------------------------------------------------------------------

doc.add_tag("teams", "Teams (rooms, classes) of the institution.")
doc.add_tag("themes", "Pedagogical themes used to tag observations and stories.")
doc.add_schema("Team", {
    "type": "object", "required": ["id", "name", "institution_id", "active"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                   "institution_id": {"type": "integer"}, "active": {"type": "boolean"}},
})
doc.add_schema("Theme", {
    "type": "object", "required": ["id", "name", "active"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                   "active": {"type": "boolean"}},
})
ACTIVE_FILTER = doc.query_param("active", {"type": "boolean"}, "Only active (true) or not.")
for _tag, _schema, _id in (("teams", "Team", "team_id"), ("themes", "Theme", "theme_id")):
    _one = _schema.lower()
    doc.add_path(f"/{_tag}", "get", doc.operation(
        f"List the {_tag} of your institution", tag=_tag,
        response=doc.page_of(_schema), paginated=True, params=[ACTIVE_FILTER]))
    doc.add_path(f"/{_tag}", "post", doc.operation(
        f"Create a {_one} (admin)", tag=_tag, status=201, body=CREATE_FIELDS,
        response=_schema, description="A name already in use answers 422."))
    doc.add_path(f"/{_tag}/{{{_id}}}", "get", doc.operation(
        f"One {_one}", tag=_tag, response=_schema, path_params=[_id]))
    doc.add_path(f"/{_tag}/{{{_id}}}", "patch", doc.operation(
        f"Rename or retire a {_one} (admin)", tag=_tag, body=UPDATE_FIELDS,
        response=_schema, path_params=[_id]))
