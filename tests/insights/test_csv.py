"""CSV exports: BOM, ';', the columns, Danish letters intact."""

from __future__ import annotations

import csv
import io

from tests.insights.conftest import PERIOD


def _rows(response):
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.data
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_themes_csv(world, as_user):
    client = as_user(world.alice)
    rows = _rows(client.get(f"/insights/teams/{world.team.id}/themes.csv",
                            query_string=PERIOD))
    assert rows[0] == ["Theme", "Learning stories", "Observations",
                       "Learning stories, previous period", "Observations, previous period"]
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Social udvikling"] == ["Social udvikling", "2", "1", "0", "0"]
    assert "Kultur, æstetik og fællesskab" in by_name  # æ intact, comma inside a cell
    raw = client.get(f"/insights/teams/{world.team.id}/themes.csv", query_string=PERIOD).data
    assert b";" in raw and "æstetik".encode() in raw


def test_practice_children_follow_csv(world, as_user):
    client = as_user(world.alice)
    rows = _rows(client.get(f"/insights/teams/{world.team.id}/practice.csv",
                            query_string=PERIOD))
    assert rows[0][0] == "Colleague" and len(rows[0]) == 5
    assert rows[1] == ["Alice Ås", "1", "2", "1", "0"]
    assert rows[3][0] == "Carl Ørum"
    rows = _rows(client.get(f"/insights/teams/{world.team.id}/children.csv",
                            query_string=PERIOD))
    assert [r[0] for r in rows[1:]] == ["Noah H.", "Freja H.", "Ida H."]
    rows = _rows(client.get(f"/insights/teams/{world.team.id}/follow.csv",
                            query_string=PERIOD))
    assert rows[1] == ["Development points open", "1"]


def test_institution_csv(world, as_user):
    rows = _rows(as_user(world.leader).get("/insights/institution.csv", query_string=PERIOD))
    assert rows[0][0] == "Team"
    assert {r[0] for r in rows[1:]} == {"Regnbuen", "Solsikken"}


def test_formula_cells_are_defused():
    from observe.insights.csv import render

    text = render(["a"], [["=SUM(A1)"], [1.5]])
    assert "'=SUM(A1)" in text and "1,50" in text
