"""Where the app's bundled folders live: at the repository root in a checkout, inside
the package in an installed wheel (the wheel build copies them there)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    inside = PACKAGE / name
    if inside.is_dir():
        return inside
    return PACKAGE.parent / name
