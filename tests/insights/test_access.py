"""Who sees which insights page: members their team, leaders and admins the counts."""

from __future__ import annotations

from tests.insights.conftest import PERIOD


def test_non_member_gets_404_on_team_page_csv_and_api(world, as_user):
    for user in (world.dora, world.leader, world.admin):
        client = as_user(user)
        assert client.get(f"/insights/teams/{world.team.id}").status_code == 404
        assert client.get(f"/insights/teams/{world.team.id}/themes.csv").status_code == 404
        assert client.get(f"/api/v1/insights/teams/{world.team.id}").status_code == 404


def test_other_institution_gets_404(world, as_user, f):
    stranger_inst = f.institution("Andet Børnehus")
    stranger = f.user(institution=stranger_inst, role="leader")
    client = as_user(stranger)
    assert client.get(f"/insights/teams/{world.team.id}").status_code == 404
    data = client.get("/api/v1/insights/institution").get_json()
    assert data["teams"] == []


def test_unknown_table_is_404(world, as_user):
    client = as_user(world.alice)
    assert client.get(f"/insights/teams/{world.team.id}/secret.csv").status_code == 404


def test_leader_sees_institution_counts_only(world, as_user):
    client = as_user(world.leader)
    response = client.get("/insights/institution", query_string=PERIOD)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Solsikken" in html and "Regnbuen" in html
    for name in ("Alice", "Freja", "Noah", "Bo Bæk"):
        assert name not in html
    data = client.get("/api/v1/insights/institution", query_string=PERIOD).get_json()
    sol = next(t for t in data["teams"] if t["name"] == "Solsikken")
    assert sol["stories"] == 3  # s1, s2, s7 (Malik's story still counts for the theme)
    assert sol["observations"] == 2
    assert sol["children"] == 3 and sol["children_without_story"] == 1  # Noah
    assert sol["themes_covered"] == 2 and sol["themes_total"] == 6
    assert sol["requests_sent"] == 1 and sol["requests_accepted"] == 1
    assert sol["development_points_open"] == 1
    reg = next(t for t in data["teams"] if t["name"] == "Regnbuen")
    assert reg["stories"] == 1


def test_admin_sees_institution_page_staff_does_not(world, as_user):
    assert as_user(world.admin).get("/insights/institution").status_code == 200
    staff = as_user(world.alice)
    assert staff.get("/insights/institution").status_code == 404
    assert staff.get("/insights/institution.csv").status_code == 404
    assert staff.get("/api/v1/insights/institution").status_code == 403
    nav = staff.get("/insights/").get_data(as_text=True)
    assert "/insights/institution" not in nav


def test_logged_out(client, world):
    assert client.get(f"/insights/teams/{world.team.id}").status_code == 302
    assert client.get("/api/v1/insights/institution").status_code == 401


def test_insights_endpoints_are_documented(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/insights/teams/{team_id}" in paths and "/insights/institution" in paths
