"""Comments on an observation: the dialogue around it.

On a team-shared observation any team member may comment; on one that is not shared,
the author and the observed colleagues. Only a comment's author edits or deletes it.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from observe import permissions
from observe.confirm import ask_unless_confirmed
from observe.observations import services
from observe.observations.forms import CommentForm
from observe.observations.models import Observation, ObservationComment
from observe.observations.routes import bp, page
from observe.permissions import get_visible_or_404
from observe.validation import ValidationError


@bp.post("/observations/<int:observation_id>/comments")
def add_comment(observation_id: int):
    obs = get_visible_or_404(Observation, observation_id)
    services.require(permissions.can_comment(obs))
    form = CommentForm()
    if form.validate():
        try:
            services.add_comment(obs, current_user, form.body.data)
        except ValidationError as exc:
            form.body.errors = [exc.message]
        else:
            session["draft_saved"] = f"comment:{obs.id}"
            flash(_("Your comment is added."), "success")
            return redirect(url_for("observations.view", observation_id=obs.id,
                                    _anchor="comments"))
    return page(obs, comment_form=form, status=422)


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
def edit_comment(comment_id: int):
    comment = get_visible_or_404(ObservationComment, comment_id)
    services.require(permissions.can_edit_comment(comment))
    form = CommentForm(obj=comment)
    status = 200
    if form.validate_on_submit():
        try:
            services.update_comment(comment, current_user, form.body.data)
        except ValidationError as exc:
            form.body.errors = [exc.message]
            status = 422
        else:
            flash(_("Your comment is saved."), "success")
            return redirect(url_for("observations.view",
                                    observation_id=comment.observation_id,
                                    _anchor="comments"))
    elif form.is_submitted():
        status = 422
    return render_template("observations/comment_edit.html", form=form,
                           comment=comment), status


@bp.post("/comments/<int:comment_id>/delete")
def delete_comment(comment_id: int):
    comment = get_visible_or_404(ObservationComment, comment_id)
    services.require(permissions.can_delete_comment(comment))
    back = url_for("observations.view", observation_id=comment.observation_id,
                   _anchor="comments")
    page = ask_unless_confirmed(_("Delete your comment?"), back)
    if page is not None:
        return page
    services.delete_comment(comment, current_user)
    flash(_("Your comment is deleted."), "success")
    return redirect(back)
