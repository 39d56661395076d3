"""The figures as tables: one definition per table, shared by the CSV export (and
matching the columns the page shows), so the file and the screen say the same."""

from __future__ import annotations

from flask_babel import gettext as _

from observe.insights.queries import TeamFigures, TeamSummary

TABLES = ("themes", "children", "practice", "follow")


def themes(fig: TeamFigures):
    header = [_("Theme"), _("Learning stories"), _("Observations"),
              _("Learning stories, previous period"), _("Observations, previous period")]
    rows = [[r.name, r.stories, r.observations, r.previous_stories, r.previous_observations]
            for r in fig.themes]
    return header, rows


def children(fig: TeamFigures):
    header = [_("Child"), _("Last learning story"), _("Days since"),
              _("Learning stories in period"), _("Observations in period")]
    rows = [[r.name, r.last_story.isoformat() if r.last_story else "",
             "" if r.days_since is None else r.days_since, r.stories, r.observations]
            for r in fig.children]
    return header, rows


def practice(fig: TeamFigures):
    header = [_("Colleague"), _("Observations given"), _("Observations received"),
              _("Requests sent"), _("Requests accepted")]
    rows = [[r.name, r.given, r.received, r.requests_sent, r.requests_accepted]
            for r in fig.practice]
    return header, rows


def follow(fig: TeamFigures):
    f = fig.follow
    header = [_("Figure"), _("Count")]
    rows = [[_("Development points open"), f.points_open],
            [_("Development points done"), f.points_done],
            [_("Requests past their time window"), f.requests_overdue],
            [_("Next steps still open"), f.next_steps_open],
            [_("Next steps followed up"), f.next_steps_done]]
    return header, rows


BUILDERS = {"themes": themes, "children": children, "practice": practice, "follow": follow}


def institution(rows: list[TeamSummary]):
    header = [_("Team"), _("Learning stories"), _("Observations"), _("Themes documented"),
              _("Themes in use"), _("Children"), _("Children without a learning story"),
              _("Colleagues who observed"), _("Requests sent"), _("Requests accepted"),
              _("Development points open"), _("Development points done"),
              _("Requests past their time window"), _("Next steps still open")]
    body = [[s.name, s.stories, s.observations, s.themes_covered, s.themes_total, s.children,
             s.children_without_story, s.observations_given_by, s.requests_sent,
             s.requests_accepted, s.follow.points_open, s.follow.points_done,
             s.follow.requests_overdue, s.follow.next_steps_open] for s in rows]
    return header, body
