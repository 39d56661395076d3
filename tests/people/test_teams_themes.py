"""Teams and themes: create, rename, deactivate/retire, reactivate."""

from __future__ import annotations

from sqlalchemy import func, select

from observe.extensions import db
from observe.people.models import Team, Theme
from tests.people.conftest import page_text


def count(model, **where):
    return db.session.scalar(select(func.count()).select_from(model).filter_by(**where))


def test_empty_team_list_says_what_to_do(admin_client):
    text = page_text(admin_client.get("/admin/teams"))
    assert "No teams yet. Create the first one below." in text


def test_create_and_rename_team(admin, admin_client):
    response = admin_client.post("/admin/teams", data={"name": "  Solstuen "},
                                 follow_redirects=True)
    assert response.status_code == 200
    assert "The team Solstuen is created." in page_text(response)
    team = db.session.scalar(select(Team).filter_by(name="Solstuen"))
    assert team.institution_id == admin.institution_id and team.active

    response = admin_client.post(f"/admin/teams/{team.id}", data={"name": "Månestuen"},
                                 follow_redirects=True)
    assert "The team is renamed to Månestuen." in page_text(response)
    db.session.refresh(team)
    assert team.name == "Månestuen"


def test_team_name_is_required_and_unique(f, admin, admin_client):
    f.team("Solstuen")
    response = admin_client.post("/admin/teams", data={"name": "   "})
    assert response.status_code == 422
    assert "Fill in this field." in page_text(response)

    response = admin_client.post("/admin/teams", data={"name": "solstuen"})
    assert response.status_code == 422
    assert "A team with this name already exists." in page_text(response)
    assert count(Team, institution_id=admin.institution_id) == 1


def test_rename_clash_is_refused(f, admin_client):
    f.team("Solstuen")
    other = f.team("Månestuen")
    response = admin_client.post(f"/admin/teams/{other.id}", data={"name": "Solstuen"})
    assert response.status_code == 422
    assert "A team with this name already exists." in page_text(response)
    db.session.refresh(other)
    assert other.name == "Månestuen"


def test_deactivate_asks_first_then_reactivate(f, admin_client):
    team = f.team("Solstuen")
    # Without JavaScript the form posts confirmed=0: the server asks instead of acting.
    response = admin_client.post(f"/admin/teams/{team.id}/deactivate",
                                 data={"confirmed": "0"})
    assert response.status_code == 200
    assert "Are you sure?" in page_text(response) or "Er du sikker?" in page_text(response)
    db.session.refresh(team)
    assert team.active

    response = admin_client.post(f"/admin/teams/{team.id}/deactivate",
                                 data={"confirmed": "1"}, follow_redirects=True)
    assert "The team Solstuen is deactivated." in page_text(response)
    db.session.refresh(team)
    assert not team.active
    assert "Deactivated" in page_text(admin_client.get("/admin/teams"))

    response = admin_client.post(f"/admin/teams/{team.id}/reactivate",
                                 follow_redirects=True)
    assert "The team Solstuen is active again." in page_text(response)
    db.session.refresh(team)
    assert team.active


def test_deactivated_team_cannot_be_chosen_for_new_children(f, admin_client):
    team = f.team("Gammel stue")
    f.team("Ny stue")
    admin_client.post(f"/admin/teams/{team.id}/deactivate", data={"confirmed": "1"},
                      follow_redirects=True)
    text = page_text(admin_client.get("/admin/children/new"))
    assert "Ny stue" in text and "Gammel stue" not in text


def test_themes_are_listed_in_order_with_defaults(admin_client):
    text = page_text(admin_client.get("/admin/themes"))
    first = text.index("Alsidig personlig udvikling")
    last = text.index("Kultur, æstetik og fællesskab")
    assert first < last


def test_add_rename_retire_and_reactivate_theme(admin, admin_client):
    response = admin_client.post("/admin/themes", data={"name": "Overgange"},
                                 follow_redirects=True)
    assert "The theme Overgange is added." in page_text(response)
    theme = db.session.scalar(select(Theme).filter_by(name="Overgange"))
    assert theme.institution_id == admin.institution_id
    assert theme.position == 6  # after the six default themes

    response = admin_client.post(f"/admin/themes/{theme.id}",
                                 data={"name": "Overgange og skift"}, follow_redirects=True)
    assert "The theme is renamed to Overgange og skift." in page_text(response)

    response = admin_client.post(f"/admin/themes/{theme.id}/retire", data={"confirmed": "1"},
                                 follow_redirects=True)
    text = page_text(response)
    assert "The theme Overgange og skift is retired." in text
    assert "Retired" in text
    db.session.refresh(theme)
    assert not theme.active and theme.name == "Overgange og skift"

    admin_client.post(f"/admin/themes/{theme.id}/reactivate")
    db.session.refresh(theme)
    assert theme.active


def test_theme_validation(admin, admin_client):
    before = count(Theme, institution_id=admin.institution_id)
    response = admin_client.post("/admin/themes", data={"name": ""})
    assert response.status_code == 422
    assert "Fill in this field." in page_text(response)
    response = admin_client.post("/admin/themes", data={"name": "social udvikling"})
    assert response.status_code == 422
    assert "A theme with this name already exists." in page_text(response)
    response = admin_client.post("/admin/themes", data={"name": "x" * 121})
    assert response.status_code == 422
    assert count(Theme, institution_id=admin.institution_id) == before


def test_overview_shows_counts_and_links(f, admin_client):
    team = f.team("Solstuen")
    f.child(team=team)
    f.child(team=team)
    text = page_text(admin_client.get("/admin/"))
    assert "1 active team" in text and "1 active teams" not in text
    assert "2 registered" in text
    assert "6 themes in use" in text
    for url in ("/admin/teams", "/admin/staff", "/admin/children", "/admin/themes",
                "/admin/import"):
        assert f'href="{url}"' in text
