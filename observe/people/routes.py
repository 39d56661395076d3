"""Administration pages (in progress)."""
from flask import Blueprint, render_template

from observe.permissions import admin_required

bp = Blueprint("people", __name__, url_prefix="/admin")


@bp.get("/")
@admin_required
def admin_index():
    return render_template("home.html", teams=[])
