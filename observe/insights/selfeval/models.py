"""Self-evaluation models.

Anonymity is built into the tables, not left to the pages: ``SelfEvalAnswer`` has no
user column. Who took part is recorded in ``SelfEvalParticipation`` (so nobody answers
twice and the team can see how many have answered), what was answered in
``SelfEvalAnswer``, and nothing joins the two. The consequence, accepted on purpose:
an answer cannot be changed after it is handed in. Answers carry no timestamp either,
so not even the order of submission links a person to a row beyond what insertion
order in the database reveals to someone with database access.

A round copies its statements (``SelfEvalRoundStatement``) when it opens, so editing
the institution's statement set later never changes what an old round asked. The copy
keeps ``statement_id``, which lets a later round show the trend beside an earlier one
and lets development points link to the statement they address.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from observe.db import Base, utcnow
from observe.meetings import models as _meetings  # noqa: F401  (the linked table)
from observe.people.models import Team, User

# The six characteristics of a professional learning community.
CHARACTERISTICS = ("vision", "leadership", "trust", "learning", "deprivatised", "structures")
SCALE = (1, 2, 3, 4)  # 1 = helt uenig, 2 = delvis uenig, 3 = delvis enig, 4 = helt enig
MIN_ANSWERS = 3  # fewer answers to a statement: no distribution is shown
STATEMENT_MAX = 300
COMMENT_MAX = 2000
ROUND_STATUSES = ("open", "closed")


class PlfStatement(Base):
    """One statement of an institution's set; retired (``active=False``), never deleted,
    so old rounds and linked development points keep their meaning."""

    __tablename__ = "plf_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    characteristic: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(STATEMENT_MAX))
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SelfEvalRound(Base):
    __tablename__ = "selfeval_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    institution_id: Mapped[int] = mapped_column(
        ForeignKey("institutions.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"),
                                         index=True)
    title: Mapped[str] = mapped_column(String(200))
    facilitator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    opened_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    closes_on: Mapped[dt.date | None]
    closed_at: Mapped[dt.datetime | None]

    team: Mapped[Team] = relationship()
    facilitator: Mapped[User | None] = relationship()
    statements: Mapped[list[SelfEvalRoundStatement]] = relationship(
        back_populates="round", cascade="all, delete-orphan", passive_deletes=True,
        order_by="SelfEvalRoundStatement.position")

    @property
    def is_open(self) -> bool:
        return self.status == "open"


class SelfEvalRoundStatement(Base):
    __tablename__ = "selfeval_round_statements"
    __table_args__ = (UniqueConstraint("round_id", "statement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("selfeval_rounds.id", ondelete="CASCADE"), index=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("plf_statements.id", ondelete="CASCADE"), index=True)
    characteristic: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(String(STATEMENT_MAX))
    position: Mapped[int] = mapped_column(default=0)

    round: Mapped[SelfEvalRound] = relationship(back_populates="statements")


class SelfEvalParticipation(Base):
    """That a member has answered, and when. Deliberately says nothing about what."""

    __tablename__ = "selfeval_participations"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("selfeval_rounds.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SelfEvalAnswer(Base):
    """One anonymous answer: no user, no timestamp."""

    __tablename__ = "selfeval_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_statement_id: Mapped[int] = mapped_column(
        ForeignKey("selfeval_round_statements.id", ondelete="CASCADE"), index=True)
    value: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")


# Development points (from the meetings package) linked to the statements they address.
# Kept here, not in the meetings package: the link is the self-evaluation's concern.
# (an association table here: no edit to the meetings models is needed).
development_point_statements = Table(
    "plf_development_point_statements",
    Base.metadata,
    Column("development_point_id",
           ForeignKey("meeting_development_points.id", ondelete="CASCADE"), primary_key=True),
    Column("statement_id", ForeignKey("plf_statements.id", ondelete="CASCADE"),
           primary_key=True, index=True),
    Column("round_id", ForeignKey("selfeval_rounds.id", ondelete="SET NULL"), index=True),
)
