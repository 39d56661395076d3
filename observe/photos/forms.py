"""The photo upload form of a record's page (stories and observations)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length, Optional

from observe.people.forms import MultiCheckboxField, child_choices
from observe.photos.models import CAPTION_MAX


class PhotoForm(FlaskForm):
    """The no-JavaScript upload; photos.js posts the same fields to the API."""

    caption = StringField(_l("Caption"), validators=[Optional(), Length(max=CAPTION_MAX)])
    child_ids = MultiCheckboxField(_l("Who is in the photo?"), coerce=int,
                                   validators=[Optional()])

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.child_ids.choices = child_choices(children)
