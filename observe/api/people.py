"""/me and /people: who is calling, and the institution's staff.

Everyone of the institution may list colleagues (to choose whom to observe); only an
admin creates or changes accounts. Routes are thin: permission, body, service, JSON.
"""

from __future__ import annotations

from flask import url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from observe.api import bp
from observe.api import openapi as doc
from observe.api.helpers import (
    Field,
    bool_arg,
    choice_arg,
    created,
    int_arg,
    json_body,
    manageable_or_404,
    paginate,
    visible_or_404,
)
from observe.people import services
from observe.people.models import ROLES, Team, User
from observe.permissions import require_admin, visible_filter

PERSON_FIELDS = {
    "name": Field("string", required=True, max_length=120),
    "email": Field("string", required=True, max_length=254),
    "role": Field("string", enum=ROLES, description="Default: staff."),
    "team_ids": Field("integer[]", description="Teams of the same institution."),
}
PERSON_CREATE = {**PERSON_FIELDS, "password": Field(
    "string", description="A first password the colleague must change at first login. "
                          "Without one, the answer carries a one-time `setup_url`.")}
PERSON_UPDATE = {
    **{name: Field(f.kind, enum=f.enum, max_length=f.max_length)
       for name, f in PERSON_FIELDS.items()},
    "active": Field("boolean", description="false ends the colleague's sessions."),
}


def me_json(user: User) -> dict:
    return {"id": user.id, "name": user.name, "email": user.email, "role": user.role,
            "institution_id": user.institution_id, "team_ids": user.team_ids,
            "language": user.language}


def person_json(user: User) -> dict:
    return {"id": user.id, "name": user.name, "email": user.email, "role": user.role,
            "team_ids": user.team_ids, "active": user.active}


@bp.get("/me")
def me():
    return me_json(current_user)


@bp.get("/people")
def list_people():
    stmt = (select(User).where(visible_filter(User)).options(selectinload(User.teams))
            .order_by(User.name, User.id))
    team = int_arg("team")
    if team is not None:
        stmt = stmt.where(User.teams.any(Team.id == team))
    active = bool_arg("active")
    if active is not None:
        stmt = stmt.where(User.active.is_(active))
    role = choice_arg("role", ROLES)
    if role is not None:
        stmt = stmt.where(User.role == role)
    return paginate(stmt, person_json)


@bp.get("/people/<int:person_id>")
def get_person(person_id: int):
    return person_json(visible_or_404(User, person_id))


@bp.post("/people")
def create_person():
    require_admin()
    data = json_body(PERSON_CREATE)
    user, setup_token = services.create_person(
        current_user.institution_id, name=data.get("name"), email=data.get("email"),
        role=data.get("role") or "staff", team_ids=data.get("team_ids") or (),
        password=data.get("password") or None)
    body = person_json(user)
    if setup_token:
        body["setup_url"] = url_for("auth.setup", token=setup_token, _external=True)
    return created(body, url_for("api.get_person", person_id=user.id))


@bp.patch("/people/<int:person_id>")
def update_person(person_id: int):
    user = manageable_or_404(User, person_id)
    data = json_body(PERSON_UPDATE)
    services.update_person(user, **data, by=current_user)
    return person_json(user)


# -- OpenAPI -----------------------------------------------------------------------------

doc.add_tag("people", "The caller and the institution's staff.")
doc.add_schema("Me", {
    "type": "object",
    "required": ["id", "name", "email", "role", "institution_id", "team_ids", "language"],
    "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"},
        "email": {"type": "string", "format": "email"},
        "role": {"type": "string", "enum": list(ROLES)},
        "institution_id": {"type": "integer"},
        "team_ids": {"type": "array", "items": {"type": "integer"}},
        "language": {"type": "string", "enum": ["da", "en"]},
    },
})
PERSON_SCHEMA = {
    "type": "object",
    "required": ["id", "name", "email", "role", "team_ids", "active"],
    "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"},
        "email": {"type": "string", "format": "email"},
        "role": {"type": "string", "enum": list(ROLES)},
        "team_ids": {"type": "array", "items": {"type": "integer"}},
        "active": {"type": "boolean"},
    },
}
doc.add_schema("Person", PERSON_SCHEMA)
doc.add_schema("CreatedPerson", {**PERSON_SCHEMA, "properties": {
    **PERSON_SCHEMA["properties"],
    "setup_url": {"type": "string", "format": "uri",
                  "description": "One-time link to choose a password; present only "
                                 "when no password was given. Hand it over in person."},
}})
doc.add_path("/me", "get", doc.operation("The calling user", tag="people", response="Me"))
doc.add_path("/people", "get", doc.operation(
    "List colleagues of your institution", tag="people", response=doc.page_of("Person"),
    paginated=True, params=[
        doc.query_param("team", {"type": "integer"}, "Only members of this team."),
        doc.query_param("active", {"type": "boolean"}, "Only active (true) or not."),
        doc.query_param("role", {"type": "string", "enum": list(ROLES)}),
    ]))
doc.add_path("/people", "post", doc.operation(
    "Create a colleague (admin)", tag="people", status=201, body=PERSON_CREATE,
    response="CreatedPerson"))
doc.add_path("/people/{person_id}", "get", doc.operation(
    "One colleague", tag="people", response="Person", path_params=["person_id"]))
doc.add_path("/people/{person_id}", "patch", doc.operation(
    "Change a colleague (admin)", tag="people", body=PERSON_UPDATE, response="Person",
    path_params=["person_id"],
    description="Only the fields sent change. The last active admin cannot be demoted "
                "or deactivated (422)."))
