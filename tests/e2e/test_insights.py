"""In a browser at a tablet viewport: open the team's insights, see the chart and its
table, tap a figure and land on the pre-filled search behind it."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from observe.extensions import db
from observe.people import services as people
from observe.people.models import Theme
from observe.stories.models import Story
from tests.factories import PASSWORD


def _seed(app) -> tuple[int, int]:
    from observe.auth.passwords import hash_password
    from observe.people.models import User

    with app.app_context():
        inst = people.get_or_create_institution("Børnehuset Mælkebøtten")
        team = people.create_team(inst.id, "Solsikken")
        user = User(institution_id=inst.id, name="Søren Løvgren", email="soeren@example.dk",
                    role="staff", language="en", password_hash=hash_password(PASSWORD),
                    teams=[team])
        db.session.add(user)
        child = people.create_child(inst.id, first_name="Freja", last_initial="H",
                                    birth_date=dt.date(2021, 5, 4), team_id=team.id,
                                    photo_consent="internal")
        theme = db.session.scalar(db.select(Theme).where(Theme.name == "Social udvikling"))
        db.session.flush()
        db.session.add(Story(institution_id=inst.id, author_id=user.id, team_id=team.id,
                             occurred_on=dt.date.today(), title="Tårnet",
                             story="Freja byggede et tårn med Ida.", visibility="team",
                             children=[child], themes=[theme]))
        db.session.commit()
        return team.id, theme.id


def test_team_insights_chart_table_and_figure_to_search(live_app, live_server, page, shot):
    team_id, theme_id = _seed(live_app)
    page.goto(live_server + "/login")
    page.locator("input[name=email]").fill("soeren@example.dk")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.goto(f"{live_server}/insights/teams/{team_id}")
    expect(page.get_by_role("heading", name="Theme coverage")).to_be_visible()
    expect(page.locator("svg.chart[role=img]")).to_be_visible()
    table = page.locator("table[data-table=themes]")
    row = table.get_by_role("row").filter(has_text="Social udvikling")
    expect(row.get_by_role("link").first).to_have_text("1")
    expect(page.get_by_text("Nothing documented").first).to_be_visible()
    shot("team")
    row.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(rf"/search\?.*team={team_id}.*theme={theme_id}"))
    shot("search")
