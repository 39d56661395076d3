"""With CSRF protection on (as in production) the admin forms carry their token."""

from __future__ import annotations

import io
import re

from sqlalchemy import func, select

from observe.extensions import db
from observe.people.models import Child, Team
from tests import factories


def token(text: str) -> str:
    return re.search(r'name="(?:[\w-]+-)?csrf_token"[^>]*value="([^"]+)"', text).group(1)


def test_admin_forms_work_with_csrf_and_refuse_without(csrf_app):
    f = factories.Factory()
    admin = f.user(role="admin", email="admin@example.dk")
    admin.language = "en"
    db.session.commit()
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": admin.email, "password": factories.PASSWORD,
                                "csrf_token": token(page)})

    assert client.post("/admin/teams", data={"name": "Uden token"}).status_code == 400
    page = client.get("/admin/teams").get_data(as_text=True)
    response = client.post("/admin/teams", data={"name": "Solstuen",
                                                 "csrf_token": token(page)})
    assert response.status_code == 302
    assert db.session.scalar(select(Team.name)) == "Solstuen"

    page = client.get("/admin/import").get_data(as_text=True)
    assert 'name="children-csrf_token"' in page
    content = "fornavn;efternavn;fødselsdato;stue\nIda;H;2021-01-01;Solstuen\n".encode()
    response = client.post("/admin/import/children", content_type="multipart/form-data",
                           data={"children-csrf_token": token(page),
                                 "children-file": (io.BytesIO(content), "liste.csv")})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Child)) == 1
