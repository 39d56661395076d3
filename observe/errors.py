"""Friendly error pages in the user's language; JSON errors under /api/."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from observe.extensions import db
from observe.security import is_api_request, json_error

API_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large",
    415: "unsupported_media_type", 422: "validation_error", 429: "too_many_requests",
    500: "server_error",
}


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Something in the request was wrong"),
              _("Go back and try again. If it keeps happening, reload the page.")),
        403: (_("You do not have access to this page"),
              _("This page is for other roles. Ask your administrator if you need it.")),
        404: (_("We could not find that page"),
              _("It may have been deleted, or you may not have access to it.")),
        405: (_("That does not work here"), _("Go back and try again.")),
        413: (_("The file is too large"), _("Choose a smaller file and try again.")),
        500: (_("Something went wrong on our side"),
              _("Nothing you typed is your fault. Try again in a moment.")),
    }


def _page(status: int, detail: str | None = None):
    title, hint = _messages().get(status, _messages()[400])
    return render_template("errors/error.html", status=status, title=title,
                           hint=detail or hint), status


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        db.session.rollback()
        message = _("The form had expired or was sent from elsewhere. "
                    "Reload the page and try again; what you typed is kept on this device.")
        if is_api_request():
            return json_error(400, "csrf", message)
        return _page(400, message)

    @app.errorhandler(HTTPException)
    def http_error(error):
        db.session.rollback()
        status = error.code or 500
        if is_api_request():
            title = _messages().get(status, (error.name, ""))[0]
            return json_error(status, API_CODES.get(status, "error"), title)
        if status not in _messages():
            return error
        return _page(status)

    @app.errorhandler(Exception)
    def server_error(error):
        db.session.rollback()
        app.logger.exception("unhandled error")
        if is_api_request():
            return json_error(500, "server_error", _messages()[500][0])
        return _page(500)
