"""Forms for the meeting pages. Shapes only; the rules live in ``services``/``goals``.

The small per-item forms of a running meeting (a reflection, notes, a follow-up) are
plain HTML forms whose single field the services check; the forms here are the ones a
user fills in as a whole and sees again with errors.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from observe.meetings.models import QUESTION_MAX, TEXT_MAX, TITLE_MAX
from observe.people.forms import MultiCheckboxField

REQUIRED = _l("Fill in this field.")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


class MeetingForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED),
                                                 Length(max=TITLE_MAX)])
    team_id = SelectField(_l("Team"), coerce=int)
    starts_at = DateTimeLocalField(_l("Date and time"), format=DATETIME_FORMATS,
                                   validators=[DataRequired(REQUIRED)])
    focus = TextAreaField(_l("Focus question"), validators=[Optional(), Length(max=TEXT_MAX)])
    participant_ids = MultiCheckboxField(_l("Participants"), coerce=int)
    anonymous_reveal = BooleanField(_l("Show the revealed reflections without names"))

    def __init__(self, *args, teams=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.team_id.choices = [SelectChoice(t.id, t.name) for t in teams]
        self.participant_ids.choices = [SelectChoice(u.id, u.name) for u in members]

    def data_for_service(self, *, with_team: bool = True) -> dict:
        data = {name: getattr(self, name).data for name in (
            "title", "starts_at", "focus", "anonymous_reveal")}
        data["participant_ids"] = self.participant_ids.data or []
        if with_team:
            data["team_id"] = self.team_id.data
        return data


class FreeItemForm(FlaskForm):
    title = StringField(_l("Agenda item"), validators=[DataRequired(REQUIRED),
                                                       Length(max=TITLE_MAX)])
    question = StringField(_l("Reflection question"),
                           validators=[Optional(), Length(max=QUESTION_MAX)])


class PointForm(FlaskForm):
    title = StringField(_l("What will we try?"), validators=[DataRequired(REQUIRED),
                                                             Length(max=TITLE_MAX)])
    plan = TextAreaField(_l("How: the plan"), validators=[Optional(), Length(max=TEXT_MAX)])
    owner_id = SelectField(_l("Who carries it?"), coerce=int, validate_choice=False)
    follow_up_on = DateField(_l("Follow up on"), validators=[Optional()])

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.owner_id.choices = [SelectChoice(0, "—")] + [
            SelectChoice(u.id, u.name) for u in members]

    def data_for_service(self) -> dict:
        return {"title": self.title.data, "plan": self.plan.data,
                "owner_id": self.owner_id.data or None,
                "follow_up_on": self.follow_up_on.data}


class QuestionForm(FlaskForm):
    text = StringField(_l("A new question for the bank"),
                       validators=[DataRequired(REQUIRED), Length(max=QUESTION_MAX)])
