"""/stories: learning stories, through the same services and rules as the pages."""

from __future__ import annotations

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from observe.api import bp
from observe.api import openapi as doc
from observe.api.helpers import (
    Field,
    api_error,
    created,
    int_arg,
    json_body,
    paginate,
    visible_or_404,
)
from observe.people.services import parse_date
from observe.photos import services as photos
from observe.stories import queries, services
from observe.stories.models import TEXT_MAX, TITLE_MAX, VISIBILITIES, Story

STORY_FIELDS = {
    "title": Field("string", required=True, max_length=TITLE_MAX),
    "story": Field("string", required=True, max_length=TEXT_MAX,
                   description="The story: what happened, told concretely."),
    "learning": Field("string", max_length=TEXT_MAX, description="What learning I see."),
    "next_steps": Field("string", max_length=TEXT_MAX,
                        description="Next steps and opportunities."),
    "child_voice": Field("string", max_length=TEXT_MAX),
    "parent_voice": Field("string", max_length=TEXT_MAX),
    "occurred_on": Field("date", description="Default: today."),
    "child_ids": Field("integer[]", required=True, description="At least one child."),
    "theme_ids": Field("integer[]"),
    "team_id": Field("integer", description="Default: the caller's first team."),
    "visibility": Field("string", enum=VISIBILITIES, description="Default: private."),
    "next_steps_done": Field("boolean", description="The next steps are followed up."),
}
STORY_UPDATE = {name: Field(f.kind, enum=f.enum, max_length=f.max_length,
                            description=f.description) for name, f in STORY_FIELDS.items()}


def story_json(story: Story) -> dict:
    return {
        "id": story.id, "author_id": story.author_id, "child_ids": story.child_ids,
        "team_id": story.team_id, "occurred_on": story.occurred_on.isoformat(),
        "title": story.title, "story": story.story, "learning": story.learning,
        "next_steps": story.next_steps, "child_voice": story.child_voice,
        "parent_voice": story.parent_voice, "theme_ids": story.theme_ids,
        "visibility": story.visibility, "next_steps_done": story.next_steps_done,
        "next_steps_done_on": (story.next_steps_done_on.isoformat()
                               if story.next_steps_done_on else None),
        "photo_ids": photos.photo_ids(story),
        "created_at": story.created_at.isoformat(), "updated_at": story.updated_at.isoformat(),
    }


def _date_arg(name: str):
    value = request.args.get(name)
    try:
        return parse_date(value)
    except ValueError:
        api_error(400, "bad_request", _("A query parameter has a bad value."),
                  {name: _("Must be a date written as YYYY-MM-DD.")})


@bp.get("/stories")
def list_stories():
    stmt = queries.stories_stmt(
        current_user, team=int_arg("team"), child=int_arg("child"), theme=int_arg("theme"),
        date_from=_date_arg("from"), date_to=_date_arg("to"), author=int_arg("author"))
    return paginate(stmt, story_json)


@bp.post("/stories")
def create_story():
    data = json_body(STORY_FIELDS)
    story = services.create_story(current_user, data)
    return created(story_json(story), url_for("api.get_story", story_id=story.id))


@bp.get("/stories/<int:story_id>")
def get_story(story_id: int):
    return story_json(visible_or_404(Story, story_id))


@bp.patch("/stories/<int:story_id>")
def update_story(story_id: int):
    story = visible_or_404(Story, story_id)
    data = json_body(STORY_UPDATE)
    services.update_story(story, current_user, data)
    return story_json(story)


@bp.delete("/stories/<int:story_id>")
def delete_story(story_id: int):
    story = visible_or_404(Story, story_id)
    services.delete_story(story, current_user)
    return "", 204


# -- OpenAPI -----------------------------------------------------------------------------

doc.add_tag("stories", "Learning stories (læringshistorier).")
doc.add_schema("Story", {
    "type": "object",
    "required": ["id", "author_id", "child_ids", "team_id", "occurred_on", "title", "story",
                 "learning", "next_steps", "child_voice", "parent_voice", "theme_ids",
                 "visibility", "photo_ids", "created_at", "updated_at"],
    "properties": {
        "id": {"type": "integer"}, "author_id": {"type": "integer"},
        "child_ids": {"type": "array", "items": {"type": "integer"}},
        "team_id": {"type": "integer"},
        "occurred_on": {"type": "string", "format": "date"},
        **{name: {"type": "string"} for name in (
            "title", "story", "learning", "next_steps", "child_voice", "parent_voice")},
        "theme_ids": {"type": "array", "items": {"type": "integer"}},
        "visibility": {"type": "string", "enum": list(VISIBILITIES)},
        "next_steps_done": {"type": "boolean"},
        "next_steps_done_on": {"type": ["string", "null"], "format": "date"},
        "photo_ids": {"type": "array", "items": {"type": "integer"},
                      "description": "Photos that may be shown (hidden ones left out)."},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
    },
})
doc.add_path("/stories", "get", doc.operation(
    "List the learning stories you may see", tag="stories", response=doc.page_of("Story"),
    paginated=True, params=[
        doc.query_param("team", {"type": "integer"}, "Only stories of this team."),
        doc.query_param("child", {"type": "integer"}, "Only stories about this child."),
        doc.query_param("theme", {"type": "integer"}, "Only stories with this theme."),
        doc.query_param("from", {"type": "string", "format": "date"}, "From this date."),
        doc.query_param("to", {"type": "string", "format": "date"}, "Up to this date."),
        doc.query_param("author", {"type": "integer"}, "Only stories by this colleague."),
    ]))
doc.add_path("/stories", "post", doc.operation(
    "Write a learning story", tag="stories", status=201, body=STORY_FIELDS,
    response="Story"))
doc.add_path("/stories/{story_id}", "get", doc.operation(
    "One learning story", tag="stories", response="Story", path_params=["story_id"]))
doc.add_path("/stories/{story_id}", "patch", doc.operation(
    "Change a learning story (author)", tag="stories", body=STORY_UPDATE, response="Story",
    path_params=["story_id"], description="Only the fields sent change."))
doc.add_path("/stories/{story_id}", "delete", doc.operation(
    "Delete a learning story and its photos (author)", tag="stories", status=204,
    path_params=["story_id"]))
