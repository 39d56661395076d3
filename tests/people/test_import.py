"""CSV import through the page: all rows or none, every bad line listed."""

from __future__ import annotations

import io
import re

from sqlalchemy import func, select

from observe.extensions import db
from observe.people import csv_import
from observe.people.models import Child, User
from tests.people.conftest import page_text

BOM = "\ufeff"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def upload(client, kind, content: bytes, filename="liste.csv", **kwargs):
    return client.post(f"/admin/import/{kind}",
                       data={f"{kind}-file": (io.BytesIO(content), filename)},
                       content_type="multipart/form-data", **kwargs)


def test_import_page_offers_both_uploads_and_examples(admin_client):
    text = page_text(admin_client.get("/admin/import"))
    assert 'action="/admin/import/children"' in text
    assert 'action="/admin/import/staff"' in text
    assert "/admin/import/example-children.csv" in text
    assert "/admin/import/example-staff.csv" in text


def test_example_files_are_csv_with_danish_header(f, admin_client):
    f.team("Solstuen")
    response = admin_client.get("/admin/import/example-children.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    lines = response.data.decode("utf-8-sig").splitlines()
    assert lines[0] == "fornavn;efternavn;fødselsdato;stue;samtykke"
    assert len(lines) == 3 and "Solstuen" in lines[1]
    response = admin_client.get("/admin/import/example-staff.csv")
    lines = response.data.decode("utf-8-sig").splitlines()
    assert lines[0] == "navn;email;rolle;stuer" and len(lines) == 3


def test_example_files_import_as_they_are(f, admin_client):
    f.team("Solstuen")
    f.team("Månestuen")
    for kind, model in (("children", Child), ("staff", User)):
        before = count(model)
        example = admin_client.get(f"/admin/import/example-{kind}.csv").data
        response = upload(admin_client, kind, example)
        assert response.status_code in (200, 302), page_text(response)
        assert count(model) == before + 2


def test_import_children_semicolon_bom_danish(f, admin, admin_client):
    solstuen, maanestuen = f.team("Solstuen"), f.team("Månestuen")
    content = (BOM + "Fornavn;Efternavn;Fødselsdato;Stue;Samtykke\r\n"
               "Ida;Hansen;2021-03-14;Solstuen;internt\r\n"
               "Malik;Ørsted;02-11-2020;månestuen;Forældre\r\n"
               ";;;;\r\n"
               "Åse;B.;24.12.2020;Solstuen;ingen\r\n"
               "Noah;Jensen;01/06/2021;Solstuen;\r\n").encode("utf-8")
    response = upload(admin_client, "children", content, follow_redirects=True)
    assert response.status_code == 200
    assert "4 children imported." in page_text(response)
    rows = {c.first_name: c for c in db.session.scalars(select(Child))}
    assert set(rows) == {"Ida", "Malik", "Åse", "Noah"}
    assert (rows["Ida"].last_initial, rows["Ida"].photo_consent, rows["Ida"].team_id) == (
        "H", "internal", solstuen.id)
    assert (rows["Malik"].last_initial, rows["Malik"].photo_consent,
            rows["Malik"].team_id) == ("Ø", "parents", maanestuen.id)
    assert rows["Åse"].photo_consent == "none" and rows["Åse"].last_initial == "B"
    assert rows["Noah"].photo_consent == "none"
    assert all(c.institution_id == admin.institution_id for c in rows.values())


def test_import_children_english_headers_and_commas(f, admin_client):
    f.team("Solstuen")
    content = (b"first_name,last_initial,birth_date,team,photo_consent\n"
               b"Ida,H,2021-03-14,Solstuen,internal\n")
    response = upload(admin_client, "children", content, follow_redirects=True)
    assert "1 child imported." in page_text(response)
    assert count(Child) == 1


def test_bad_children_file_lists_every_bad_line_and_imports_nothing(f, admin_client):
    f.team("Solstuen")
    f.child(team=f.team("Gammel"), first_name="Eksisterende")
    before = count(Child)
    content = ("fornavn;efternavn;fødselsdato;stue;samtykke\n"
               "Ida;Hansen;2021-03-14;Solstuen;internt\n"        # 2: good
               "Malik;Ø;;Solstuen;internt\n"                     # 3: no birth date
               "Noah;Jensen;2021-06-01;Stjernestuen;internt\n"   # 4: unknown team
               "Åse;B;2021-13-45;Solstuen;måske\n"               # 5: bad date + consent
               ";Hansen;2021-03-14;Solstuen;ingen\n"             # 6: no first name
               "Ida;Hansen;2021-03-14;Solstuen;internt\n"        # 7: same as line 2
               "Bo;K;2021-01-01;Solstuen;ingen\n").encode()      # 8: good
    response = upload(admin_client, "children", content)
    assert response.status_code == 422
    text = page_text(response)
    assert "Nothing was imported." in text
    problems = re.findall(r"<li>(Line \d+: [^<]*)</li>", text)
    assert [p.split(":")[0] for p in problems] == [
        "Line 3", "Line 4", "Line 5", "Line 6", "Line 7"]
    assert "fødselsdato is missing" in problems[0]
    assert "Stjernestuen" in problems[1] and "does not exist" in problems[1]
    assert "fødselsdato" in problems[2] and "samtykke" in problems[2]
    assert "fornavn is missing" in problems[3]
    assert "also on line 2" in problems[4]
    assert count(Child) == before


def test_import_children_refuses_child_already_registered(f, admin_client):
    team = f.team("Solstuen")
    f.child(team=team, first_name="Ida")  # Ida H., 2021-05-04
    content = "fornavn;efternavn;fødselsdato;stue\nIda;Holm;2021-05-04;Solstuen\n".encode()
    response = upload(admin_client, "children", content)
    assert response.status_code == 422
    assert "Line 2: this child is already registered" in page_text(response)
    assert count(Child) == 1


def test_cp1252_file_with_danish_letters(f, admin_client):
    f.team("Æblestuen")
    content = ("fornavn;efternavn;fødselsdato;stue;samtykke\r\n"
               "Søren;Ærø;2020-02-02;Æblestuen;forældre\r\n"
               "Åge;Østergård;2020-03-03;æblestuen;internt\r\n").encode("cp1252")
    response = upload(admin_client, "children", content, follow_redirects=True)
    assert "2 children imported." in page_text(response)
    rows = {c.first_name: c for c in db.session.scalars(select(Child))}
    assert set(rows) == {"Søren", "Åge"}
    assert rows["Søren"].last_initial == "Æ" and rows["Søren"].photo_consent == "parents"
    assert rows["Åge"].last_initial == "Ø"


def test_import_staff_shows_setup_links_once(app, f, admin_client):
    solstuen, maanestuen = f.team("Solstuen"), f.team("Månestuen")
    content = (BOM + "Navn;E-mail;Rolle;Stuer\n"
               "Anna Jensen;Anna.Jensen@example.dk;medarbejder;Solstuen\n"
               "Bo Nielsen;bo@example.dk;Leder;Solstuen|Månestuen\n"
               "Cecilie Ø;cecilie@example.dk;ressourceperson;\n"
               "Dorte Dam;dorte@example.dk;;\n").encode("utf-8")
    response = upload(admin_client, "staff", content)
    assert response.status_code == 200
    text = page_text(response)
    assert "4 colleagues imported." in text
    links = re.findall(r"http://localhost(/welcome/[\w\-]+)", text)
    assert len(links) == 4
    for name in ("Anna Jensen", "anna.jensen@example.dk", "Bo Nielsen", "Cecilie Ø"):
        assert name in text
    users = {u.email: u for u in db.session.scalars(select(User))}
    assert users["anna.jensen@example.dk"].team_ids == [solstuen.id]
    assert sorted(users["bo@example.dk"].team_ids) == sorted([solstuen.id, maanestuen.id])
    assert users["bo@example.dk"].role == "leader"
    assert users["cecilie@example.dk"].role == "resource"
    assert users["dorte@example.dk"].role == "staff"
    # Shown once: not on the staff list.
    assert links[0] not in page_text(admin_client.get("/admin/staff"))
    # A link works for its colleague.
    colleague = app.test_client()
    response = colleague.post(links[0], data={"password": "ny-lang-kode-123",
                                              "confirm": "ny-lang-kode-123"})
    assert response.status_code == 302


def test_bad_staff_file_lists_every_bad_line_and_imports_nothing(f, admin_client):
    f.team("Solstuen")
    f.user(email="taken@example.dk")
    before = count(User)
    content = (b"navn;email;rolle;stuer\n"
               b"Anna;anna@example.dk;medarbejder;Solstuen\n"          # 2: good
               b"Bo;TAKEN@example.dk;medarbejder;Solstuen\n"           # 3: existing e-mail
               b"Cecilie;anna@example.dk;leder;\n"                     # 4: duplicate in file
               b"Dorte;ikke-en-mail;chef;Solstuen|Stjernestuen\n"     # 5: mail, role, team
               b";egon@example.dk;;\n")                       # 6: no name
    response = upload(admin_client, "staff", content)
    assert response.status_code == 422
    text = page_text(response)
    problems = re.findall(r"<li>(Line \d+: [^<]*)</li>", text)
    assert [p.split(":")[0] for p in problems] == ["Line 3", "Line 4", "Line 5", "Line 6"]
    assert "Another account already uses this e-mail address." in problems[0]
    assert "also on line 2" in problems[1]
    assert "not a valid e-mail address" in problems[2]
    assert "chef" in problems[2] and "Stjernestuen" in problems[2]
    assert "navn is missing" in problems[3]
    assert count(User) == before


def test_file_level_problems(f, admin_client):
    before = count(Child)
    cases = [
        (b"", "Choose a file."),
        (b"fornavn;stue\nIda;Solstuen\n", "Missing: efternavn, f"),
        (b"PK\x03\x04rest-of-a-workbook", "This is an Excel workbook"),
        (b"fornavn;efternavn;f\xc3\xb8dselsdato;stue\n", "The file has a header but no rows."),
    ]
    for content, message in cases:
        filename = "liste.csv" if content else ""
        response = upload(admin_client, "children", content, filename=filename)
        assert response.status_code == 422, message
        assert message in page_text(response), message
    assert count(Child) == before


def raw_multipart(field: str, content: bytes) -> tuple[bytes, str]:
    """A multipart body built by hand: the test client's own encoder spools big bodies
    to a temporary file it never closes (a ResourceWarning, an error here)."""
    boundary = "----observe-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; "
            f"filename=\"stor.csv\"\r\nContent-Type: text/csv\r\n\r\n").encode()
    body += content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_file_and_row_limits(f, admin_client, monkeypatch):
    f.team("Solstuen")
    big = b"fornavn;efternavn;fodselsdato;stue\n" + b"x" * (csv_import.MAX_BYTES + 10)
    body, content_type = raw_multipart("children-file", big)
    response = admin_client.post("/admin/import/children", data=body,
                                 content_type=content_type)
    assert response.status_code == 422
    assert "The file is larger than 2 MB." in page_text(response)

    monkeypatch.setattr(csv_import, "MAX_ROWS", 3)
    rows = "".join(f"Barn{n};H;2021-01-01;Solstuen\n" for n in range(4))
    response = upload(admin_client, "children",
                      ("fornavn;efternavn;fødselsdato;stue\n" + rows).encode())
    assert response.status_code == 422
    assert "The file has more than 3 rows." in page_text(response)
    assert count(Child) == 0


def test_school_import_says_pupils(f, client, login):
    school = f.institution("Skolen ved Søen", kind="school")
    f.team("3.A", institution=school)
    admin = f.user(role="admin", institution=school)
    admin.language = "en"
    db.session.commit()
    login(admin)
    content = "fornavn;efternavn;fødselsdato;klasse\nIda;H;2015-01-01;3.a\n".encode()
    response = upload(client, "children", content, follow_redirects=True)
    assert "1 pupil imported." in page_text(response)
