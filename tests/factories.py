"""Build what a test needs, committed, with sensible Danish defaults."""

from __future__ import annotations

import datetime as dt
import itertools

from observe.auth.passwords import hash_password
from observe.extensions import db
from observe.people import services as people
from observe.people.models import Child, Institution, Team, User

PASSWORD = "korrekt-hest-batteri"
_seq = itertools.count(1)


class Factory:
    def __init__(self):
        self._default_institution = None

    def institution(self, name=None, kind="daycare") -> Institution:
        inst = people.get_or_create_institution(name or f"Børnehuset {next(_seq)}", kind)
        db.session.commit()
        return inst

    @property
    def default_institution(self) -> Institution:
        if self._default_institution is None:
            self._default_institution = self.institution("Børnehuset Mælkebøtten")
        return self._default_institution

    def team(self, name=None, institution=None) -> Team:
        inst = institution or self.default_institution
        team = people.create_team(inst.id, name or f"Stue {next(_seq)}")
        db.session.commit()
        return team

    def user(self, role="staff", teams=(), institution=None, name=None, email=None,
             password=PASSWORD, active=True) -> User:
        inst = institution or self.default_institution
        n = next(_seq)
        user = User(
            institution_id=inst.id, role=role, name=name or f"Medarbejder {n}",
            email=(email or f"person{n}@example.dk").lower(),
            password_hash=hash_password(password), active=active, teams=list(teams),
        )
        db.session.add(user)
        db.session.commit()
        return user

    def child(self, team=None, first_name=None, consent="internal", institution=None,
              birth_date=dt.date(2021, 5, 4)) -> Child:
        team = team or self.team(institution=institution)
        child = people.create_child(
            team.institution_id, first_name=first_name or f"Barn{next(_seq)}",
            last_initial="H", birth_date=birth_date, team_id=team.id, photo_consent=consent)
        db.session.commit()
        return child
