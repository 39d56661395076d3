"""/children: the institution's children, as little about them as the work needs.

A child is named by first name and last initial only. Everyone of the institution sees
them (to tag stories); only an admin creates or changes them. A child who leaves is
marked inactive, never deleted: their stories stay.
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
    int_arg,
    json_body,
    manageable_or_404,
    paginate,
    visible_or_404,
)
from observe.people import services
from observe.people.models import PHOTO_CONSENTS, Child
from observe.permissions import require_admin, visible_filter

CHILD_FIELDS = {
    "first_name": Field("string", required=True, max_length=80),
    "last_initial": Field("string", required=True, max_length=3,
                          description="Stored upper-case, without a trailing dot."),
    "birth_date": Field("date", nullable=True),
    "team_id": Field("integer", required=True),
    "photo_consent": Field("string", enum=PHOTO_CONSENTS, description="Default: none."),
}
CHILD_UPDATE = {
    **{name: Field(f.kind, nullable=f.nullable, enum=f.enum, max_length=f.max_length,
                   description=f.description) for name, f in CHILD_FIELDS.items()},
    "active": Field("boolean", description="false marks the child as having left."),
}


def child_json(child: Child) -> dict:
    return {"id": child.id, "first_name": child.first_name,
            "last_initial": child.last_initial,
            "birth_date": child.birth_date.isoformat() if child.birth_date else None,
            "team_id": child.team_id, "photo_consent": child.photo_consent,
            "active": child.active}


@bp.get("/children")
def list_children():
    stmt = (select(Child).where(visible_filter(Child))
            .order_by(Child.first_name, Child.last_initial, Child.id))
    team = int_arg("team")
    if team is not None:
        stmt = stmt.where(Child.team_id == team)
    active = bool_arg("active")
    if active is not None:
        stmt = stmt.where(Child.active.is_(active))
    return paginate(stmt, child_json)


@bp.get("/children/<int:child_id>")
def get_child(child_id: int):
    return child_json(visible_or_404(Child, child_id))


@bp.post("/children")
def create_child():
    require_admin()
    data = json_body(CHILD_FIELDS)
    child = services.create_child(current_user.institution_id, **data)
    return created(child_json(child), url_for("api.get_child", child_id=child.id))


@bp.patch("/children/<int:child_id>")
def update_child(child_id: int):
    child = manageable_or_404(Child, child_id)
    data = json_body(CHILD_UPDATE)
    services.update_child(child, **data)
    return child_json(child)


# -- OpenAPI -----------------------------------------------------------------------------

doc.add_tag("children", "Children of the institution.")
doc.add_schema("Child", {
    "type": "object",
    "required": ["id", "first_name", "last_initial", "birth_date", "team_id",
                 "photo_consent", "active"],
    "properties": {
        "id": {"type": "integer"}, "first_name": {"type": "string"},
        "last_initial": {"type": "string"},
        "birth_date": {"type": ["string", "null"], "format": "date"},
        "team_id": {"type": "integer"},
        "photo_consent": {"type": "string", "enum": list(PHOTO_CONSENTS),
                          "description": "none: no photos; internal: photos for staff; "
                                         "parents: photos may be shared with parents."},
        "active": {"type": "boolean"},
    },
})
doc.add_path("/children", "get", doc.operation(
    "List the children of your institution", tag="children", response=doc.page_of("Child"),
    paginated=True, params=[
        doc.query_param("team", {"type": "integer"}, "Only children of this team."),
        doc.query_param("active", {"type": "boolean"}, "Only current (true) or not."),
    ]))
doc.add_path("/children", "post", doc.operation(
    "Add a child (admin)", tag="children", status=201, body=CHILD_FIELDS, response="Child"))
doc.add_path("/children/{child_id}", "get", doc.operation(
    "One child", tag="children", response="Child", path_params=["child_id"]))
doc.add_path("/children/{child_id}", "patch", doc.operation(
    "Change a child (admin)", tag="children", body=CHILD_UPDATE, response="Child",
    path_params=["child_id"], description="Only the fields sent change."))
