"""Demo data: a believable Danish børnehus, and a small school beside it.

``seed_demo()`` builds everything once; a second call sees the demo institution and
changes nothing. It adds and flushes like a service; the caller commits (the
``observe demo`` and ``observe seed-if-empty`` commands do).

Each area seeds itself in a small function taking the shared ``DemoContext``;
``SEEDERS`` lists them in order. A later feature (observations, stories, meetings)
appends its own seeder, which finds the people it needs in ``ctx.users`` (keyed by the
login's local part: "anne", "lars", ...), the teams in ``ctx.teams`` and the children
in ``ctx.children``. The whole demo is seeded in one go, so a seeder added later only
runs on a fresh database. Everything is deterministic: ``ctx.rng`` is seeded, and
dates are relative to ``ctx.today``.

Every demo account shares ``DEMO_PASSWORD`` and need not change it. The hash is
computed once and shared, because argon2 is deliberately slow and the accounts are
throwaway; that is also why the accounts are built here rather than through
``create_person`` (which hashes per account and asks for a change at first login).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from observe.auth.passwords import hash_password
from observe.extensions import db
from observe.people import services as people
from observe.people.models import Child, Institution, Team, User

DEMO_PASSWORD = "maelkebotte-demo"  # noqa: S105  (public on purpose: demo only)
DAYCARE_NAME = "Børnehuset Mælkebøtten"
DAYCARE_DOMAIN = "maelkeboetten.dk"
SCHOOL_NAME = "Skovbrynet Skole"
SCHOOL_DOMAIN = "skovbrynet.dk"
RANDOM_SEED = 2024

DAYCARE_TEAMS = {"solsikken": "Solsikken", "regnbuen": "Regnbuen", "mariehoenen": "Mariehønen"}
SCHOOL_TEAMS = {"2a": "2.a", "5b": "5.b"}

# (login, name, role, teams). Titles in the comments: the app stores roles, not titles.
DAYCARE_STAFF = (
    ("anne", "Anne Kjærgaard", "admin", ("solsikken",)),  # pædagog, systemansvarlig
    ("lars", "Lars Østergaard", "leader", ()),  # afdelingsleder
    ("mette", "Mette Brøndum", "resource",  # pædagogisk konsulent, faciliterer møderne
     ("solsikken", "regnbuen", "mariehoenen")),
    ("soeren", "Søren Løvgren", "staff", ("solsikken",)),  # pædagog
    ("camilla", "Camilla Bæk", "staff", ("solsikken",)),  # pædagog
    ("jonas", "Jonas Kristiansen", "staff", ("solsikken", "mariehoenen")),  # medhjælper
    ("maja", "Maja Sørensen", "staff", ("regnbuen",)),  # pædagog
    ("rasmus", "Rasmus Dahl", "staff", ("regnbuen",)),  # pædagog
    ("birgitte", "Birgitte Ærenlund", "staff", ("regnbuen",)),  # pædagogmedhjælper
    ("katrine", "Katrine Møller", "staff", ("regnbuen", "solsikken")),  # pædagog
    ("sanne", "Sanne Skovgaard", "staff", ("mariehoenen",)),  # pædagog
    ("mikkel", "Mikkel Frølund", "staff", ("mariehoenen",)),  # pædagog
    ("hanne", "Hanne Skårup", "staff", ("mariehoenen",)),  # medhjælper
    ("fatima", "Fatima Yilmaz", "staff", ("mariehoenen",)),  # pædagogstuderende
)
SCHOOL_STAFF = (
    ("henrik", "Henrik Nørgaard", "admin", ("2a", "5b")),  # viceskoleleder
    ("louise", "Louise Bech", "staff", ("2a",)),  # lærer
    ("torben", "Torben Åkjær", "staff", ("5b",)),  # lærer
)

DAYCARE_CHILDREN = (
    "Freja", "Ida", "Alma", "Clara", "Emma", "Ella", "Sofie", "Agnes", "Karla", "Laura",
    "Olivia", "Asta", "Vigga", "Nora", "Liva", "Esther", "Ellen", "Josefine", "Mathilde",
    "Aya", "Selma", "Lærke", "William", "Noah", "Oscar", "Carl", "Malthe", "Alfred",
    "Valdemar", "Emil", "Aksel", "Elias", "Viggo", "Magnus", "Anton", "August", "Frederik",
    "Lucas", "Villads", "Bertram", "Malik", "Storm", "Bjørn", "Yusuf",
)
SCHOOL_PUPILS = (
    "Sara", "Mille", "Tobias", "Silas", "Hannah", "Rosa", "Victor", "Oliver", "Johan",
    "Marie", "Naja", "Kasper", "Liam", "Ronja", "Asbjørn", "Frederikke", "Sølvi", "Zakaria",
)
LAST_INITIALS = "ABCDEFGHJKLMNOPRSTVØÅ"


@dataclass
class DemoContext:
    """What the seeders share. Keys: institutions "daycare"/"school"; teams and users
    by the keys in the tables above; children in creation order."""

    rng: random.Random
    today: dt.date
    password_hash: str
    institutions: dict[str, Institution] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    children: list[Child] = field(default_factory=list)

    @property
    def institution(self) -> Institution:
        return self.institutions["daycare"]

    def children_of(self, team_key: str) -> list[Child]:
        team_id = self.teams[team_key].id
        return [child for child in self.children if child.team_id == team_id]


Seeder = Callable[[DemoContext], None]


def is_seeded() -> bool:
    return db.session.scalar(
        select(Institution.id).where(Institution.name == DAYCARE_NAME)) is not None


def seed_demo(today: dt.date | None = None) -> bool:
    """Seed the demo institutions; False (and nothing changed) when already present."""
    if is_seeded():
        return False
    ctx = DemoContext(rng=random.Random(RANDOM_SEED), today=today or dt.date.today(),
                      password_hash=hash_password(DEMO_PASSWORD))
    for seeder in SEEDERS:
        seeder(ctx)
    db.session.flush()
    return True


def demo_accounts() -> list[tuple[str, str, str, str]]:
    """(e-mail, name, role, institution) of every demo login, daycare first."""
    return [(f"{key}@{DAYCARE_DOMAIN}", name, role, DAYCARE_NAME)
            for key, name, role, _teams in DAYCARE_STAFF] + [
           (f"{key}@{SCHOOL_DOMAIN}", name, role, SCHOOL_NAME)
            for key, name, role, _teams in SCHOOL_STAFF]


# -- building blocks ------------------------------------------------------------------

def _add_institution(ctx: DemoContext, key: str, name: str, kind: str,
                     teams: dict[str, str]) -> Institution:
    institution = people.get_or_create_institution(name, kind)  # also seeds the themes
    ctx.institutions[key] = institution
    for team_key, team_name in teams.items():
        ctx.teams[team_key] = people.create_team(institution.id, team_name)
    return institution


def _add_staff(ctx: DemoContext, institution: Institution, domain: str, staff) -> None:
    for key, name, role, team_keys in staff:
        user = User(
            institution_id=institution.id, name=name, email=f"{key}@{domain}", role=role,
            password_hash=ctx.password_hash, must_change_password=False,
            teams=[ctx.teams[team_key] for team_key in team_keys],
        )
        db.session.add(user)
        ctx.users[key] = user
    db.session.flush()


def _birth_date(ctx: DemoContext, min_years: float, max_years: float) -> dt.date:
    days = ctx.rng.randint(int(min_years * 365.25), int(max_years * 365.25))
    return ctx.today - dt.timedelta(days=days)


def _consents(ctx: DemoContext, count: int) -> list[str]:
    """Mostly consent (parents, or internal use only), and a few children with none:
    the photo rules must have someone to protect in the demo."""
    none = max(2, count // 9)
    internal = count // 3
    consents = ["none"] * none + ["internal"] * internal + ["parents"] * (count - none - internal)
    ctx.rng.shuffle(consents)
    return consents


def _add_children(ctx: DemoContext, institution: Institution, names, team_keys,
                  ages: dict[str, tuple[float, float]]) -> list[Child]:
    names = list(names)
    ctx.rng.shuffle(names)
    consents = _consents(ctx, len(names))
    created = []
    for index, first_name in enumerate(names):
        team_key = team_keys[index % len(team_keys)]
        child = people.create_child(
            institution.id, first_name=first_name,
            last_initial=ctx.rng.choice(LAST_INITIALS),
            birth_date=_birth_date(ctx, *ages[team_key]),
            team_id=ctx.teams[team_key].id, photo_consent=consents[index],
        )
        created.append(child)
    ctx.children.extend(created)
    return created


# -- seeders --------------------------------------------------------------------------

def seed_daycare(ctx: DemoContext) -> None:
    """Three stuer of 3-6 year olds, staff mostly on one stue, a few on two."""
    institution = _add_institution(ctx, "daycare", DAYCARE_NAME, "daycare", DAYCARE_TEAMS)
    _add_staff(ctx, institution, DAYCARE_DOMAIN, DAYCARE_STAFF)
    ages = dict.fromkeys(DAYCARE_TEAMS, (2.9, 5.9))
    children = _add_children(ctx, institution, DAYCARE_CHILDREN, list(DAYCARE_TEAMS), ages)
    # Two children have moved on (to school, to another town): marked as left, not
    # deleted, so their stories stay with the institution.
    for child, days_ago in zip(children[-2:], (21, 60), strict=True):
        people.set_child_active(child, False)
        child.left_on = ctx.today - dt.timedelta(days=days_ago)
    db.session.flush()


def seed_school(ctx: DemoContext) -> None:
    """A second institution, so the demo can show that the two never see each other."""
    institution = _add_institution(ctx, "school", SCHOOL_NAME, "school", SCHOOL_TEAMS)
    _add_staff(ctx, institution, SCHOOL_DOMAIN, SCHOOL_STAFF)
    ages = {"2a": (7.7, 8.6), "5b": (10.7, 11.6)}
    _add_children(ctx, institution, SCHOOL_PUPILS, list(SCHOOL_TEAMS), ages)
    db.session.flush()


# Later features append their own seeders here (they run after these, in order).
SEEDERS: list[Seeder] = [seed_daycare, seed_school]

from observe.stories.demo import seed_stories  # noqa: E402  (uses the building blocks above)

SEEDERS.append(seed_stories)

from observe.observations.demo import seed_observations  # noqa: E402

SEEDERS.append(seed_observations)

from observe.insights.demo import seed_selfeval  # noqa: E402

SEEDERS.append(seed_selfeval)

from observe.meetings.demo import seed_meetings  # noqa: E402

SEEDERS.append(seed_meetings)
