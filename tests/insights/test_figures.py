"""The team figures against the hand-counted fixture (see conftest)."""

from __future__ import annotations

import datetime as dt
import re

from tests.insights.conftest import PERIOD


def _json(client, team_id, **args):
    response = client.get(f"/api/v1/insights/teams/{team_id}",
                          query_string={**PERIOD, **args})
    assert response.status_code == 200, response.data[:300]
    return response.get_json()


def test_theme_coverage_counts_shared_records_within_the_period(world, as_user):
    data = _json(as_user(world.alice), world.team.id)
    themes = {t["name"]: t for t in data["themes"]}
    assert themes["Social udvikling"] | {} == {
        "theme_id": world.social.id, "name": "Social udvikling", "stories": 2,
        "observations": 1, "previous_stories": 0, "previous_observations": 0}
    assert themes["Kommunikation og sprog"]["stories"] == 2
    assert themes["Kommunikation og sprog"]["observations"] == 1
    assert themes["Kommunikation og sprog"]["previous_stories"] == 1
    assert themes["Natur, udeliv og science"]["stories"] == 0
    assert data["period"] == {"key": "custom", "from": "2024-03-01", "to": "2024-03-31",
                              "previous_from": "2024-01-30", "previous_to": "2024-02-29"}


def test_children_ordered_never_first_and_leavers_left_out(world, as_user):
    data = _json(as_user(world.alice), world.team.id)
    names = [c["name"] for c in data["children"]]
    assert names == ["Noah H.", "Freja H.", "Ida H."]  # Malik has left
    by_name = {c["name"]: c for c in data["children"]}
    assert by_name["Noah H."]["last_story_on"] is None
    assert by_name["Freja H."]["stories"] == 2  # 1 March (first day) and 31 March
    assert by_name["Freja H."]["observations"] == 1
    assert by_name["Ida H."]["stories"] == 1  # the private draft about Ida never counts
    assert by_name["Ida H."]["last_story_on"] == "2024-04-01"
    assert by_name["Ida H."]["days_since_last_story"] == (
        dt.date.today() - dt.date(2024, 4, 1)).days


def test_open_practice_alphabetical_with_own_row(world, as_user):
    data = _json(as_user(world.alice), world.team.id)
    rows = data["practice"]
    assert [r["name"] for r in rows] == ["Alice Ås", "Bo Bæk", "Carl Ørum"]
    alice, bo, carl = rows
    # Alice sees her own "observed"-level observation (o4) but never a private draft.
    assert (alice["observations_given"], alice["observations_received"]) == (1, 2)
    assert (alice["requests_sent"], alice["requests_accepted"], alice["is_you"]) == (1, 0, True)
    assert (bo["observations_given"], bo["observations_received"]) == (1, 1)
    assert (bo["requests_sent"], bo["requests_accepted"], bo["is_you"]) == (0, 1, False)
    assert (carl["observations_given"], carl["observations_received"]) == (0, 0)


def test_observed_only_and_drafts_do_not_count_for_others(world, as_user):
    data = _json(as_user(world.bo), world.team.id)
    alice = next(r for r in data["practice"] if r["name"] == "Alice Ås")
    carl = next(r for r in data["practice"] if r["name"] == "Carl Ørum")
    assert alice["observations_received"] == 1  # o4 is between Carl and Alice only
    assert alice["observations_given"] == 1  # o5 is Alice's private draft
    assert carl["observations_given"] == 0
    bo = next(r for r in data["practice"] if r["is_you"])
    assert bo["observations_received"] == 1  # the draft about Bo is not his to count


def test_follow_through(world, as_user):
    data = _json(as_user(world.alice), world.team.id)
    assert data["follow_through"] == {
        "development_points_open": 1, "development_points_done": 1, "requests_overdue": 1,
        "next_steps_open": 1, "next_steps_done": 1}


def test_team_page_shows_chart_table_and_search_links(world, as_user):
    client = as_user(world.alice)
    response = client.get(f"/insights/teams/{world.team.id}", query_string=PERIOD)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<svg class="chart" role="img"' in html and "<title id=" in html
    assert "<desc id=" in html
    assert "style=" not in html.split("<main", 1)[1]  # CSP: no inline styles
    assert "Nothing documented" in html  # e.g. Natur, udeliv og science
    assert "No learning story in the period" in html  # Noah
    assert "Malik" not in html
    link = (f'/search?team={world.team.id}&amp;kind=story&amp;theme={world.social.id}'
            f'&amp;from=2024-03-01&amp;to=2024-03-31&amp;sort=newest')
    assert link in html
    assert f"/children/{world.freja.id}\"" in html  # the portfolio
    assert re.search(r'class="own-row"[^>]*>\s*<th scope="row">Alice Ås', html)
    # Not a ranking: no danger marks on people.
    practice = html.split('id="practice"', 1)[1].split("</section>", 1)[0]
    assert "badge-danger" not in practice


def test_period_shortcuts_and_bad_period(world, as_user):
    client = as_user(world.alice)
    for key in ("30d", "90d", "year"):
        assert client.get(f"/insights/teams/{world.team.id}?period={key}").status_code == 200
    bad = client.get(f"/insights/teams/{world.team.id}?from=2024-05-01&to=2024-04-01")
    assert bad.status_code == 200 and b"could not be read" in bad.data
    api = client.get(f"/api/v1/insights/teams/{world.team.id}?period=week")
    assert api.status_code == 400 and api.get_json()["error"]["code"] == "bad_request"
    school = client.get(f"/api/v1/insights/teams/{world.team.id}?period=year").get_json()
    start = dt.date.fromisoformat(school["period"]["from"])
    assert (start.month, start.day) == (8, 1)
