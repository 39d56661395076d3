"""Home page and the language switch."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from observe.extensions import db
from observe.permissions import public
from observe.security import safe_next

bp = Blueprint("web", __name__)


@bp.get("/")
def home():
    teams = [t for t in current_user.teams if t.active]
    return render_template("home.html", teams=teams)


@bp.post("/language")
@public
def set_language():
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
        if current_user.is_authenticated:
            current_user.language = lang
            db.session.flush()
    return redirect(safe_next(request.form.get("next")) or url_for("web.home"))


@bp.get("/healthz")
@public
def health():
    return {"status": "ok"}
