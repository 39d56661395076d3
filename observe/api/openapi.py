"""The OpenAPI 3.1 document of /api/v1, assembled from what each API module registers.

Each API module documents its endpoints beside them, at import time::

    openapi.add_schema("Team", {...})
    openapi.add_path("/teams/{team_id}", "patch", openapi.operation(
        "Change a team", tag="teams", body=TEAM_FIELDS, response="Team"))

Paths are relative to the server URL ``/api/v1`` and use OpenAPI's ``{name}`` for
Flask's ``<int:name>``. ``operation`` adds the error responses every endpoint of its
kind can give (401/403 unless public, 404 with a path parameter, 400/413/415/422 with
a body, 400 with query parameters), so the document tells the truth by default.
A test walks ``app.url_map`` and fails when a route under /api/v1 is missing here.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping

from flask import jsonify

from observe.api import bp
from observe.permissions import public

API_VERSION = "1.0.0"
_PATHS: dict[str, dict[str, dict]] = {}
_SCHEMAS: dict[str, dict] = {}
_TAGS: dict[str, str] = {}

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {"type": "string", "description": "Stable, machine-readable code."},
            "message": {"type": "string", "description": "In the user's language."},
            "fields": {"type": "object", "additionalProperties": {"type": "string"},
                       "description": "Message per offending field, when there are any."},
        },
    }},
}

# status -> (component name, description)
ERRORS = {
    400: ("BadRequest", "Malformed JSON, a body that is not an object, a value of the "
                        "wrong type, a bad query parameter, or a missing CSRF token "
                        "(code `csrf`) on a session-cookie request."),
    401: ("Unauthorized", "No valid bearer token or session."),
    403: ("Forbidden", "Authenticated but not allowed to do this (for example not an "
                       "admin, or a password change is required first)."),
    404: ("NotFound", "Absent, or not visible to you."),
    409: ("Conflict", "Not possible in the record's current state."),
    413: ("TooLarge", "The JSON body is larger than 1 MB."),
    415: ("UnsupportedMediaType", "The body is not sent as application/json."),
    422: ("ValidationFailed", "The values break a rule or name an unknown field; "
                              "`fields` says which."),
}

PAGE_PARAMETERS = {
    "page": {"name": "page", "in": "query", "required": False,
             "description": "1-based page number.",
             "schema": {"type": "integer", "minimum": 1, "default": 1}},
    "per_page": {"name": "per_page", "in": "query", "required": False,
                 "description": "Items per page; values above 100 are capped at 100.",
                 "schema": {"type": "integer", "minimum": 1, "default": 20}},
}


def add_tag(name: str, description: str) -> None:
    _TAGS[name] = description


def add_schema(name: str, schema: dict) -> None:
    _SCHEMAS[name] = schema


def add_path(path: str, method: str, spec: dict) -> None:
    """Document ``method`` on ``path`` (relative to /api/v1, e.g. ``/teams/{team_id}``)."""
    method = method.lower()
    if "operationId" not in spec:
        words = re.findall(r"[a-z0-9]+", path.lower())
        spec = {"operationId": method + "".join(w.capitalize() for w in words), **spec}
    _PATHS.setdefault(path, {})[method] = spec


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def page_of(name: str) -> dict:
    """The schema of a paginated list of ``name`` items."""
    return {
        "type": "object",
        "required": ["items", "total", "page", "per_page"],
        "properties": {
            "items": {"type": "array", "items": ref(name)},
            "total": {"type": "integer", "description": "Items in the whole result."},
            "page": {"type": "integer"},
            "per_page": {"type": "integer"},
        },
    }


def query_param(name: str, schema: dict, description: str = "") -> dict:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


def fields_schema(fields: Mapping) -> dict:
    """An object schema from ``helpers.Field`` specs; unknown fields are refused."""
    schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {name: field.schema() for name, field in fields.items()},
    }
    required = [name for name, field in fields.items() if field.required]
    if required:
        schema["required"] = required
    return schema


def operation(summary: str, *, tag: str, response: str | dict | None = None,
              status: int = 200, body: Mapping | dict | None = None,
              params: Iterable[dict] = (), paginated: bool = False,
              errors: Iterable[int] = (), is_public: bool = False,
              description: str = "", path_params: Iterable[str] = ()) -> dict:
    """One operation object.

    ``response``: a schema name or a schema; ``body``: ``Field`` specs (or a schema);
    ``path_params``: names in the path (integer ids); ``paginated`` adds page/per_page.
    """
    parameters = [{"name": name, "in": "path", "required": True,
                   "schema": {"type": "integer", "minimum": 1}} for name in path_params]
    if paginated:
        parameters += [{"$ref": "#/components/parameters/page"},
                       {"$ref": "#/components/parameters/per_page"}]
    parameters += list(params)
    codes = set(errors)
    if not is_public:
        codes |= {401, 403}
    if path_params:
        codes.add(404)
    if body is not None:
        codes |= {400, 413, 415, 422}
    if paginated or params:
        codes.add(400)
    schema = ref(response) if isinstance(response, str) else response
    ok = {"description": "Success."}
    if schema is not None:
        ok["content"] = {"application/json": {"schema": schema}}
    spec: dict = {"summary": summary, "tags": [tag], "responses": {str(status): ok}}
    if description:
        spec["description"] = description
    if parameters:
        spec["parameters"] = parameters
    if body is not None:
        is_fields = all(hasattr(field, "schema") for field in body.values())
        body_schema = fields_schema(body) if is_fields else body
        spec["requestBody"] = {"required": True,
                               "content": {"application/json": {"schema": body_schema}}}
    for code in sorted(codes):
        spec["responses"][str(code)] = {"$ref": f"#/components/responses/{ERRORS[code][0]}"}
    if is_public:
        spec["security"] = []
    return spec


def document() -> dict:
    """The whole document (a fresh copy: callers may not change the registry)."""
    return copy.deepcopy({
        "openapi": "3.1.0",
        "info": {
            "title": "observe API",
            "version": API_VERSION,
            "description": "JSON API of observe. Errors are always "
                           '`{"error": {"code", "message", "fields"}}`; lists take '
                           "`?page=` and `?per_page=`. Authenticate with a personal "
                           "token (`Authorization: Bearer ...`), or with the session "
                           "cookie plus the CSRF token in `X-CSRFToken`.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearerAuth": []}, {"sessionCookie": []}],
        "tags": [{"name": n, "description": d} for n, d in sorted(_TAGS.items())],
        "paths": dict(sorted(_PATHS.items())),
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "A personal API token from the profile "
                                              "page or `observe create-token EMAIL`."},
                "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "session",
                                  "description": "The app's own pages; send the CSRF "
                                                 "token in the X-CSRFToken header."},
            },
            "schemas": {"Error": ERROR_SCHEMA, **dict(sorted(_SCHEMAS.items()))},
            "parameters": PAGE_PARAMETERS,
            "responses": {
                name: {"description": text,
                       "content": {"application/json": {"schema": ref("Error")}}}
                for name, text in ERRORS.values()
            },
        },
    })


def flask_rule_to_path(rule: str) -> str:
    """``/api/v1/teams/<int:team_id>`` -> ``/teams/{team_id}``."""
    path = rule.removeprefix(bp.url_prefix or "")
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", path) or "/"


@bp.get("/openapi.json", endpoint="openapi")  # the allowlisted public endpoint
@public
def openapi_json():
    return jsonify(document())


add_tag("meta", "The API itself.")
add_path("/openapi.json", "get", operation(
    "This OpenAPI document", tag="meta", response={"type": "object"}, is_public=True))
