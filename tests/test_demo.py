"""The demo data: a believable Danish børnehus and a school, seeded once."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from observe import demo
from observe.auth import services as auth
from observe.extensions import db
from observe.people.models import Child, Institution, Team, Theme, User
from observe.people.services import DAYCARE_THEMES


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _counts():
    return {model.__name__: _count(model) for model in (Institution, Team, User, Child, Theme)}


def _daycare():
    return db.session.scalar(select(Institution).where(Institution.name == demo.DAYCARE_NAME))


def test_seeding_twice_changes_nothing(app):
    assert demo.seed_demo() is True
    db.session.commit()
    before = _counts()
    assert demo.seed_demo() is False
    db.session.commit()
    assert _counts() == before


def test_daycare_is_believable(app):
    demo.seed_demo()
    db.session.commit()
    daycare = _daycare()
    assert daycare.kind == "daycare"
    assert sorted(t.name for t in daycare.teams) == ["Mariehønen", "Regnbuen", "Solsikken"]
    staff = list(db.session.scalars(select(User).where(User.institution_id == daycare.id)))
    assert len(staff) >= 12
    assert sorted({u.role for u in staff}) == ["admin", "leader", "resource", "staff"]
    assert any(len(u.teams) >= 2 for u in staff if u.role == "staff")
    assert all(not u.must_change_password for u in staff)
    children = list(db.session.scalars(select(Child).where(Child.institution_id == daycare.id)))
    assert len(children) >= 40
    assert {c.photo_consent for c in children} == {"none", "internal", "parents"}
    left = [c for c in children if not c.active]
    assert 1 <= len(left) <= 2 and all(c.left_on for c in left)
    today = dt.date.today()
    for child in children:
        if child.active:
            age = (today - child.birth_date).days / 365.25
            assert 2.5 < age < 6.5, (child.first_name, age)
    themes = db.session.scalars(
        select(Theme.name).where(Theme.institution_id == daycare.id).order_by(Theme.position))
    assert tuple(themes) == DAYCARE_THEMES
    names = " ".join([u.name for u in staff] + [c.first_name for c in children])
    assert all(letter in names.lower() for letter in "æøå")


def test_second_institution_is_a_school(app):
    demo.seed_demo()
    db.session.commit()
    school = db.session.scalar(select(Institution).where(Institution.name == demo.SCHOOL_NAME))
    assert school.is_school
    assert len(school.teams) == 2
    assert _count(User, User.institution_id == school.id) >= 2
    assert _count(Child, Child.institution_id == school.id) >= 10


def test_demo_logins_work(app, client):
    demo.seed_demo()
    db.session.commit()
    accounts = demo.demo_accounts()
    assert accounts[0][:3] == ("anne@maelkeboetten.dk", "Anne Kjærgaard", "admin")
    assert ("lars@maelkeboetten.dk", "leader") in [(a[0], a[2]) for a in accounts]
    for email in ("anne@maelkeboetten.dk", "henrik@skovbrynet.dk"):
        assert auth.find_user_by_email(email) is not None
    response = client.post("/login", data={"email": "lars@maelkeboetten.dk",
                                           "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302


def _snapshot():
    users = [(u.email, u.name, u.role, sorted(t.name for t in u.teams))
             for u in db.session.scalars(select(User).order_by(User.email))]
    children = [(c.first_name, c.last_initial, c.birth_date, c.photo_consent, c.team.name,
                 c.active, c.left_on)
                for c in db.session.scalars(select(Child).order_by(Child.id))]
    return users, children


def test_seeding_is_deterministic(app):
    day = dt.date(2025, 3, 1)
    demo.seed_demo(today=day)
    first = _snapshot()
    db.session.rollback()  # seed_demo only flushes: undo it and seed again
    assert demo.seed_demo(today=day) is True
    assert _snapshot() == first


def test_later_seeders_get_the_context(app, monkeypatch):
    seen = {}

    def seed_extra(ctx):
        seen["admin"] = ctx.users["anne"].email
        seen["solsikken"] = len(ctx.children_of("solsikken"))
        seen["institution"] = ctx.institution.name

    monkeypatch.setattr(demo, "SEEDERS", [*demo.SEEDERS, seed_extra])
    demo.seed_demo()
    assert seen == {"admin": "anne@maelkeboetten.dk", "solsikken": 15,
                    "institution": demo.DAYCARE_NAME}
