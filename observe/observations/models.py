"""Observations, their comments, and "kom og kig med" requests.

Every content table carries ``institution_id`` so the permission module's institution
check applies before any content rule. The observed colleagues, themes and children of
an observation are plain association tables; a request's invitees are an association
object because each invitee answers for themselves (with an optional message).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from observe.db import Base, utcnow
from observe.people.models import Child, Team, Theme, User

VISIBILITIES = ("private", "observed", "team")
REQUEST_STATUSES = ("open", "accepted", "declined", "cancelled", "done")
ANSWERS = ("pending", "accepted", "declined")

# Situations offered as quick choices; anything else is stored as the free text typed.
SITUATIONS = ("samling", "frokost", "garderobe", "leg", "udeliv", "overgang",
              "aflevering", "lektion")

observation_observed = Table(
    "observation_observed",
    Base.metadata,
    Column("observation_id", ForeignKey("observations.id", ondelete="CASCADE"),
           primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)

observation_themes = Table(
    "observation_themes",
    Base.metadata,
    Column("observation_id", ForeignKey("observations.id", ondelete="CASCADE"),
           primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)

observation_children = Table(
    "observation_children",
    Base.metadata,
    Column("observation_id", ForeignKey("observations.id", ondelete="CASCADE"),
           primary_key=True),
    Column("child_id", ForeignKey("children.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)


class Observation(Base):
    __tablename__ = "observations"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(index=True)
    situation: Mapped[str] = mapped_column(String(120), default="")
    focus: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    interpretation: Mapped[str] = mapped_column(Text, default="")
    wonderings: Mapped[str] = mapped_column(Text, default="")
    response: Mapped[str] = mapped_column(Text, default="")
    response_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    response_at: Mapped[dt.datetime | None]
    visibility: Mapped[str] = mapped_column(String(10), default="observed", index=True)
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("observation_requests.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    response_by: Mapped[User | None] = relationship(foreign_keys=[response_by_id])
    team: Mapped[Team] = relationship()
    observed: Mapped[list[User]] = relationship(secondary=observation_observed,
                                                order_by="User.name")
    themes: Mapped[list[Theme]] = relationship(secondary=observation_themes,
                                               order_by="Theme.position")
    children: Mapped[list[Child]] = relationship(secondary=observation_children,
                                                 order_by="Child.first_name")
    comments: Mapped[list[ObservationComment]] = relationship(
        back_populates="observation", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ObservationComment.created_at", lazy="select")
    request: Mapped[ObservationRequest | None] = relationship(back_populates="observations")

    @property
    def observed_ids(self) -> list[int]:
        return [user.id for user in self.observed]

    def is_observed(self, user) -> bool:
        return any(u.id == user.id for u in self.observed)


class ObservationComment(Base):
    __tablename__ = "observation_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observations.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    observation: Mapped[Observation] = relationship(back_populates="comments")
    author: Mapped[User] = relationship()

    @property
    def institution_id(self) -> int:
        return self.observation.institution_id


class RequestInvitee(Base):
    """One invited colleague and their own answer to the request."""

    __tablename__ = "observation_request_invitees"

    request_id: Mapped[int] = mapped_column(
        ForeignKey("observation_requests.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    answer: Mapped[str] = mapped_column(String(10), default="pending")
    message: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[dt.datetime | None]

    request: Mapped[ObservationRequest] = relationship(back_populates="invitations")
    user: Mapped[User] = relationship()


class ObservationRequest(Base):
    """"Kom og kig med": a colleague asks to be observed, with a focus and a window."""

    __tablename__ = "observation_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    focus: Mapped[str] = mapped_column(Text)
    situation: Mapped[str] = mapped_column(String(120), default="")
    window_start: Mapped[dt.datetime]
    window_end: Mapped[dt.datetime] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    requester: Mapped[User] = relationship()
    team: Mapped[Team] = relationship()
    invitations: Mapped[list[RequestInvitee]] = relationship(
        back_populates="request", cascade="all, delete-orphan", passive_deletes=True,
        order_by="RequestInvitee.user_id")
    observations: Mapped[list[Observation]] = relationship(
        back_populates="request", order_by="Observation.occurred_at")

    @property
    def invitee_ids(self) -> list[int]:
        return [inv.user_id for inv in self.invitations]

    @property
    def invitees(self) -> list[User]:
        return [inv.user for inv in self.invitations]

    def invitation_of(self, user) -> RequestInvitee | None:
        return next((inv for inv in self.invitations if inv.user_id == user.id), None)

