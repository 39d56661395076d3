"""Forms for the self-evaluation pages. The answer sheet has one radio group per
statement of the round, so it is read from ``request.form`` in the route and checked
in ``services.submit_answers``; the fixed forms are WTForms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from observe.insights.selfeval.defaults import characteristic_labels
from observe.insights.selfeval.models import STATEMENT_MAX
from observe.people.forms import strip

REQUIRED = _l("Fill in this field.")


class OpenRoundForm(FlaskForm):
    title = StringField(_l("Title"), filters=[strip], validators=[Optional(), Length(max=200)])
    closes_on = DateField(_l("Planned closing date"), validators=[Optional()])


def characteristic_choices() -> list[SelectChoice]:
    return [SelectChoice(key, label) for key, label in characteristic_labels().items()]


class StatementForm(FlaskForm):
    characteristic = SelectField(_l("Characteristic"))
    text = StringField(_l("Statement"), filters=[strip],
                       validators=[DataRequired(REQUIRED), Length(max=STATEMENT_MAX)])
    active = BooleanField(_l("In use"), default=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.characteristic.choices = characteristic_choices()


class LinkPointForm(FlaskForm):
    point_id = SelectField(_l("Development point"), coerce=int)
    statement_id = IntegerField(validators=[DataRequired()])

    def __init__(self, *args, points=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.point_id.choices = [SelectChoice(p.id, p.title) for p in points]


class AddToMeetingForm(FlaskForm):
    meeting_id = SelectField(_l("Meeting"), coerce=int)
    question = StringField(_l("Question for the team"), filters=[strip],
                           validators=[Optional(), Length(max=300)])

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        from flask_babel import format_datetime

        self.meeting_id.choices = [
            SelectChoice(m.id, f"{m.title} · {format_datetime(m.starts_at, 'd. MMM y HH:mm')}")
            for m in meetings]
