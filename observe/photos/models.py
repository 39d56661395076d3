"""A photo belongs to exactly one record (a learning story or an observation) and is
linked to the children who appear in it.

The files (full version and thumbnail) are named by ``observe.photos.storage``; the row
holds only their random names. A photo that shows a child whose photo consent is now
``none`` is *hidden* (``Photo.hidden_clause``): it is served to no one and listed
nowhere, until an admin deletes it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from observe.db import Base, utcnow
from observe.observations.models import Observation
from observe.people.models import Child, User
from observe.stories.models import Story

CAPTION_MAX = 500

photo_children = Table(
    "photo_children",
    Base.metadata,
    Column("photo_id", ForeignKey("photos.id", ondelete="CASCADE"), primary_key=True),
    Column("child_id", ForeignKey("children.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class Photo(Base):
    __tablename__ = "photos"
    __table_args__ = (
        CheckConstraint("(story_id IS NULL) <> (observation_id IS NULL)",
                        name="one_record"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    observation_id: Mapped[int | None] = mapped_column(
        ForeignKey("observations.id", ondelete="CASCADE"), index=True)
    caption: Mapped[str] = mapped_column(String(CAPTION_MAX), default="")
    width: Mapped[int]
    height: Mapped[int]
    thumb_width: Mapped[int]
    thumb_height: Mapped[int]
    file_name: Mapped[str] = mapped_column(String(100))
    thumb_name: Mapped[str] = mapped_column(String(100))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    story: Mapped[Story | None] = relationship(back_populates="photos")
    observation: Mapped[Observation | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    children: Mapped[list[Child]] = relationship(secondary=photo_children,
                                                 order_by="Child.first_name")

    @property
    def record(self):
        return self.story if self.story_id is not None else self.observation

    @property
    def child_ids(self) -> list[int]:
        return [child.id for child in self.children]

    @property
    def is_hidden(self) -> bool:
        return any(child.photo_consent == "none" for child in self.children)

    @classmethod
    def hidden_clause(cls):
        """SQL: the photo shows at least one child without photo consent."""
        return cls.children.any(Child.photo_consent == "none")
