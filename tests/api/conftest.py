"""Helpers for API tests: bearer headers for a user, and an admin with a token."""

from __future__ import annotations

import pytest

from observe.auth.services import create_api_token
from observe.extensions import db


@pytest.fixture
def bearer():
    """``bearer(user)`` -> headers with a fresh personal token of ``user``."""

    def _bearer(user):
        token = create_api_token(user, "test")
        db.session.commit()
        return {"Authorization": f"Bearer {token}"}

    return _bearer


@pytest.fixture
def admin(f):
    return f.user(role="admin", name="Anna Admin")


@pytest.fixture
def admin_headers(admin, bearer):
    return bearer(admin)


@pytest.fixture
def staff_headers(f, bearer):
    return bearer(f.user(role="staff"))


def assert_error(response, status, code=None):
    """The shared error shape: {"error": {"code", "message"[, "fields"]}}."""
    assert response.status_code == status, response.data[:500]
    assert response.is_json, response.data[:200]
    error = response.get_json()["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    assert set(error) <= {"code", "message", "fields"}
    if code is not None:
        assert error["code"] == code
    return error
