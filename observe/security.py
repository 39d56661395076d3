"""Request-wide safety: deny by default, CSRF, security headers, safe redirects."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import g, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from observe.extensions import csrf
from observe.permissions import is_public_view

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# While a temporary password is in force, only these endpoints are reachable.
PASSWORD_CHANGE_ENDPOINTS = {"auth.change_password", "auth.logout", "static", "web.set_language"}


def safe_next(target: str | None) -> str | None:
    """Return ``target`` if it is a path inside this app, else None.

    Refuses scheme-relative (``//evil``), backslash tricks (``/\\evil``), absolute
    URLs and ``javascript:``; browsers treat backslashes like slashes.
    """
    if not target or len(target) > 2000:
        return None
    if any(ord(ch) < 32 for ch in target):
        return None
    normalised = target.replace("\\", "/")
    if not normalised.startswith("/") or normalised.startswith("//"):
        return None
    parts = urlsplit(normalised)
    if parts.scheme or parts.netloc:
        return None
    return target


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def has_bearer() -> bool:
    return request.headers.get("Authorization", "").lower().startswith("bearer ")


def json_error(status: int, code: str, message: str, fields: dict | None = None):
    body = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    response = jsonify(body)
    response.status_code = status
    return response


def gate():
    """Deny by default: every endpoint needs a login unless marked ``@public``."""
    endpoint = request.endpoint
    if endpoint is None or endpoint == "static":
        return None
    from flask import current_app

    view = current_app.view_functions.get(endpoint)
    bearer = has_bearer()
    if bearer and not current_user.is_authenticated:
        # A token was offered and refused: never fall back to anything else.
        if is_api_request():
            return json_error(401, "unauthorized", _("Missing or invalid token."))
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    g.bearer_auth = bearer
    unsafe = request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
    if unsafe and not bearer and current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()
    if is_public_view(view):
        return None
    if not current_user.is_authenticated:
        if is_api_request():
            return json_error(401, "unauthorized", _("Log in or send a valid token."))
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if current_user.must_change_password and endpoint not in PASSWORD_CHANGE_ENDPOINTS:
        if is_api_request():
            return json_error(403, "password_change_required",
                              _("Choose a new password before you continue."))
        return redirect(url_for("auth.change_password"))
    return None


def security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "geolocation=(), microphone=()")
    if request.endpoint != "static":
        headers.setdefault("Cache-Control", "no-store")
    return response


class SecureCookies:
    """WSGI middleware: mark every cookie ``Secure`` when the request came over HTTPS.

    Done at the WSGI layer because Flask writes the session cookie, and Flask-Login
    the remember-me cookie, after all ``after_request`` hooks have run.
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("wsgi.url_scheme") != "https":
            return self.wsgi_app(environ, start_response)

        def secure_start_response(status, headers, exc_info=None):
            headers = [
                (name, value + "; Secure")
                if name.lower() == "set-cookie" and "; secure" not in value.lower()
                else (name, value)
                for name, value in headers
            ]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, secure_start_response)
