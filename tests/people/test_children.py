"""Children (pupils in schools): create, edit, mark as left and back."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from observe.extensions import db
from observe.people.models import Child
from tests.people.conftest import page_text


def children_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Child))


def test_create_child(f, admin, admin_client):
    team = f.team("Solstuen")
    response = admin_client.post("/admin/children/new", data={
        "first_name": "Ida", "last_initial": "h.", "birth_date": "2021-03-14",
        "team_id": str(team.id), "photo_consent": "internal"}, follow_redirects=True)
    assert response.status_code == 200
    text = page_text(response)
    assert "Ida H. is added." in text
    child = db.session.scalar(select(Child))
    assert (child.first_name, child.last_initial, child.birth_date, child.team_id,
            child.photo_consent, child.institution_id) == (
        "Ida", "H", dt.date(2021, 3, 14), team.id, "internal", admin.institution_id)
    assert "Internal use" in text


def test_child_validation_and_nothing_saved(f, admin_client):
    team = f.team("Solstuen")
    other_team = f.team("Fremmed", institution=f.institution("Andet Hus"))
    cases = [
        ({"first_name": "", "last_initial": "H"}, "Fill in this field."),
        ({"birth_date": "2999-01-01"}, "The birth date is not plausible."),
        ({"birth_date": "14/3/21x"}, "Not a valid date value."),
        ({"team_id": str(other_team.id)}, "Not a valid choice."),
        ({"photo_consent": "always"}, "Not a valid choice."),
        ({"last_initial": "Hansen"}, "Field cannot be longer than 3 characters."),
    ]
    for change, message in cases:
        data = {"first_name": "Ida", "last_initial": "H", "birth_date": "2021-03-14",
                "team_id": str(team.id), "photo_consent": "none", **change}
        response = admin_client.post("/admin/children/new", data=data)
        assert response.status_code == 422, change
        assert message in page_text(response), change
    assert children_count() == 0


def test_edit_child(f, admin_client):
    solstuen, maanestuen = f.team("Solstuen"), f.team("Månestuen")
    child = f.child(team=solstuen, first_name="Malik")
    response = admin_client.post(f"/admin/children/{child.id}", data={
        "first_name": "Malik", "last_initial": "Ø", "birth_date": "2020-11-02",
        "team_id": str(maanestuen.id), "photo_consent": "parents"}, follow_redirects=True)
    assert "The changes to Malik Ø. are saved." in page_text(response)
    db.session.refresh(child)
    assert (child.last_initial, child.team_id, child.photo_consent, child.birth_date) == (
        "Ø", maanestuen.id, "parents", dt.date(2020, 11, 2))


def test_edit_child_with_bad_input_changes_nothing(f, admin_client):
    child = f.child(first_name="Malik")
    response = admin_client.post(f"/admin/children/{child.id}", data={
        "first_name": "   ", "last_initial": "Ø", "team_id": str(child.team_id),
        "photo_consent": "parents"})
    assert response.status_code == 422
    db.session.refresh(child)
    assert child.first_name == "Malik" and child.photo_consent == "internal"


def test_mark_child_as_left_and_undo(f, admin_client):
    child = f.child(first_name="Noah")
    response = admin_client.post(f"/admin/children/{child.id}/left", data={"confirmed": "0"})
    assert "Mark Noah H. as left?" in page_text(response)
    db.session.refresh(child)
    assert child.active

    response = admin_client.post(f"/admin/children/{child.id}/left", data={"confirmed": "1"},
                                 follow_redirects=True)
    text = page_text(response)
    assert "Noah H. is marked as left." in text
    db.session.refresh(child)
    assert not child.active and child.left_on is not None
    # Left children are listed apart.
    assert "Noah H." not in page_text(admin_client.get("/admin/children"))
    left = page_text(admin_client.get("/admin/children?status=left"))
    assert "Noah H." in left and "Children who have left" in left

    admin_client.post(f"/admin/children/{child.id}/return")
    db.session.refresh(child)
    assert child.active and child.left_on is None


def test_children_list_filters_by_team_and_pages(f, admin_client):
    solstuen, maanestuen = f.team("Solstuen"), f.team("Månestuen")
    for n in range(22):
        f.child(team=solstuen, first_name=f"Sol{n:02d}")
    f.child(team=maanestuen, first_name="Måne")
    text = page_text(admin_client.get("/admin/children"))
    assert "Page 1 of 2" in text
    text = page_text(admin_client.get(f"/admin/children?team={maanestuen.id}"))
    assert "Måne H." in text and "Sol00" not in text
    text = page_text(admin_client.get(f"/admin/children?team={solstuen.id}&page=2"))
    assert "Sol21" in text and "Måne H." not in text


def test_empty_children_list_says_what_to_do(admin_client):
    assert "No children yet. Add the first one" in page_text(admin_client.get("/admin/children"))


def test_school_says_pupils(f, client, login):
    school = f.institution("Skolen ved Søen", kind="school")
    admin = f.user(role="admin", institution=school)
    admin.language = "en"
    db.session.commit()
    login(admin)
    text = page_text(client.get("/admin/children"))
    assert "Pupils" in text and "No pupils yet." in text
    assert "Children" not in text
