"""Learning stories (læringshistorier) and their comments.

A story is about one or more children and belongs to a team; it is ``private`` (the
author only) until the author shares it with the ``team``. The follow-up of its *next
steps* is recorded on the story itself (``next_steps_done``), so a child's portfolio
can show which next steps from recent stories are still open.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from observe.db import Base, utcnow
from observe.people.models import Child, Team, Theme, User

if TYPE_CHECKING:
    from observe.photos.models import Photo

VISIBILITIES = ("private", "team")
TITLE_MAX = 200
TEXT_MAX = 20_000

story_children = Table(
    "story_children",
    Base.metadata,
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("child_id", ForeignKey("children.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)

story_themes = Table(
    "story_themes",
    Base.metadata,
    Column("story_id", ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class Story(Base):
    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    occurred_on: Mapped[dt.date] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    story: Mapped[str] = mapped_column(Text)
    learning: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    child_voice: Mapped[str] = mapped_column(Text, default="")
    parent_voice: Mapped[str] = mapped_column(Text, default="")
    next_steps_done: Mapped[bool] = mapped_column(default=False)
    next_steps_done_on: Mapped[dt.date | None]
    visibility: Mapped[str] = mapped_column(String(10), default="private", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    author: Mapped[User] = relationship()
    team: Mapped[Team] = relationship()
    children: Mapped[list[Child]] = relationship(secondary=story_children,
                                                 order_by="Child.first_name")
    themes: Mapped[list[Theme]] = relationship(secondary=story_themes,
                                               order_by="Theme.position")
    comments: Mapped[list[StoryComment]] = relationship(
        back_populates="story", cascade="all, delete-orphan", passive_deletes=True,
        order_by="StoryComment.created_at")
    photos: Mapped[list[Photo]] = relationship(
        back_populates="story", passive_deletes=True, order_by="Photo.id")

    @property
    def child_ids(self) -> list[int]:
        return [child.id for child in self.children]

    @property
    def theme_ids(self) -> list[int]:
        return [theme.id for theme in self.themes]

    @property
    def is_shared(self) -> bool:
        return self.visibility == "team"


class StoryComment(Base):
    __tablename__ = "story_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    story: Mapped[Story] = relationship(back_populates="comments")
    author: Mapped[User] = relationship()

    @property
    def institution_id(self) -> int:
        return self.story.institution_id
