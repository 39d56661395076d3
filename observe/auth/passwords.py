"""Password hashing with argon2id (argon2-cffi, RFC 9106 low-memory profile).

Tests may lower the cost through ``ARGON2_MEMORY_KIB``/``ARGON2_TIME_COST``; production
keeps the library's recommended defaults.
"""

from __future__ import annotations

import contextlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from flask_babel import gettext as _

_hashers: dict[tuple, PasswordHasher] = {}

# A word list for readable generated passwords (said aloud to a colleague).
_WORDS = [
    "æble", "blåbær", "cykel", "drage", "egern", "fjer", "gynge", "hule", "isbjørn",
    "jordbær", "kastanje", "lanterne", "mælkebøtte", "nøddeknækker", "okker", "pindsvin",
    "regnorm", "sandkasse", "tromme", "ugle", "vandpyt", "bjørn", "hasselnød",
    "tusindfryd", "rutsjebane", "sommerfugl", "kompas", "myretue", "skovsnegl",
]

# Stands in for a real hash when the account does not exist, so a login for an
# unknown e-mail costs the same time as a wrong password (no account enumeration).
_DUMMY_HASH: dict[tuple, str] = {}


def _hasher() -> PasswordHasher:
    cfg = current_app.config
    key = (cfg.get("ARGON2_TIME_COST"), cfg.get("ARGON2_MEMORY_KIB"))
    if key not in _hashers:
        kwargs = {}
        if key[0]:
            kwargs["time_cost"] = key[0]
        if key[1]:
            kwargs["memory_cost"] = key[1]
        _hashers[key] = PasswordHasher(**kwargs)
    return _hashers[key]


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    hasher = _hasher()
    if not password_hash:
        key = (hasher.time_cost, hasher.memory_cost)
        if key not in _DUMMY_HASH:
            _DUMMY_HASH[key] = hasher.hash(secrets.token_hex(8))
        password_hash = _DUMMY_HASH[key]
        with contextlib.suppress(VerificationError, InvalidHashError):
            hasher.verify(password_hash, password + "x")
        return False
    try:
        return hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_problems(password: str) -> list[str]:
    """Rules a new password must meet, as messages for the user."""
    problems = []
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password or "") < minimum:
        problems.append(_("Use at least %(n)d characters.", n=minimum))
    if len(password or "") > 256:
        problems.append(_("Use at most %(n)d characters.", n=256))
    return problems


def generate_password() -> str:
    """Three Danish words and two digits: easy to say aloud, hard to guess."""
    words = [secrets.choice(_WORDS) for _ in range(3)]
    return "-".join(words) + f"-{secrets.randbelow(90) + 10}"
