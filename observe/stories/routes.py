"""Story pages: write, view, edit, delete, comment, add photos.

Routes are thin: load through the permission module (404 when not visible), validate
the form, call one service, redirect. A refused form is shown again with status 422,
so the request rolls back and the typed text stays on the page (and in the browser's
draft, see drafts.js). A new story is saved before photos are added: the text is safe
on the server before the first, slow, upload starts.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from observe import permissions
from observe.confirm import ask_unless_confirmed
from observe.extensions import db
from observe.permissions import get_visible_or_404
from observe.photos import routes as photo_pages
from observe.photos import services as photos
from observe.stories import queries, services
from observe.stories.forms import CommentForm, StoryForm
from observe.stories.models import Story, StoryComment
from observe.validation import ValidationError

bp = Blueprint("stories", __name__, url_prefix="/stories")


def show_errors(form, exc: ValidationError) -> str | None:
    general = []
    for name, message in exc.fields.items():
        target = getattr(form, name, None)
        if target is not None and hasattr(target, "errors") and name != "_":
            target.errors = [*target.errors, message]
        else:
            general.append(message)
    return " ".join(general) or None


def _story_form(story: Story | None = None, **kwargs) -> StoryForm:
    keep_teams = [story.team_id] if story else []
    children = queries.children_for(current_user)
    if story:  # a child who has left stays choosable on their own old story
        known = {c.id for c in children}
        children += [c for c in story.children if c.id not in known]
    themes = queries.active_themes(current_user.institution_id,
                                   story.theme_ids if story else ())
    teams = queries.teams_for(current_user, keep_teams)
    return StoryForm(obj=story, children=children, themes=themes, teams=teams, **kwargs)


@bp.get("/")
def index():
    filters = {"team": request.args.get("team", type=int),
               "child": request.args.get("child", type=int),
               "theme": request.args.get("theme", type=int)}
    if request.args.get("mine"):
        filters["author"] = current_user.id
    stmt = queries.stories_stmt(current_user, **filters)
    page = db.paginate(stmt, page=max(request.args.get("page", 1, type=int), 1),
                       per_page=20, error_out=False)
    return render_template("stories/index.html", page=page, filters=filters,
                           teams=queries.teams_for(current_user),
                           themes=queries.active_themes(current_user.institution_id))


@bp.route("/new", methods=["GET", "POST"])
def new():
    child_id = request.args.get("child", type=int)
    form = _story_form()
    if request.method == "GET":
        if child_id:
            form.child_ids.data = [child_id]
        if current_user.teams:
            form.team_id.data = current_user.teams[0].id
    error = None
    if form.validate_on_submit():
        try:
            story = services.create_story(current_user, form.data_for_service())
        except ValidationError as exc:
            error = show_errors(form, exc)
        else:
            flash(_("The story is saved."), "success")
            session["draft_saved"] = "story:new"
            anchor = "photos" if request.form.get("then") == "photos" else None
            return redirect(url_for("stories.view", story_id=story.id, _anchor=anchor))
    status = 422 if request.method == "POST" else 200
    return render_template("stories/form.html", form=form, story=None, error=error,
                           draft_key="story:new"), status


def _view(story: Story, *, photo_form=None, comment_form=None, photo_error=None,
          status=200):
    user = current_user
    return render_template(
        "stories/view.html", story=story, can_edit=permissions.can_edit_story(story, user),
        can_comment=permissions.can_comment_story(story, user),
        comment_form=comment_form or CommentForm(),
        saved_draft_key=session.pop("draft_saved", None),
        can_edit_comment=lambda c: permissions.can_edit_story_comment(c, user),
        **photo_pages.section(story, photo_form=photo_form, photo_error=photo_error)), status


@bp.get("/<int:story_id>")
def view(story_id: int):
    return _view(get_visible_or_404(Story, story_id))


@bp.route("/<int:story_id>/edit", methods=["GET", "POST"])
def edit(story_id: int):
    story = get_visible_or_404(Story, story_id)
    if not permissions.can_edit_story(story):
        abort(403)
    form = _story_form(story)
    error = None
    if form.validate_on_submit():
        try:
            services.update_story(story, current_user, form.data_for_service())
        except ValidationError as exc:
            error = show_errors(form, exc)
        else:
            flash(_("The story is saved."), "success")
            session["draft_saved"] = f"story:{story.id}:edit"
            return redirect(url_for("stories.view", story_id=story.id))
    status = 422 if request.method == "POST" else 200
    return render_template("stories/form.html", form=form, story=story, error=error,
                           draft_key=f"story:{story.id}:edit"), status


@bp.post("/<int:story_id>/delete")
def delete(story_id: int):
    story = get_visible_or_404(Story, story_id)
    if not permissions.can_edit_story(story):
        abort(403)
    page = ask_unless_confirmed(_("Delete the story “%(title)s” and its photos?",
                                  title=story.title),
                                url_for("stories.view", story_id=story.id))
    if page is not None:
        return page
    services.delete_story(story, current_user)
    flash(_("The story is deleted."), "success")
    return redirect(url_for("stories.index"))


@bp.post("/<int:story_id>/follow-up")
def follow_up(story_id: int):
    story = get_visible_or_404(Story, story_id)
    services.follow_up(story, current_user, request.form.get("done") == "1")
    back = request.form.get("back")
    if back == "portfolio" and request.form.get("child", type=int):
        return redirect(url_for("portfolio.child", child_id=request.form.get("child",
                                                                             type=int)))
    return redirect(url_for("stories.view", story_id=story.id))


@bp.post("/<int:story_id>/photos")
def add_photo(story_id: int):
    """The upload without JavaScript; photos.js uses the API with progress instead."""
    story = get_visible_or_404(Story, story_id)
    return photo_pages.upload_from_page(story, lambda **shown: _view(story, **shown))


# -- comments ------------------------------------------------------------------------------

@bp.post("/<int:story_id>/comments")
def comment(story_id: int):
    story = get_visible_or_404(Story, story_id)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            services.add_comment(story, current_user, form.body.data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            return redirect(url_for("stories.view", story_id=story.id, _anchor="comments"))
    return _view(story, comment_form=form, status=422)


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
def edit_comment(comment_id: int):
    comment = get_visible_or_404(StoryComment, comment_id)
    if not permissions.can_edit_story_comment(comment):
        abort(403)
    form = CommentForm(obj=comment)
    if form.validate_on_submit():
        try:
            services.update_comment(comment, current_user, form.body.data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            return redirect(url_for("stories.view", story_id=comment.story_id,
                                    _anchor="comments"))
    status = 422 if request.method == "POST" else 200
    return render_template("stories/comment_edit.html", form=form, comment=comment), status


@bp.post("/comments/<int:comment_id>/delete")
def delete_comment(comment_id: int):
    comment = get_visible_or_404(StoryComment, comment_id)
    if not permissions.can_edit_story_comment(comment):
        abort(403)
    back = url_for("stories.view", story_id=comment.story_id, _anchor="comments")
    page = ask_unless_confirmed(_("Delete your comment?"), back)
    if page is not None:
        return page
    services.delete_comment(comment, current_user)
    return redirect(back)


@bp.get("/<int:story_id>/print")
def print_view(story_id: int):
    story = get_visible_or_404(Story, story_id)
    return render_template("stories/print.html", story=story,
                           photos=photos.visible_photos(story))
