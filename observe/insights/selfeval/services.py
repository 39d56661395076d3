"""Self-evaluation rules: open a round, answer once and anonymously, close, read the
distribution. Services add and flush; the request commits.

- Any member of the team may open a round (and becomes its facilitator); one open
  round per team at a time, so the team's answers are not split.
- A member answers once; there is no edit, because the answer is stored without a
  link to its author (see ``models``). Statements may be skipped.
- The facilitator, or a leader or resource person in the team, closes the round.
- Results exist only for a closed round: a running distribution would let anyone who
  watches it change before and after a colleague answers read that colleague's answer.
  A statement with fewer than ``MIN_ANSWERS`` answers shows no distribution and no
  comments; comments are shown without their value and in alphabetical order, so
  neither order nor pairing points to a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import delete, func, insert, select

from observe.db import utcnow
from observe.extensions import db
from observe.insights.selfeval import defaults
from observe.insights.selfeval.models import (
    CHARACTERISTICS,
    COMMENT_MAX,
    MIN_ANSWERS,
    SCALE,
    STATEMENT_MAX,
    PlfStatement,
    SelfEvalAnswer,
    SelfEvalParticipation,
    SelfEvalRound,
    SelfEvalRoundStatement,
    development_point_statements,
)
from observe.people.models import Institution, Team, User, team_members
from observe.validation import Conflict, ValidationError, text

# -- the statement set -------------------------------------------------------------------


def ensure_statements(institution: Institution) -> None:
    """Seed the default set for the institution's kind, once (an empty table only)."""
    exists = db.session.scalar(select(PlfStatement.id).where(
        PlfStatement.institution_id == institution.id).limit(1))
    if exists is not None:
        return
    for position, (characteristic, wording) in enumerate(defaults.for_kind(institution.kind)):
        db.session.add(PlfStatement(institution_id=institution.id, position=position,
                                    characteristic=characteristic, text=wording))
    db.session.flush()


def statements(institution_id: int, *, active_only: bool = True) -> list[PlfStatement]:
    stmt = select(PlfStatement).where(PlfStatement.institution_id == institution_id)
    if active_only:
        stmt = stmt.where(PlfStatement.active)
    return list(db.session.scalars(stmt.order_by(PlfStatement.position, PlfStatement.id)))


def _check_statement(characteristic, wording) -> str:
    errors: dict[str, str] = {}
    cleaned = text(wording, "text", required=True, max_length=STATEMENT_MAX, errors=errors)
    if characteristic not in CHARACTERISTICS:
        errors["characteristic"] = _("Choose one of the characteristics.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def create_statement(institution_id: int, characteristic: str, wording: str) -> PlfStatement:
    cleaned = _check_statement(characteristic, wording)
    last = db.session.scalar(select(func.max(PlfStatement.position)).where(
        PlfStatement.institution_id == institution_id))
    statement = PlfStatement(institution_id=institution_id, characteristic=characteristic,
                             text=cleaned, position=(last or 0) + 1)
    db.session.add(statement)
    db.session.flush()
    return statement


def update_statement(statement: PlfStatement, *, characteristic: str, wording: str,
                     active: bool) -> PlfStatement:
    """Rewording changes future rounds only: open and old rounds keep their copy."""
    statement.text = _check_statement(characteristic, wording)
    statement.characteristic = characteristic
    statement.active = bool(active)
    db.session.flush()
    return statement


# -- rounds ------------------------------------------------------------------------------


def open_round_of(team_id: int) -> SelfEvalRound | None:
    return db.session.scalar(select(SelfEvalRound).where(
        SelfEvalRound.team_id == team_id, SelfEvalRound.status == "open"))


def rounds_of(team_id: int) -> list[SelfEvalRound]:
    return list(db.session.scalars(select(SelfEvalRound).where(
        SelfEvalRound.team_id == team_id).order_by(SelfEvalRound.opened_at.desc(),
                                                    SelfEvalRound.id.desc())))


def open_round(team: Team, user: User, *, title: str | None = None,
               closes_on: dt.date | None = None) -> SelfEvalRound:
    if user.id not in {m.id for m in team.members}:
        raise Conflict(_("Only members of the team can open a round."))
    if open_round_of(team.id) is not None:
        raise Conflict(_("The team already has an open round. Close it first."))
    errors: dict[str, str] = {}
    cleaned = text(title, "title", max_length=200, errors=errors)
    if closes_on is not None and closes_on < dt.date.today():
        errors["closes_on"] = _("Choose a date from today on.")
    if errors:
        raise ValidationError(errors)
    ensure_statements(team.institution)
    chosen = statements(team.institution_id)
    if not chosen:
        raise ValidationError({"_": _("The institution has no active statements.")})
    rnd = SelfEvalRound(institution_id=team.institution_id, team_id=team.id,
                        facilitator_id=user.id, closes_on=closes_on,
                        title=cleaned or _("Self-evaluation %(date)s",
                                           date=dt.date.today().isoformat()))
    rnd.statements = [SelfEvalRoundStatement(statement_id=s.id, text=s.text, position=i,
                                             characteristic=s.characteristic)
                      for i, s in enumerate(chosen)]
    db.session.add(rnd)
    db.session.flush()
    return rnd


def has_answered(rnd: SelfEvalRound, user: User) -> bool:
    return db.session.get(SelfEvalParticipation, (rnd.id, user.id)) is not None


def participation_count(rnd: SelfEvalRound) -> int:
    return db.session.scalar(select(func.count()).select_from(SelfEvalParticipation).where(
        SelfEvalParticipation.round_id == rnd.id)) or 0


def member_count(rnd: SelfEvalRound) -> int:
    return db.session.scalar(select(func.count()).select_from(team_members).join(
        User, User.id == team_members.c.user_id).where(
        team_members.c.team_id == rnd.team_id, User.active)) or 0


def submit_answers(rnd: SelfEvalRound, user: User, answers: dict) -> int:
    """``answers``: round statement id -> (value or None, comment). Returns how many
    statements were answered. Answered rows carry no user; participation no values."""
    if not rnd.is_open:
        raise Conflict(_("This round is closed."))
    if rnd.team_id not in user.team_ids:
        raise Conflict(_("Only members of the team can answer."))
    if has_answered(rnd, user):
        raise Conflict(_("You have already answered this round."))
    errors: dict[str, str] = {}
    rows = []
    for item in rnd.statements:
        value, comment = answers.get(item.id, (None, ""))
        name = f"s{item.id}"
        if value in (None, "", 0):
            if (comment or "").strip():
                errors[name] = _("Choose an answer to add a comment.")
            continue
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = None
        if value not in SCALE:
            errors[name] = _("Choose one of the answers.")
            continue
        cleaned = text(comment, f"c{item.id}", max_length=COMMENT_MAX, errors=errors)
        rows.append({"round_statement_id": item.id, "value": value, "comment": cleaned or ""})
    if not rows and not errors:
        errors["_"] = _("Answer at least one statement.")
    if errors:
        raise ValidationError(errors)
    db.session.add(SelfEvalParticipation(round_id=rnd.id, user_id=user.id))
    # Answers in statement order, not per person in a recognisable sequence of their own.
    db.session.execute(insert(SelfEvalAnswer), rows)
    db.session.flush()
    return len(rows)


def can_close(rnd: SelfEvalRound, user: User) -> bool:
    if not rnd.is_open or rnd.team_id not in user.team_ids:
        return False
    return rnd.facilitator_id == user.id or user.role in ("leader", "resource")


def close_round(rnd: SelfEvalRound, user: User) -> SelfEvalRound:
    if not can_close(rnd, user):
        raise Conflict(_("Only the facilitator can close this round."))
    rnd.status = "closed"
    rnd.closed_at = utcnow()
    db.session.flush()
    return rnd


# -- results -----------------------------------------------------------------------------


@dataclass
class StatementResult:
    id: int
    statement_id: int
    characteristic: str
    text: str
    answers: int
    counts: dict[int, int] = field(default_factory=dict)  # empty when hidden
    comments: list[str] = field(default_factory=list)
    mean: float | None = None
    previous_mean: float | None = None

    @property
    def hidden(self) -> bool:
        return self.answers < MIN_ANSWERS

    @property
    def agree_share(self) -> float | None:
        """Share of answers on the agreeing side (3 and 4), 0..1."""
        if self.hidden or not self.answers:
            return None
        return (self.counts.get(3, 0) + self.counts.get(4, 0)) / self.answers


def _distribution(round_id: int) -> dict[int, dict[int, int]]:
    rows = db.session.execute(
        select(SelfEvalAnswer.round_statement_id, SelfEvalAnswer.value, func.count())
        .join(SelfEvalRoundStatement,
              SelfEvalRoundStatement.id == SelfEvalAnswer.round_statement_id)
        .where(SelfEvalRoundStatement.round_id == round_id)
        .group_by(SelfEvalAnswer.round_statement_id, SelfEvalAnswer.value))
    out: dict[int, dict[int, int]] = {}
    for statement_id, value, count in rows:
        out.setdefault(statement_id, {})[value] = count
    return out


def _mean(counts: dict[int, int]) -> float | None:
    total = sum(counts.values())
    if total < MIN_ANSWERS:
        return None
    return round(sum(v * n for v, n in counts.items()) / total, 2)


def previous_round(rnd: SelfEvalRound) -> SelfEvalRound | None:
    """The team's closed round opened before this one (the trend's earlier point)."""
    return db.session.scalar(select(SelfEvalRound).where(
        SelfEvalRound.team_id == rnd.team_id, SelfEvalRound.status == "closed",
        SelfEvalRound.id != rnd.id, SelfEvalRound.opened_at <= rnd.opened_at)
        .order_by(SelfEvalRound.opened_at.desc(), SelfEvalRound.id.desc()).limit(1))


def results(rnd: SelfEvalRound) -> list[StatementResult]:
    """Per statement of a closed round: the distribution, or nothing below the minimum."""
    if rnd.is_open:
        raise Conflict(_("Results are shown when the round is closed."))
    counts = _distribution(rnd.id)
    earlier = previous_round(rnd)
    before: dict[int, float | None] = {}
    if earlier is not None:
        earlier_counts = _distribution(earlier.id)
        before = {item.statement_id: _mean(earlier_counts.get(item.id, {}))
                  for item in earlier.statements}
    comment_rows = db.session.execute(
        select(SelfEvalAnswer.round_statement_id, SelfEvalAnswer.comment)
        .join(SelfEvalRoundStatement,
              SelfEvalRoundStatement.id == SelfEvalAnswer.round_statement_id)
        .where(SelfEvalRoundStatement.round_id == rnd.id, SelfEvalAnswer.comment != ""))
    comments: dict[int, list[str]] = {}
    for statement_id, comment in comment_rows:
        comments.setdefault(statement_id, []).append(comment)
    out = []
    for item in rnd.statements:
        mine = counts.get(item.id, {})
        total = sum(mine.values())
        result = StatementResult(id=item.id, statement_id=item.statement_id,
                                 characteristic=item.characteristic, text=item.text,
                                 answers=total, previous_mean=before.get(item.statement_id))
        if not result.hidden:
            result.counts = {value: mine.get(value, 0) for value in SCALE}
            result.comments = sorted(comments.get(item.id, []), key=str.casefold)
            result.mean = _mean(mine)
        out.append(result)
    return out


# -- development points (phase C) ------------------------------------------------------


def linked_points(rnd: SelfEvalRound) -> dict[int, list]:
    """statement id -> the team's development points linked to it."""
    from observe.meetings.models import DevelopmentPoint

    rows = db.session.execute(
        select(development_point_statements.c.statement_id, DevelopmentPoint)
        .join(DevelopmentPoint, DevelopmentPoint.id
              == development_point_statements.c.development_point_id)
        .where(DevelopmentPoint.team_id == rnd.team_id,
               development_point_statements.c.statement_id.in_(
                   [s.statement_id for s in rnd.statements]))
        .order_by(DevelopmentPoint.id))
    out: dict[int, list] = {}
    for statement_id, point in rows:
        out.setdefault(statement_id, []).append(point)
    return out


def team_points(team_id: int) -> list:
    from observe.meetings.models import DevelopmentPoint

    return list(db.session.scalars(select(DevelopmentPoint).where(
        DevelopmentPoint.team_id == team_id).order_by(DevelopmentPoint.id.desc())))


def link_point(rnd: SelfEvalRound, point_id: int, statement_id: int) -> None:
    """Link one of the team's development points to a statement of the round."""
    from observe.meetings.models import DevelopmentPoint

    point = db.session.get(DevelopmentPoint, point_id)
    if point is None or point.team_id != rnd.team_id:
        raise ValidationError({"point_id": _("Choose one of the team's development points.")})
    if statement_id not in {s.statement_id for s in rnd.statements}:
        raise ValidationError({"statement_id": _("Choose one of the round's statements.")})
    exists = db.session.execute(select(development_point_statements).where(
        development_point_statements.c.development_point_id == point_id,
        development_point_statements.c.statement_id == statement_id)).first()
    if exists is None:
        db.session.execute(insert(development_point_statements).values(
            development_point_id=point_id, statement_id=statement_id, round_id=rnd.id))
    db.session.flush()


def unlink_point(rnd: SelfEvalRound, point_id: int, statement_id: int) -> None:
    from observe.meetings.models import DevelopmentPoint

    point = db.session.get(DevelopmentPoint, point_id)
    if point is None or point.team_id != rnd.team_id:
        raise ValidationError({"point_id": _("Choose one of the team's development points.")})
    db.session.execute(delete(development_point_statements).where(
        development_point_statements.c.development_point_id == point_id,
        development_point_statements.c.statement_id == statement_id))
    db.session.flush()
