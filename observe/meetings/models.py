"""Reflection sessions (refleksionsmøder): meetings, agendas, phases A-B-C, follow-up.

A meeting belongs to one team; its participants are members of that team (all of
them by default). The agenda holds *examples* (an observation or a learning story,
pulled in from search, a record's page or a portfolio) and *free* items. An example
is referenced, never copied: whether its text may be shown is decided every time the
agenda is rendered (see ``services.example_state``), so an example narrowed back to
private after it was added is shown as withdrawn and leaks nothing.

Phase A reflections belong to their author until the facilitator reveals them all at
once (``reflections_revealed_at``); phase B notes live on the agenda item; phase C
produces development points, which later meetings of the same team follow up.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from observe.db import Base, utcnow
from observe.observations.models import Observation
from observe.people.models import Team, User
from observe.stories.models import Story

PHASES = ("prepare", "a", "b", "c", "done")
ITEM_KINDS = ("example", "free")
POINT_STATUSES = ("open", "continued", "changed", "done")
DECISIONS = ("continued", "changed", "done")
TITLE_MAX = 200
TEXT_MAX = 20_000
QUESTION_MAX = 500

meeting_participants = Table(
    "meeting_participants",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    focus: Mapped[str] = mapped_column(Text, default="")
    # True: revealed reflections are shown without names (the team's choice).
    anonymous_reveal: Mapped[bool] = mapped_column(default=False)
    reflections_revealed_at: Mapped[dt.datetime | None]
    phase: Mapped[str] = mapped_column(String(10), default="prepare", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    team: Mapped[Team] = relationship()
    facilitator: Mapped[User] = relationship()
    participants: Mapped[list[User]] = relationship(secondary=meeting_participants,
                                                    order_by="User.name")
    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", passive_deletes=True,
        order_by="AgendaItem.position")
    points: Mapped[list[DevelopmentPoint]] = relationship(
        back_populates="meeting", order_by="DevelopmentPoint.id",
        foreign_keys="DevelopmentPoint.meeting_id")

    @property
    def participant_ids(self) -> list[int]:
        return [user.id for user in self.participants]

    @property
    def is_revealed(self) -> bool:
        return self.reflections_revealed_at is not None

    @property
    def is_done(self) -> bool:
        return self.phase == "done"


class AgendaItem(Base):
    __tablename__ = "meeting_agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(10), default="free")
    # An example whose record is deleted keeps its place and shows as withdrawn.
    observation_id: Mapped[int | None] = mapped_column(
        ForeignKey("observations.id", ondelete="SET NULL"), index=True)
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX), default="")
    question: Mapped[str] = mapped_column(String(QUESTION_MAX), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_updated_at: Mapped[dt.datetime | None]
    # Raised by every notes save; a save names the version it started from, so a
    # second note-taker's text is never overwritten unseen (services.save_notes).
    notes_version: Mapped[int] = mapped_column(default=0, server_default="0")
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    observation: Mapped[Observation | None] = relationship()
    story: Mapped[Story | None] = relationship()
    reflections: Mapped[list[Reflection]] = relationship(
        back_populates="item", cascade="all, delete-orphan", passive_deletes=True,
        order_by="Reflection.id")

    @property
    def record(self):
        return self.observation if self.observation_id else self.story

    @property
    def institution_id(self) -> int:
        return self.meeting.institution_id


class Reflection(Base):
    """Phase A: one participant's own thoughts on one agenda item."""

    __tablename__ = "meeting_reflections"
    __table_args__ = (UniqueConstraint("agenda_item_id", "author_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_agenda_items.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                           index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    item: Mapped[AgendaItem] = relationship(back_populates="reflections")
    author: Mapped[User] = relationship()

    @property
    def institution_id(self) -> int:
        return self.item.meeting.institution_id


class DevelopmentPoint(Base):
    """Phase C: what we will try, who carries it, when we follow up."""

    __tablename__ = "meeting_development_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    plan: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    follow_up_on: Mapped[dt.date | None]
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="points",
                                            foreign_keys=[meeting_id])
    owner: Mapped[User | None] = relationship()
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="point", cascade="all, delete-orphan", passive_deletes=True,
        order_by="FollowUp.id")

    @property
    def is_open(self) -> bool:
        return self.status != "done"


class FollowUp(Base):
    """A later meeting's decision about a development point, with a short note."""

    __tablename__ = "meeting_follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    development_point_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_development_points.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decision: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    point: Mapped[DevelopmentPoint] = relationship(back_populates="follow_ups")
    meeting: Mapped[Meeting] = relationship()
    author: Mapped[User | None] = relationship()


class Question(Base):
    """A reflection question the team added to its bank (defaults live in code)."""

    __tablename__ = "meeting_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"),
                                                index=True)
    text: Mapped[str] = mapped_column(String(QUESTION_MAX))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id",
                                                                 ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
