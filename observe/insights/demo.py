"""Demo: the statement sets, and two closed self-evaluation rounds for Solsikken (spring
and now), so the results page shows a distribution, a hidden statement (too few
answers) and the trend between the rounds. Answers are anonymous here as everywhere:
participation and answers are separate rows."""

from __future__ import annotations

import datetime as dt

from observe.extensions import db
from observe.insights.selfeval import services
from observe.insights.selfeval.models import (
    SelfEvalAnswer,
    SelfEvalParticipation,
    SelfEvalRound,
    SelfEvalRoundStatement,
)

SOLSIKKEN = ("anne", "mette", "soeren", "camilla", "jonas", "katrine")
# Leaning per characteristic (spring, now): the team observes each other more now.
LEANING = {"vision": (3, 3), "leadership": (2, 3), "trust": (3, 3), "learning": (3, 3),
           "deprivatised": (2, 3), "structures": (2, 2)}
COMMENTS = ("Vi mangler tid til at tale sammen efter frokost.",
            "Det er blevet lettere at bede om at få nogen til at kigge med.",
            "Jeg vil gerne have mere feedback på samlingen.")


def _round(ctx, team, facilitator, title, days_ago, phase) -> None:
    opened = dt.datetime.combine(ctx.today - dt.timedelta(days=days_ago), dt.time(9),
                                 tzinfo=dt.UTC)
    rnd = SelfEvalRound(institution_id=team.institution_id, team_id=team.id, title=title,
                        facilitator_id=facilitator.id, status="closed", opened_at=opened,
                        closed_at=opened + dt.timedelta(days=10))
    rnd.statements = [SelfEvalRoundStatement(statement_id=s.id, text=s.text, position=i,
                                             characteristic=s.characteristic)
                      for i, s in enumerate(services.statements(team.institution_id))]
    db.session.add(rnd)
    db.session.flush()
    answering = SOLSIKKEN if phase else SOLSIKKEN[:5]
    for key in answering:
        db.session.add(SelfEvalParticipation(round_id=rnd.id, user_id=ctx.users[key].id,
                                             submitted_at=opened))
    for n, item in enumerate(rnd.statements):
        # The last statement is skipped by most: it shows as "too few answers".
        people = answering[:2] if n == len(rnd.statements) - 1 else answering
        base = LEANING[item.characteristic][phase]
        for i, _key in enumerate(people):
            value = max(1, min(4, base + ctx.rng.choice((-1, 0, 0, 1))))
            comment = COMMENTS[n % 3] if (i == 0 and n % 4 == 0) else ""
            db.session.add(SelfEvalAnswer(round_statement_id=item.id, value=value,
                                          comment=comment))


def seed_selfeval(ctx) -> None:
    for institution in ctx.institutions.values():
        services.ensure_statements(institution)
    team = ctx.teams["solsikken"]
    _round(ctx, team, ctx.users["mette"], "Selvevaluering forår", 150, 0)
    _round(ctx, team, ctx.users["mette"], "Selvevaluering efterår", 20, 1)
    db.session.flush()
