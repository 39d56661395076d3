"""observe: kollegial observation og læringshistorier.

``create_app(config=None)`` builds the app; there is no module-level app.
"""

from __future__ import annotations

from flask import Flask, g, has_request_context, request, session
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from observe.config import build_config
from observe.db import commit_or_rollback
from observe.extensions import babel, csrf, db, login_manager
from observe.paths import bundled


def select_locale() -> str:
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and background work: the default language
        return current_app.config["DEFAULT_LANGUAGE"]
    if current_user and current_user.is_authenticated and current_user.language in languages:
        return current_user.language
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return current_app.config["DEFAULT_LANGUAGE"]


def create_app(config: dict | None = None) -> Flask:
    settings = build_config(config)
    app = Flask(
        __name__,
        instance_path=settings["INSTANCE_PATH"],
        template_folder=str(bundled("templates")),
        static_folder=str(bundled("static")),
    )
    app.config.update(settings)
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked in security.gate (bearer exempt)
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_UPLOAD_BYTES"] + 1024 * 1024
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", _translations())
    from observe.security import SecureCookies

    if app.config["SECURE_COOKIES"]:
        app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = True
    elif app.config["SECURE_COOKIES"] is None:
        app.wsgi_app = SecureCookies(app.wsgi_app)
    # Behind a reverse proxy that terminates HTTPS, trust its X-Forwarded-* headers.
    if app.config.get("PROXY_FIX") or _env_flag("OBSERVE_PROXY_FIX"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    _init_extensions(app)
    _register_blueprints(app)
    _register_hooks(app)

    from observe import errors, templating

    errors.register(app)
    templating.register(app)
    return app


def _translations() -> str:
    from pathlib import Path

    return str(Path(__file__).resolve().parent / "translations")


def _env_flag(name: str) -> bool:
    import os

    return os.environ.get(name, "").lower() in {"1", "true", "yes"}


def _init_extensions(app: Flask) -> None:
    from observe import models  # noqa: F401  (register every model on the metadata)

    db.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"

    from observe.auth.loaders import load_user, load_user_from_request

    login_manager.user_loader(load_user)
    login_manager.request_loader(load_user_from_request)


def _register_blueprints(app: Flask) -> None:
    from observe.api import bp as api_bp
    from observe.auth.routes import bp as auth_bp
    from observe.people.routes import bp as people_bp
    from observe.web import bp as web_bp

    app.register_blueprint(web_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(people_bp)
    app.register_blueprint(api_bp)
    from observe.observations.routes import bp as observations_bp

    app.register_blueprint(observations_bp)
    from observe.photos.routes import bp as photos_bp  # noqa: I001
    from observe.stories.routes import bp as stories_bp
    from observe.stories.routes_portfolio import bp as portfolio_bp

    app.register_blueprint(photos_bp)
    app.register_blueprint(stories_bp)
    app.register_blueprint(portfolio_bp)
    from observe.meetings.routes import bp as meetings_bp  # noqa: I001

    app.register_blueprint(meetings_bp)
    from observe import search  # Whoosh index: outbox listeners, /search page

    search.init_app(app)
    from observe.insights.routes import bp as insights_bp  # noqa: I001
    from observe.insights.selfeval.routes import bp as selfeval_bp

    app.register_blueprint(insights_bp)
    app.register_blueprint(selfeval_bp)

    from observe.cli import register_commands

    register_commands(app)


def _register_hooks(app: Flask) -> None:
    from observe import security

    app.before_request(security.gate)
    app.after_request(security.security_headers)

    @app.after_request
    def commit_request(response):
        # One commit per request: success commits, any error status rolls back, so a
        # rejected request never leaves half-written rows.
        commit_or_rollback(db.session, response.status_code < 400)
        if response.status_code < 400:
            for callback in g.pop("after_commit", []):
                callback()
        return response

    @app.teardown_request
    def rollback_on_error(exc):
        if exc is not None:
            db.session.rollback()

    @app.context_processor
    def inject_request():
        return {"current_path": request.path}
