"""The CSV reader on its own: encodings, delimiters, headers and row checks."""

from __future__ import annotations

import datetime as dt

import pytest

from observe.people import csv_import
from observe.people.csv_import import ImportRefused


@pytest.fixture
def ctx(app):
    # Messages are checked in English here; the pages' tests check the Danish ones.
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("en"):
        yield


@pytest.mark.parametrize("raw", [
    "fornavn;stue\nSøren;Æblestuen\n".encode(),
    ("\ufeff" + "fornavn;stue\nSøren;Æblestuen\n").encode(),
    "fornavn;stue\nSøren;Æblestuen\n".encode("cp1252"),
    "fornavn;stue\nSøren;Æblestuen\n".encode("utf-16"),
])
def test_decode_accepts_utf8_bom_cp1252_and_utf16(ctx, raw):
    assert csv_import.decode(raw).lstrip("\ufeff") == "fornavn;stue\nSøren;Æblestuen\n"


def test_decode_refuses_binary(ctx):
    with pytest.raises(ImportRefused, match="could not be read as text"):
        csv_import.decode(b"\x00\x01\x02binary")


@pytest.mark.parametrize(("text", "delimiter"), [
    ("fornavn;efternavn;stue\n", ";"),
    ("fornavn,efternavn,stue\n", ","),
    ("fornavn\tefternavn\tstue\n", "\t"),
    ("\n\nnavn\n", ";"),
])
def test_sniff_delimiter(text, delimiter):
    assert csv_import.sniff_delimiter(text) == delimiter


def test_headers_are_normalised():
    assert csv_import.normalise_header(" E-Mail ") == "e_mail"
    assert csv_import.normalise_header("\ufeffFødselsdato") == "fødselsdato"
    assert csv_import.normalise_header("First name") == "first_name"


def test_line_numbers_count_blank_lines_and_multiline_cells(ctx, f):
    f.team("Solstuen")
    raw = ('fornavn;efternavn;fødselsdato;stue\n'
           '\n'
           '"Ida\nMarie";H;2021-01-01;Solstuen\n'
           'Bo;;2021-01-01;Solstuen\n').encode()
    with pytest.raises(ImportRefused) as caught:
        csv_import.check_children(f.default_institution.id, raw)
    assert caught.value.problems == ["Line 5: efternavn is missing"]


def test_check_children_cleans_rows(ctx, f):
    team = f.team("Solstuen")
    raw = "fornavn;efternavn;fødselsdato;stue;samtykke\nIda;hansen;14-03-2021;SOLSTUEN;Internt\n"
    rows = csv_import.check_children(f.default_institution.id, raw.encode())
    assert rows == [{"first_name": "Ida", "last_initial": "H",
                     "birth_date": dt.date(2021, 3, 14), "team_id": team.id,
                     "photo_consent": "internal"}]


def test_extra_cells_are_reported(ctx, f):
    f.team("Solstuen")
    raw = b"navn,email\nHansen, Ida,ida@example.dk\n"
    with pytest.raises(ImportRefused) as caught:
        csv_import.check_staff(f.default_institution.id, raw)
    assert "more cells than there are columns" in caught.value.problems[0]


def test_deactivated_team_is_refused(ctx, f):
    team = f.team("Gammel")
    team.active = False
    raw = b"navn;email;stuer\nAnna;anna@example.dk;Gammel\n"
    with pytest.raises(ImportRefused) as caught:
        csv_import.check_staff(f.default_institution.id, raw)
    assert 'the team "Gammel" is deactivated' in caught.value.problems[0]


def test_check_staff_cleans_rows(ctx, f):
    a, b = f.team("Solstuen"), f.team("Månestuen")
    raw = ("navn;e-mail;rolle;teams\n"
           "Anna;ANNA@example.dk;Administrator;Solstuen, Månestuen\n").encode()
    rows = csv_import.check_staff(f.default_institution.id, raw)
    assert rows == [{"name": "Anna", "email": "anna@example.dk", "role": "admin",
                     "team_ids": [a.id, b.id]}]
