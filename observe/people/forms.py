"""Forms for the administration pages.

Forms check the shape of the input (present, not too long, one of the choices); the
domain rules (unique names and e-mails, plausible dates, the last administrator) live
in ``observe.people.services`` so the pages and the API share them.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from observe.people.models import PHOTO_CONSENTS, ROLES
from observe.people.services import EMAIL_RE
from observe.templating import consent_labels, role_labels

REQUIRED = _l("Fill in this field.")


def strip(value):
    """Trim, and drop NUL characters (PostgreSQL refuses them in text columns)."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


def child_choices(children) -> list[SelectChoice]:
    """Children as checkboxes; the consent is rendered as a data attribute so the page
    can tell, before any upload, who may not appear in a photo."""
    return [SelectChoice(child.id, child.display_name,
                         render_kw={"data-consent": child.photo_consent,
                                    "data-team": str(child.team_id)})
            for child in children]


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes instead of a multiple select: easier to hit on a tablet."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class NameForm(FlaskForm):
    """Teams and themes have a name and nothing else."""

    name = StringField(_l("Name"), filters=[strip],
                       validators=[DataRequired(REQUIRED), Length(max=120)])


class PersonForm(FlaskForm):
    name = StringField(_l("Name"), filters=[strip],
                       validators=[DataRequired(REQUIRED), Length(max=120)])
    email = EmailField(_l("E-mail"), filters=[strip], validators=[
        DataRequired(REQUIRED), Length(max=254),
        Regexp(EMAIL_RE, message=_l("This is not a valid e-mail address."))])
    role = SelectField(_l("Role"), default="staff")
    team_ids = MultiCheckboxField(_l("Teams"), coerce=int)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = role_labels()
        self.role.choices = [(role, labels[role]) for role in ROLES]
        self.team_ids.choices = [(team.id, team.name) for team in teams]


class NewPersonForm(PersonForm):
    password = PasswordField(
        _l("Password (optional)"), validators=[Optional(), Length(max=256)])


class ChildForm(FlaskForm):
    first_name = StringField(_l("First name"), filters=[strip],
                             validators=[DataRequired(REQUIRED), Length(max=80)])
    last_initial = StringField(_l("First letter of the last name"), filters=[strip],
                               validators=[DataRequired(REQUIRED), Length(max=3)])
    birth_date = DateField(_l("Birth date"), validators=[Optional()])
    team_id = SelectField(_l("Team"), coerce=int)
    photo_consent = SelectField(_l("Photo consent"), default="none")

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = consent_labels()
        self.photo_consent.choices = [(value, labels[value]) for value in PHOTO_CONSENTS]
        self.team_id.choices = [(team.id, team.name) for team in teams]


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a file."))])
