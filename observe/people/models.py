"""People and the structures they belong to.

Every record carries (directly or through its team) the institution it belongs to:
the permission module scopes every query by it, so one deployment can host many
institutions that never see each other.
"""

from __future__ import annotations

import datetime as dt
import secrets

from flask_login import UserMixin
from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from observe.db import Base, utcnow

ROLES = ("admin", "leader", "resource", "staff")
PHOTO_CONSENTS = ("none", "internal", "parents")
INSTITUTION_KINDS = ("daycare", "school")

team_members = Table(
    "team_members",
    Base.metadata,
    Column("team_id", ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Institution(Base):
    __tablename__ = "institutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="daycare")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    teams: Mapped[list[Team]] = relationship(
        back_populates="institution", order_by="Team.name", lazy="select"
    )

    @property
    def is_school(self) -> bool:
        return self.kind == "school"


class Team(Base):
    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("institution_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(default=True)

    institution: Mapped[Institution] = relationship(back_populates="teams")
    members: Mapped[list[User]] = relationship(
        secondary=team_members, back_populates="teams", order_by="User.name"
    )


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20), default="staff")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str] = mapped_column(String(5), default="da")
    # Part of the login cookie: rotating it ends every session and remember-me
    # cookie of this user on the server side (logout, password change, reset).
    session_token: Mapped[str] = mapped_column(
        String(64), default=lambda: secrets.token_hex(16)
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    institution: Mapped[Institution] = relationship()
    teams: Mapped[list[Team]] = relationship(
        secondary=team_members, back_populates="members", order_by="Team.name"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def team_ids(self) -> list[int]:
        return [team.id for team in self.teams]

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def end_sessions(self) -> None:
        self.session_token = secrets.token_hex(16)


class Child(Base):
    __tablename__ = "children"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_initial: Mapped[str] = mapped_column(String(3))
    birth_date: Mapped[dt.date | None]
    photo_consent: Mapped[str] = mapped_column(String(10), default="none")
    active: Mapped[bool] = mapped_column(default=True)
    left_on: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    team: Mapped[Team] = relationship()

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_initial}."


class Theme(Base):
    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("institution_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)


def email_key(email: str) -> str:
    """E-mail addresses compare case-insensitively and without surrounding spaces."""
    return (email or "").strip().lower()


def lower(column):
    return func.lower(column)
