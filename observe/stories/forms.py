"""Forms for the story pages. Shapes only; the rules live in ``services``."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from observe.people.forms import MultiCheckboxField, child_choices
from observe.stories.models import TEXT_MAX, TITLE_MAX

REQUIRED = _l("Fill in this field.")


def visibility_labels() -> dict:
    return {"private": _l("Private draft (only me)"), "team": _l("Shared with the team")}


class StoryForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED),
                                                 Length(max=TITLE_MAX)])
    occurred_on = DateField(_l("Date"), validators=[Optional()])
    child_ids = MultiCheckboxField(_l("Children"), coerce=int)
    story = TextAreaField(_l("The story"), validators=[DataRequired(REQUIRED),
                                                       Length(max=TEXT_MAX)])
    learning = TextAreaField(_l("What learning do I see?"),
                             validators=[Optional(), Length(max=TEXT_MAX)])
    next_steps = TextAreaField(_l("Next steps and opportunities"),
                               validators=[Optional(), Length(max=TEXT_MAX)])
    child_voice = TextAreaField(_l("The child's voice"),
                                validators=[Optional(), Length(max=TEXT_MAX)])
    parent_voice = TextAreaField(_l("The parents' perspective"),
                                 validators=[Optional(), Length(max=TEXT_MAX)])
    theme_ids = MultiCheckboxField(_l("Themes"), coerce=int)
    team_id = SelectField(_l("Team"), coerce=int)
    visibility = RadioField(_l("Who can see it?"), default="private")

    def __init__(self, *args, children=(), themes=(), teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.child_ids.choices = child_choices(children)
        self.theme_ids.choices = [SelectChoice(t.id, t.name) for t in themes]
        self.team_id.choices = [SelectChoice(t.id, t.name) for t in teams]
        self.visibility.choices = [SelectChoice(k, v) for k, v in visibility_labels().items()]

    def data_for_service(self) -> dict:
        return {name: getattr(self, name).data for name in (
            "title", "occurred_on", "child_ids", "story", "learning", "next_steps",
            "child_voice", "parent_voice", "theme_ids", "team_id", "visibility")}


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Comment"), validators=[DataRequired(REQUIRED), Length(max=5000)])
