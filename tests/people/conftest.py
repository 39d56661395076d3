"""Fixtures for the administration pages: an admin who reads the UI in English, so
assertions hold whatever the Danish translation says."""

from __future__ import annotations

import pytest

from observe.extensions import db


@pytest.fixture
def admin(f):
    user = f.user(role="admin", name="Admin Adamsen", email="admin@example.dk")
    user.language = "en"
    db.session.commit()
    return user


@pytest.fixture
def admin_client(client, login, admin):
    return login(admin)


def page_text(response) -> str:
    return response.get_data(as_text=True)
