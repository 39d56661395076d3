"""Rules for institutions, teams, staff, children and themes.

Services add and flush; the request commits. They raise ``ValidationError`` with
messages per field, which the pages and the API show alike.
"""

from __future__ import annotations

import datetime as dt
import re

from flask_babel import gettext as _
from sqlalchemy import func, select

from observe.auth import services as auth_services
from observe.auth.passwords import password_problems
from observe.db import utcnow
from observe.extensions import db
from observe.people.models import (
    INSTITUTION_KINDS,
    PHOTO_CONSENTS,
    ROLES,
    Child,
    Institution,
    Team,
    Theme,
    User,
    email_key,
)
from observe.validation import ValidationError, text

DAYCARE_THEMES = (
    "Alsidig personlig udvikling",
    "Social udvikling",
    "Kommunikation og sprog",
    "Krop, sanser og bevægelse",
    "Natur, udeliv og science",
    "Kultur, æstetik og fællesskab",
)
SCHOOL_THEMES = (
    "Differentiering", "Feedback", "Aktiv læring", "Relationer", "Klasseledelse", "Overgange",
)

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# -- institutions and themes ------------------------------------------------------

def get_or_create_institution(name: str, kind: str = "daycare") -> Institution:
    institution = db.session.scalar(select(Institution).where(Institution.name == name))
    if institution is None:
        if kind not in INSTITUTION_KINDS:
            raise ValidationError({"kind": _("Unknown institution type.")})
        institution = Institution(name=name, kind=kind)
        db.session.add(institution)
        db.session.flush()
        seed_default_themes(institution)
    return institution


def seed_default_themes(institution: Institution) -> None:
    """Daycare starts with the six themes of the strengthened curriculum; schools with
    a school set. Admins add, rename and retire from there."""
    names = SCHOOL_THEMES if institution.is_school else DAYCARE_THEMES
    for position, name in enumerate(names):
        db.session.add(Theme(institution_id=institution.id, name=name, position=position))
    db.session.flush()


def _theme_name(institution_id: int, name, current: Theme | None = None) -> str:
    errors: dict = {}
    cleaned = text(name, "name", required=True, max_length=120, errors=errors)
    if errors:
        raise ValidationError(errors)
    clash = db.session.scalar(select(Theme).where(
        Theme.institution_id == institution_id, func.lower(Theme.name) == cleaned.lower()))
    if clash is not None and clash is not current:
        raise ValidationError({"name": _("A theme with this name already exists.")})
    return cleaned


def create_theme(institution_id: int, name: str) -> Theme:
    cleaned = _theme_name(institution_id, name)
    position = db.session.scalar(
        select(func.coalesce(func.max(Theme.position), -1)).where(
            Theme.institution_id == institution_id)) + 1
    theme = Theme(institution_id=institution_id, name=cleaned, position=position)
    db.session.add(theme)
    db.session.flush()
    return theme


def update_theme(theme: Theme, name: str | None = None, active: bool | None = None) -> Theme:
    """Renaming keeps every link to the theme; retiring hides it from new records."""
    if name is not None:
        theme.name = _theme_name(theme.institution_id, name, current=theme)
    if active is not None:
        theme.active = bool(active)
    db.session.flush()
    return theme


# -- teams ---------------------------------------------------------------------------

def _team_name(institution_id: int, name, current: Team | None = None) -> str:
    errors: dict = {}
    cleaned = text(name, "name", required=True, max_length=120, errors=errors)
    if errors:
        raise ValidationError(errors)
    clash = db.session.scalar(select(Team).where(
        Team.institution_id == institution_id, func.lower(Team.name) == cleaned.lower()))
    if clash is not None and clash is not current:
        raise ValidationError({"name": _("A team with this name already exists.")})
    return cleaned


def create_team(institution_id: int, name: str) -> Team:
    team = Team(institution_id=institution_id, name=_team_name(institution_id, name))
    db.session.add(team)
    db.session.flush()
    return team


def get_or_create_team(institution_id: int, name: str) -> Team:
    team = db.session.scalar(select(Team).where(
        Team.institution_id == institution_id, func.lower(Team.name) == name.strip().lower()))
    return team or create_team(institution_id, name)


def update_team(team: Team, name: str | None = None, active: bool | None = None) -> Team:
    if name is not None:
        team.name = _team_name(team.institution_id, name, current=team)
    if active is not None:
        team.active = bool(active)
    db.session.flush()
    return team


def teams_by_ids(institution_id: int, team_ids, field: str = "team_ids") -> list[Team]:
    """Resolve ids to teams of this institution; an unknown id is a validation error."""
    try:
        ids = {int(i) for i in (team_ids or [])}
    except (TypeError, ValueError):
        raise ValidationError({field: _("Unknown team.")}) from None
    if not ids:
        return []
    teams = list(db.session.scalars(select(Team).where(
        Team.id.in_(ids), Team.institution_id == institution_id)))
    if len(teams) != len(ids):
        raise ValidationError({field: _("Unknown team.")})
    return teams


# -- staff -----------------------------------------------------------------------------

def check_person(institution_id: int, name, email, role, current: User | None = None):
    """Name, e-mail (unique across the deployment: it is the login) and role.

    Returns the cleaned ``(name, email)``; the CSV import checks rows with it too."""
    errors: dict = {}
    name = text(name, "name", required=True, max_length=120, errors=errors)
    email = email_key(email if isinstance(email, str) else "")
    if not email:
        errors["email"] = _("Fill in this field.")
    elif len(email) > 254 or not EMAIL_RE.match(email):
        errors["email"] = _("This is not a valid e-mail address.")
    else:
        clash = db.session.scalar(select(User).where(User.email == email))
        if clash is not None and clash is not current:
            errors["email"] = _("Another account already uses this e-mail address.")
    if role not in ROLES:
        errors["role"] = _("Unknown role.")
    if errors:
        raise ValidationError(errors)
    return name, email


def create_person(institution_id: int, *, name: str, email: str, role: str = "staff",
                  team_ids=(), password: str | None = None) -> tuple[User, str | None]:
    """Create a staff account. With a password, the colleague must replace it at first
    login; without one, the admin gets a one-time link to hand over."""
    name, email = check_person(institution_id, name, email, role)
    teams = teams_by_ids(institution_id, team_ids)
    if password:
        # Checked before the account exists, so a refused password leaves nothing behind.
        problems = password_problems(password)
        if problems:
            raise ValidationError({"password": " ".join(problems)})
    user = User(institution_id=institution_id, name=name, email=email, role=role, teams=teams)
    db.session.add(user)
    link = None
    if password:
        try:
            auth_services.set_password(user, password, temporary=True)
        except auth_services.AuthError as exc:
            raise ValidationError({"password": str(exc)}) from None
    else:
        db.session.flush()
        link = auth_services.create_setup_link(user)
    db.session.flush()
    return user, link


def _would_remove_last_admin(user: User, role=None, active=None) -> bool:
    if user.role != "admin":
        return False
    if (role in (None, "admin")) and active in (None, True):
        return False
    admins = db.session.scalar(select(func.count()).select_from(User).where(
        User.institution_id == user.institution_id, User.role == "admin", User.active))
    return admins <= 1


def update_person(user: User, *, name=None, email=None, role=None, team_ids=None,
                  active=None, by: User | None = None) -> User:
    if active is not None and not active:
        _refuse_self(user, by, _("You cannot deactivate your own account."))
    new_name, new_email = check_person(
        user.institution_id, user.name if name is None else name,
        user.email if email is None else email, user.role if role is None else role,
        current=user)
    if _would_remove_last_admin(user, role, active):
        raise ValidationError({"role": _("The institution must keep at least one active "
                                         "administrator.")})
    user.name, user.email = new_name, new_email
    if role is not None:
        user.role = role
    if team_ids is not None:
        user.teams = teams_by_ids(user.institution_id, team_ids)
    if active is not None and bool(active) != user.active:
        user.active = bool(active)
        if not user.active:
            user.end_sessions()  # a deactivated colleague is logged out everywhere
    db.session.flush()
    return user


def _refuse_self(user: User, by: User | None, message: str) -> None:
    # An admin who locks themselves out needs another admin to get back in.
    if by is not None and by.id == user.id:
        raise ValidationError({"_": message})


def set_person_active(user: User, active: bool, *, by: User | None = None) -> User:
    """Deactivated colleagues cannot log in; everything they wrote stays."""
    return update_person(user, active=bool(active), by=by)


def reset_password(user: User, *, by: User | None = None) -> str:
    """The colleague must choose a new password through the returned one-time link.

    The old password stops working at once and every session of the colleague ends."""
    _refuse_self(user, by, _("Change your own password on your profile page."))
    if not user.active:
        raise ValidationError({"_": _("Reactivate the account before you reset its password.")})
    return auth_services.create_setup_link(user)


# -- children --------------------------------------------------------------------------

def parse_date(value) -> dt.date | None:
    """Accept ISO dates and the Danish forms 24-12-2020, 24.12.2020, 24/12/2020."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def check_child(institution_id: int, data: dict) -> dict:
    """Clean and check a child's fields; the CSV import checks rows with it too."""
    errors: dict = {}
    clean = {
        "first_name": text(data.get("first_name"), "first_name", required=True,
                           max_length=80, errors=errors),
        "last_initial": text(data.get("last_initial"), "last_initial", required=True,
                             max_length=3, errors=errors),
    }
    if clean["last_initial"] and not errors.get("last_initial"):
        clean["last_initial"] = clean["last_initial"].rstrip(".").upper()
    try:
        birth = parse_date(data.get("birth_date"))
        if birth and (birth > dt.date.today() or birth.year < 1990):
            errors["birth_date"] = _("The birth date is not plausible.")
        clean["birth_date"] = birth
    except ValueError:
        errors["birth_date"] = _("Write the date as YYYY-MM-DD or DD-MM-YYYY.")
    consent = data.get("photo_consent") or "none"
    if consent not in PHOTO_CONSENTS:
        errors["photo_consent"] = _("Photo consent must be none, internal or parents.")
    clean["photo_consent"] = consent
    try:
        teams = teams_by_ids(institution_id, [data.get("team_id")], "team_id")
        clean["team_id"] = teams[0].id if teams else None
        if not teams:
            errors["team_id"] = _("Choose a team.")
    except ValidationError as exc:
        errors.update(exc.fields)
    if errors:
        raise ValidationError(errors)
    return clean


def create_child(institution_id: int, **data) -> Child:
    clean = check_child(institution_id, data)
    child = Child(institution_id=institution_id, **clean)
    db.session.add(child)
    db.session.flush()
    return child


def update_child(child: Child, **data) -> Child:
    current = {
        "first_name": child.first_name, "last_initial": child.last_initial,
        "birth_date": child.birth_date, "photo_consent": child.photo_consent,
        "team_id": child.team_id,
    }
    current.update({k: v for k, v in data.items() if k in current})
    clean = check_child(child.institution_id, current)
    for key, value in clean.items():
        setattr(child, key, value)
    if "active" in data and data["active"] is not None:
        set_child_active(child, bool(data["active"]))
    db.session.flush()
    return child


def set_child_active(child: Child, active: bool) -> None:
    """A child who leaves is marked as left, not deleted: their stories stay."""
    child.active = active
    child.left_on = None if active else (child.left_on or utcnow().date())
