"""Forms for observations, comments and requests.

They check shape (present, length, one of the choices) and turn choices into values;
the rules (who may be observed, which request may be answered, visibility steps) live
in the services, which the API shares.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from observe.observations.models import SITUATIONS

REQUIRED = _l("Fill in this field.")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


def situation_labels() -> dict:
    return {"samling": _l("Circle time"), "frokost": _l("Lunch"),
            "garderobe": _l("Cloakroom"), "leg": _l("Play"), "udeliv": _l("Outdoors"),
            "overgang": _l("Transition"), "aflevering": _l("Drop-off"),
            "lektion": _l("Lesson")}


def situation_label(value: str) -> str:
    return str(situation_labels().get(value, value))


def visibility_labels() -> dict:
    return {"private": _l("Private draft"), "observed": _l("Shared with the observed"),
            "team": _l("Shared with the team")}


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes as chips: easier to hit on a tablet than a multiple select."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _choices(items, label=lambda item: item.name) -> list[SelectChoice]:
    return [SelectChoice(item.id, label(item)) for item in items]


class SituationMixin:
    situation_choice = SelectField(_l("Situation"), validators=[Optional()])
    situation_other = StringField(_l("Other situation"),
                                  validators=[Optional(), Length(max=120)])

    def setup_situation(self, current: str = "") -> None:
        labels = situation_labels()
        self.situation_choice.choices = (
            [SelectChoice("", _l("Choose a situation"))]
            + [SelectChoice(key, labels[key]) for key in SITUATIONS]
            + [SelectChoice("other", _l("Something else (write it below)"))])
        if current and self.situation_choice.data is None and not self.is_submitted():
            if current in SITUATIONS:
                self.situation_choice.data = current
            else:
                self.situation_choice.data, self.situation_other.data = "other", current

    @property
    def situation_value(self) -> str:
        if self.situation_choice.data == "other" or (
                not self.situation_choice.data and self.situation_other.data):
            return (self.situation_other.data or "").strip()
        return self.situation_choice.data or ""


class ObservationForm(SituationMixin, FlaskForm):
    observed_ids = MultiCheckboxField(_l("Whom did you observe?"), coerce=int)
    occurred_at = DateTimeLocalField(_l("When"), format=DATETIME_FORMATS,
                                     validators=[DataRequired(REQUIRED)])
    team_id = SelectField(_l("Team"), coerce=int)
    focus = TextAreaField(_l("Focus question"), validators=[Optional(), Length(max=2000)])
    body = TextAreaField(_l("What did I see and hear?"),
                         validators=[DataRequired(REQUIRED), Length(max=20000)])
    interpretation = TextAreaField(_l("What do I think?"),
                                   validators=[Optional(), Length(max=20000)])
    wonderings = TextAreaField(_l("What do I wonder about?"),
                               validators=[Optional(), Length(max=20000)])
    theme_ids = MultiCheckboxField(_l("Themes"), coerce=int)
    child_ids = MultiCheckboxField(_l("Children involved (optional)"), coerce=int)
    visibility = RadioField(_l("Who can read it"), default="observed")
    request_id = HiddenField()

    def __init__(self, *args, colleagues=(), teams=(), themes=(), children=(),
                 situation="", editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.visibility  # changed by its own buttons, each step by its owner
        self.observed_ids.choices = _choices(colleagues)
        self.team_id.choices = _choices(teams)
        self.theme_ids.choices = _choices(themes)
        self.child_ids.choices = _choices(children, lambda c: c.display_name)
        labels = visibility_labels()
        if not editing:
            self.visibility.choices = [SelectChoice("observed", labels["observed"]),
                                       SelectChoice("private", labels["private"])]
        self.setup_situation(situation)

    def values(self) -> dict:
        return {
            "observed_ids": self.observed_ids.data or [], "occurred_at": self.occurred_at.data,
            "team_id": self.team_id.data, "situation": self.situation_value,
            "focus": self.focus.data, "body": self.body.data,
            "interpretation": self.interpretation.data, "wonderings": self.wonderings.data,
            "theme_ids": self.theme_ids.data or [], "child_ids": self.child_ids.data or [],
        }


class ResponseForm(FlaskForm):
    response = TextAreaField(_l("My reflection"), validators=[Length(max=20000)])


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Comment"), validators=[DataRequired(REQUIRED),
                                                    Length(max=5000)])


class RequestForm(SituationMixin, FlaskForm):
    invitee_ids = MultiCheckboxField(_l("Whom do you invite?"), coerce=int)
    focus = TextAreaField(_l("What should they look for?"),
                          validators=[DataRequired(REQUIRED), Length(max=2000)])
    window_start = DateTimeLocalField(_l("From"), format=DATETIME_FORMATS,
                                      validators=[DataRequired(REQUIRED)])
    window_end = DateTimeLocalField(_l("Until"), format=DATETIME_FORMATS,
                                    validators=[DataRequired(REQUIRED)])
    team_id = SelectField(_l("Team"), coerce=int)

    def __init__(self, *args, colleagues=(), teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.invitee_ids.choices = _choices(colleagues)
        self.team_id.choices = _choices(teams)
        self.setup_situation()

    def values(self) -> dict:
        return {"invitee_ids": self.invitee_ids.data or [], "focus": self.focus.data,
                "situation": self.situation_value, "window_start": self.window_start.data,
                "window_end": self.window_end.data, "team_id": self.team_id.data}


class AnswerForm(FlaskForm):
    message = TextAreaField(_l("Message (optional)"), validators=[Length(max=2000)])


class FilterForm(FlaskForm):
    """GET filters on the lists; no CSRF (nothing changes)."""

    class Meta:
        csrf = False

    theme = SelectField(_l("Theme"), coerce=int, validators=[Optional()])
    colleague = SelectField(_l("Colleague"), coerce=int, validators=[Optional()])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def __init__(self, *args, themes=(), colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.theme.choices = [SelectChoice(0, _l("All themes"))] + _choices(themes)
        self.colleague.choices = [SelectChoice(0, _l("All colleagues"))] + _choices(colleagues)
