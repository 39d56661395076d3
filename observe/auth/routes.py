"""Login, logout, password and profile pages."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from observe.auth import services
from observe.auth.forms import (
    ChangePasswordForm,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
    TokenForm,
)
from observe.extensions import db
from observe.permissions import public
from observe.security import safe_next

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("web.home"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        result = services.authenticate(form.email.data, form.password.data)
        if result.user:
            session.clear()
            login_user(result.user, remember=form.remember.data)
            session.permanent = True
            if result.user.must_change_password:
                return redirect(url_for("auth.change_password"))
            return redirect(safe_next(request.args.get("next")) or url_for("web.home"))
        error = result.error
    status = 422 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form, error=error), status


@bp.post("/logout")
def logout():
    # Logging out ends every session of this user, remember-me cookies included.
    services.end_sessions(current_user)
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    forced = current_user.must_change_password
    form = NewPasswordForm() if forced and not current_user.password_hash else ChangePasswordForm()
    error = None
    if form.validate_on_submit():
        try:
            if isinstance(form, ChangePasswordForm):
                services.change_password(current_user, form.current.data, form.password.data)
            else:
                services.set_password(current_user, form.password.data)
        except services.AuthError as exc:
            error = str(exc)
        else:
            # The user's other sessions ended; this one continues with the new token.
            login_user(current_user._get_current_object(), remember=False)
            flash(_("Your password is changed."), "success")
            return redirect(url_for("web.home"))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/password.html", form=form, error=error, forced=forced), status


@bp.route("/welcome/<token>", methods=["GET", "POST"])
@public
def setup(token: str):
    user = services.setup_link_user(token)
    if user is None:
        return render_template("auth/setup_invalid.html"), 404
    form = NewPasswordForm()
    error = None
    if form.validate_on_submit():
        try:
            services.use_setup_link(token, form.password.data)
        except services.AuthError as exc:
            error = str(exc)
        else:
            session.clear()
            login_user(user)
            flash(_("Welcome! Your password is saved."), "success")
            return redirect(url_for("web.home"))
    status = 422 if request.method == "POST" else 200
    return render_template("auth/setup.html", form=form, error=error, user=user), status


@bp.route("/account", methods=["GET", "POST"])
def profile():
    form = ProfileForm(language=current_user.language)
    if form.validate_on_submit():
        current_user.language = form.language.data
        session["lang"] = form.language.data
        db.session.flush()
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form, token_form=TokenForm(),
                           tokens=services.user_tokens(current_user),
                           new_token=session.pop("new_token", None))


@bp.post("/account/tokens")
def create_token():
    form = TokenForm()
    if not form.validate_on_submit():
        flash(_("Give the token a name."), "error")
        return redirect(url_for("auth.profile"))
    # Shown once, on the next page; only the hash is stored.
    session["new_token"] = services.create_api_token(current_user, form.name.data)
    return redirect(url_for("auth.profile"))


@bp.post("/account/tokens/<int:token_id>/revoke")
def revoke_token(token_id: int):
    if not services.revoke_api_token(current_user, token_id):
        from flask import abort

        abort(404)
    flash(_("The token is revoked."), "success")
    return redirect(url_for("auth.profile"))
