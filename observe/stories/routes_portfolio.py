"""Children's portfolios: the child list with each child's last story, and one child's
page with their stories over time, the themes they touch and open next steps.

Children are institution-scoped (any colleague may see a child's name); the stories
on the page are only those the viewer may see.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from observe.people.models import Child
from observe.permissions import get_visible_or_404
from observe.stories import queries

bp = Blueprint("portfolio", __name__, url_prefix="/children")


@bp.get("/")
def index():
    teams = queries.teams_for(current_user)
    team_id = request.args.get("team", type=int)
    if team_id is None and "team" not in request.args and current_user.teams:
        team_id = current_user.teams[0].id
    children = queries.children_for(current_user, team_id)
    last = queries.last_story_dates(current_user, [c.id for c in children])
    return render_template("stories/children.html", children=children, last=last,
                           teams=teams, team_id=team_id)


@bp.get("/<int:child_id>")
def child(child_id: int):
    child = get_visible_or_404(Child, child_id)
    return render_template("stories/portfolio.html",
                           p=queries.portfolio(current_user, child))
