"""Only an institution's admins reach /admin, and only for their own institution."""

from __future__ import annotations

import pytest

from observe.extensions import db
from observe.people.models import Theme

IDS = ("team_id", "user_id", "child_id", "theme_id")


def people_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("people.")]


def build(rule, ids):
    values = {"kind": "children"}
    values.update({name: ids[name] for name in rule.arguments if name in ids})
    return rule.build(values, append_unknown=False)[1]


def records(f, institution):
    team = f.team(institution=institution)
    person = f.user(institution=institution, teams=[team])
    child = f.child(team=team)
    theme = db.session.query(Theme).filter_by(institution_id=institution.id).first()
    return {"team_id": team.id, "user_id": person.id, "child_id": child.id,
            "theme_id": theme.id}


def test_every_admin_page_is_registered(app):
    endpoints = {rule.endpoint for rule in people_rules(app)}
    assert {"people.admin_index", "people.teams", "people.staff", "people.children",
            "people.themes", "people.import_page"} <= endpoints


@pytest.mark.parametrize("role", ["staff", "leader", "resource"])
def test_other_roles_get_403_everywhere(app, f, client, login, role):
    ids = records(f, f.default_institution)
    login(f.user(role=role))
    checked = 0
    for rule in people_rules(app):
        url = build(rule, ids)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, data={"name": "x", "confirmed": "1"})
            assert response.status_code == 403, (method, url)
            checked += 1
    assert checked >= 20


def test_admin_page_asks_anonymous_to_log_in(client):
    response = client.get("/admin/staff")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_staff_sees_no_administration_link(f, client, login):
    login(f.user(role="staff"))
    assert "/admin/" not in client.get("/").get_data(as_text=True)


def test_records_of_another_institution_are_404(app, f, admin_client):
    other = f.institution("Skolen ved Skoven", kind="school")
    ids = records(f, other)
    checked = 0
    for rule in people_rules(app):
        if not set(rule.arguments) & set(IDS):
            continue
        url = build(rule, ids)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = admin_client.open(url, method=method,
                                         data={"name": "Overtaget", "confirmed": "1"})
            assert response.status_code == 404, (method, url)
            checked += 1
    assert checked >= 15
    # Nothing of the other institution changed.
    theme = db.session.get(Theme, ids["theme_id"])
    db.session.refresh(theme)
    assert theme.active and theme.name != "Overtaget"


def test_unknown_ids_are_404(admin_client):
    assert admin_client.get("/admin/teams/99999").status_code == 404
    assert admin_client.get("/admin/children/99999").status_code == 404
    assert admin_client.get("/admin/staff/99999").status_code == 404
    assert admin_client.get("/admin/import/example-other.csv").status_code == 404


def test_filters_cannot_reach_another_institution(f, admin_client):
    other = f.institution("Andet Hus")
    team = f.team("Fremmed stue", institution=other)
    f.child(team=team, first_name="Fremmedbarn")
    f.user(institution=other, name="Fremmed Voksen", teams=[team])
    children = admin_client.get(f"/admin/children?team={team.id}").get_data(as_text=True)
    staff = admin_client.get(f"/admin/staff?team={team.id}&q=Fremmed").get_data(as_text=True)
    assert "Fremmedbarn" not in children
    assert "Fremmed Voksen" not in staff
    assert "Fremmed stue" not in children


JUNK = [
    {},
    {"name": "x" * 5000, "email": "@" * 300, "role": "root", "team_ids": ["abc", "-1"],
     "password": "y" * 500},
    {"first_name": "\x00", "last_initial": "ÆØÅÆ", "birth_date": "2021-02-30",
     "team_id": "abc", "photo_consent": "?", "confirmed": "maybe"},
    {"children-file": "not a file", "staff-file": "not a file"},
]


def test_bad_input_never_500(app, f, admin_client):
    ids = records(f, f.default_institution)
    for rule in people_rules(app):
        if "POST" not in rule.methods:
            continue
        url = build(rule, ids)
        for data in JUNK:
            response = admin_client.post(url, data=data)
            assert response.status_code < 500, (url, data)


def test_unreadable_csv_files_never_500(f, admin_client):
    import io

    f.team("Solstuen")
    files = [
        b"\x81\x8d\x8f\x90\x9d" * 10,
        b'fornavn;efternavn;f\xc3\xb8dselsdato;stue\n"' + b"x" * 200_000 + b'";H;;\n',
        b'fornavn;efternavn;f\xc3\xb8dselsdato;stue\n"unclosed;H;2021-01-01;Solstuen\n',
        b"\xff\xfe\x00\xd8",
        b"\n\n\n",
        b";;;\n;;;\n",
    ]
    for kind in ("children", "staff"):
        for content in files:
            response = admin_client.post(
                f"/admin/import/{kind}", content_type="multipart/form-data",
                data={f"{kind}-file": (io.BytesIO(content), "x.csv")})
            assert response.status_code == 422, (kind, content[:20])
