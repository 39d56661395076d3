"""The one error type services raise for bad input: messages per field, in the user's
language. Pages show them beside the fields; the API answers 422 with them."""

from __future__ import annotations


class ValidationError(Exception):
    def __init__(self, fields: dict[str, str] | str, message: str | None = None):
        if isinstance(fields, str):
            fields = {"_": fields}
        self.fields = fields
        self.message = message or next(iter(fields.values()))
        super().__init__(self.message)


class Conflict(Exception):
    """A state transition that is not allowed now (the API answers 409)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def text(value, name: str, *, required: bool = False, max_length: int = 200,
         label: str | None = None, errors: dict | None = None) -> str | None:
    """Trim a text value and check its length; collect a message in ``errors``."""
    from flask_babel import gettext as _

    cleaned = (value or "").strip() if isinstance(value, str) or value is None else None
    if cleaned is not None:
        cleaned = cleaned.replace("\x00", "")  # PostgreSQL refuses NUL in text
    if cleaned is None:
        errors[name] = _("Must be text.")
        return None
    if required and not cleaned:
        errors[name] = _("Fill in this field.")
    elif len(cleaned) > max_length:
        errors[name] = _("Use at most %(n)d characters.", n=max_length)
    return cleaned


def required_text(value, name: str, max_length: int) -> str:
    """A required text field on its own (a comment, a note): cleaned, or a
    ValidationError naming the field."""
    errors: dict = {}
    cleaned = text(value, name, required=True, max_length=max_length, errors=errors)
    if errors:
        raise ValidationError(errors)
    return cleaned
