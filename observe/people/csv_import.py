"""CSV import of children and staff: read, check every row, then create all or nothing.

Files come from Excel and from municipal systems, so the reader is forgiving about the
form (UTF-8 with or without BOM, else cp1252 as Excel writes it; ``;``, ``,`` or tab
between cells; Danish or English column names; Danish values for consent and role)
and strict about the content: every row is checked before anything is created, and
one bad row refuses the whole file with a list of every bad line. A half-imported
register is worse than none, because nobody can tell which half is missing.

Teams named in the file must exist: an auto-created team from a typo ("Solstuen" vs
"Solstue") would quietly split a group in two.

These are plain functions (bytes in, rows or records out) so they are easy to test;
the records themselves are created through ``observe.people.services``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from observe.extensions import db
from observe.people import services
from observe.people.models import Child, Team, User, email_key
from observe.validation import ValidationError

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000

# Canonical column -> accepted header names (normalised: lower case, "_" for gaps).
CHILD_COLUMNS = {
    "first_name": ("fornavn", "first_name", "firstname", "given_name"),
    "last_initial": ("efternavn", "last_initial", "last_name", "lastname", "surname",
                     "initial", "forbogstav", "efternavn_forbogstav"),
    "birth_date": ("fødselsdato", "birth_date", "birthdate", "date_of_birth", "født"),
    "team": ("stue", "team", "klasse", "hold", "gruppe", "class"),
    "photo_consent": ("samtykke", "photo_consent", "consent", "fotosamtykke",
                      "billedsamtykke", "foto_samtykke"),
}
CHILD_REQUIRED = ("first_name", "last_initial", "birth_date", "team")

STAFF_COLUMNS = {
    "name": ("navn", "name", "fulde_navn", "full_name"),
    "email": ("email", "e_mail", "mail", "emailadresse", "e_mailadresse"),
    "role": ("rolle", "role"),
    "teams": ("teams", "team", "stuer", "stue", "hold", "klasser", "klasse"),
}
STAFF_REQUIRED = ("name", "email")

CONSENT_VALUES = {
    "none": "none", "ingen": "none", "nej": "none",
    "internal": "internal", "internt": "internal", "intern": "internal",
    "parents": "parents", "forældre": "parents", "foraeldre": "parents",
}
ROLE_VALUES = {
    "admin": "admin", "administrator": "admin",
    "leader": "leader", "leder": "leader",
    "resource": "resource", "ressourceperson": "resource", "resource_person": "resource",
    "ressource": "resource",
    "staff": "staff", "medarbejder": "staff", "pædagog": "staff", "lærer": "staff",
}
TEAM_SEPARATORS = re.compile(r"[|,]")


class ImportRefused(Exception):
    """The file was not imported; ``problems`` says why, one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class Table:
    labels: dict[str, str]  # canonical column -> header as written in the file
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)

    def label(self, key: str) -> str:
        return self.labels.get(key, key)


# -- reading ------------------------------------------------------------------------------

def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise ImportRefused([_("The file is larger than %(n)d MB. Split it into smaller "
                               "files.", n=MAX_BYTES // (1024 * 1024))])
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportRefused([_("This is an Excel workbook, not a CSV file. In Excel, choose "
                               "Save as and the type CSV.")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in raw:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("cp1252")  # what Excel writes for "CSV (semikolonsepareret)"
        except UnicodeDecodeError:
            pass
    raise ImportRefused([_("The file could not be read as text. Save it as CSV (UTF-8) "
                           "and try again.")])


def sniff_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delim: first.count(delim) for delim in (";", ",", "\t")}
    best = max(counts, key=lambda delim: counts[delim])  # ties keep ";" first
    return best if counts[best] else ";"


def normalise_header(name: str) -> str:
    return re.sub(r"[\s\-_.]+", "_", name.strip().strip("\ufeff").casefold()).strip("_")


def read_table(raw: bytes, columns: dict, required: tuple) -> Table:
    """Decode, split and map the columns; line numbers are the file's (header = 1)."""
    text = decode(raw)
    if not text.strip():
        raise ImportRefused([_("The file is empty.")])
    aliases = {alias: key for key, names in columns.items() for alias in names}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        header = next(reader)
        positions, labels = {}, {}
        for index, name in enumerate(header):
            key = aliases.get(normalise_header(name))
            if key and key not in positions:
                positions[key], labels[key] = index, name.strip().strip("\ufeff")
        missing = [columns[key][0] for key in required if key not in positions]
        if missing:
            raise ImportRefused([_("Line 1 must name the columns. Missing: %(names)s.",
                                   names=", ".join(missing))])
        table = Table(labels=labels)
        line = reader.line_num + 1
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(table.rows) >= MAX_ROWS:
                raise ImportRefused([_("The file has more than %(n)d rows. Split it into "
                                       "smaller files.", n=MAX_ROWS)])
            values = {key: cells[i].strip() for key, i in positions.items() if i < len(cells)}
            if any(cell.strip() for cell in cells[len(header):]):
                values["_extra"] = "1"
            table.rows.append((start, values))
    except csv.Error:
        raise ImportRefused([_("Line %(line)d could not be read. Check quotes in the file.",
                               line=reader.line_num)]) from None
    if not table.rows:
        raise ImportRefused([_("The file has a header but no rows.")])
    return table


def _row_problem(line: int, messages: list[str]) -> str:
    return _("Line %(line)d: %(message)s", line=line, message="; ".join(messages))


def _common_checks(table: Table, values: dict, required: tuple) -> list[str]:
    messages = [_("%(column)s is missing", column=table.label(key))
                for key in required if not values.get(key)]
    if values.get("_extra"):
        messages.append(_("more cells than there are columns in line 1"))
    return messages


def _teams(institution_id: int) -> dict[str, Team]:
    teams = db.session.scalars(select(Team).where(Team.institution_id == institution_id))
    return {team.name.strip().casefold(): team for team in teams}


def _find_team(teams: dict, name: str, messages: list[str]) -> Team | None:
    team = teams.get(name.strip().casefold())
    if team is None:
        messages.append(_('the team "%(name)s" does not exist; create it under Teams '
                          'first', name=name.strip()))
    elif not team.active:
        messages.append(_('the team "%(name)s" is deactivated', name=team.name))
    return team if team is not None and team.active else None


def _service_messages(table: Table, exc: ValidationError, columns: dict,
                      skip: set) -> list[str]:
    out = []
    for key, message in exc.fields.items():
        column = columns.get(key, key)
        if column not in skip:
            out.append(f"{table.label(column)}: {message}")
    return out


def _initial(value: str) -> str:
    """A full surname becomes its first letter: only the initial is stored."""
    value = value.strip()
    return next((ch for ch in value if ch.isalpha()), value[:1]).upper()


# -- children -----------------------------------------------------------------------------

def check_children(institution_id: int, raw: bytes) -> list[dict]:
    """Every row cleaned for ``services.create_child``, or ImportRefused listing every
    bad line."""
    table = read_table(raw, CHILD_COLUMNS, CHILD_REQUIRED)
    teams = _teams(institution_id)
    registered = {
        (c.first_name.casefold(), c.last_initial, c.birth_date)
        for c in db.session.scalars(select(Child).where(
            Child.institution_id == institution_id, Child.active))
    }
    seen: dict[tuple, int] = {}
    problems, clean_rows = [], []
    for line, values in table.rows:
        messages = _common_checks(table, values, CHILD_REQUIRED)
        reported = {key for key in CHILD_REQUIRED if not values.get(key)}
        team = _find_team(teams, values["team"], messages) if values.get("team") else None
        if values.get("team") and team is None:
            reported.add("team")
        consent_raw = values.get("photo_consent", "")
        consent = CONSENT_VALUES.get(consent_raw.casefold()) if consent_raw else "none"
        if consent is None:
            messages.append(_('%(column)s "%(value)s" must be ingen, internt or forældre',
                              column=table.label("photo_consent"), value=consent_raw))
            reported.add("photo_consent")
        data = {"first_name": values.get("first_name"),
                "last_initial": _initial(values.get("last_initial", "")),
                "birth_date": values.get("birth_date"),
                "team_id": team.id if team else None, "photo_consent": consent or "none"}
        try:
            clean = services.check_child(institution_id, data)
        except ValidationError as exc:
            names = {"team_id": "team"}
            messages += _service_messages(table, exc, names, reported)
            messages = messages or [exc.message]
        else:
            if not messages:
                key = (clean["first_name"].casefold(), clean["last_initial"],
                       clean["birth_date"])
                if key in seen:
                    messages.append(_("the same child is also on line %(line)d",
                                      line=seen[key]))
                elif key in registered:
                    messages.append(_("this child is already registered"))
                seen.setdefault(key, line)
        if messages:
            problems.append(_row_problem(line, messages))
        else:
            clean_rows.append(clean)
    if problems:
        raise ImportRefused(problems)
    return clean_rows


def import_children(institution_id: int, raw: bytes) -> list[Child]:
    rows = check_children(institution_id, raw)
    return [services.create_child(institution_id, **row) for row in rows]


# -- staff --------------------------------------------------------------------------------

def check_staff(institution_id: int, raw: bytes) -> list[dict]:
    """Every row cleaned for ``services.create_person``, or ImportRefused listing every
    bad line. E-mails must be new, both within the file and across the deployment."""
    table = read_table(raw, STAFF_COLUMNS, STAFF_REQUIRED)
    teams = _teams(institution_id)
    seen: dict[str, int] = {}
    problems, clean_rows = [], []
    for line, values in table.rows:
        messages = _common_checks(table, values, STAFF_REQUIRED)
        reported = {key for key in STAFF_REQUIRED if not values.get(key)}
        role_raw = values.get("role", "")
        role = ROLE_VALUES.get(normalise_header(role_raw)) if role_raw else "staff"
        if role is None:
            messages.append(_('%(column)s "%(value)s" must be administrator, leder, '
                              'ressourceperson or medarbejder',
                              column=table.label("role"), value=role_raw))
            reported.add("role")
        team_ids = []
        for name in TEAM_SEPARATORS.split(values.get("teams", "")):
            if name.strip():
                team = _find_team(teams, name, messages)
                if team is not None and team.id not in team_ids:
                    team_ids.append(team.id)
        email = email_key(values.get("email", ""))
        if email and email in seen:
            messages.append(_("the e-mail %(email)s is also on line %(line)d",
                              email=email, line=seen[email]))
            reported.add("email")
        elif email:
            seen[email] = line
        try:
            name, email = services.check_person(
                institution_id, values.get("name"), email, role or "staff")
        except ValidationError as exc:
            messages += _service_messages(table, exc, {}, reported)
            messages = messages or [exc.message]
        if messages:
            problems.append(_row_problem(line, messages))
        else:
            clean_rows.append({"name": name, "email": email, "role": role,
                               "team_ids": team_ids})
    if problems:
        raise ImportRefused(problems)
    return clean_rows


def import_staff(institution_id: int, raw: bytes) -> list[tuple[User, str]]:
    """Create the accounts; each gets a one-time link to choose a password."""
    rows = check_staff(institution_id, raw)
    return [services.create_person(institution_id, **row) for row in rows]


# -- examples -----------------------------------------------------------------------------

def example_children(team_names: list[str], school: bool) -> str:
    first = team_names[0] if team_names else ("3.A" if school else "Solstuen")
    second = team_names[1] if len(team_names) > 1 else first
    column = "klasse" if school else "stue"
    return ("\ufefffornavn;efternavn;fødselsdato;" + column + ";samtykke\r\n"
            f"Ida;Hansen;2021-03-14;{first};internt\r\n"
            f"Malik;Ø;02-11-2020;{second};forældre\r\n")


def example_staff(team_names: list[str]) -> str:
    first = team_names[0] if team_names else "Solstuen"
    both = "|".join(team_names[:2]) if team_names else "Solstuen|Månestuen"
    return ("\ufeffnavn;email;rolle;stuer\r\n"
            f"Anna Jensen;anna.jensen@example.dk;medarbejder;{first}\r\n"
            f"Bo Nielsen;bo.nielsen@example.dk;leder;{both}\r\n")
