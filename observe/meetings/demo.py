"""Demo reflection sessions for Solsikken: two held meetings with agendas, notes and
development points in various states, and one upcoming meeting half prepared.

Built through the services, so the demo obeys the same rules as the app: an example is
only added when every participant may see it (the demo's team-shared observations and
stories, seeded before this). Deterministic: dates relative to ``ctx.today``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from observe.extensions import db
from observe.meetings import goals, services
from observe.observations.models import Observation
from observe.stories.models import Story
from observe.validation import Conflict, ValidationError


def _at(ctx, days: int, hour: int = 13) -> dt.datetime:
    return dt.datetime.combine(ctx.today + dt.timedelta(days=days), dt.time(hour, 0),
                               tzinfo=dt.UTC)


def _shared(model, team_id: int, limit: int) -> list:
    return list(db.session.scalars(select(model).where(
        model.team_id == team_id, model.visibility == "team").order_by(model.id)
        .limit(limit)))


def _example(meeting, user, record, question: str):
    if record is None:
        return None
    try:
        return services.add_example(meeting, user, record, question)
    except (ValidationError, Conflict):
        return None


def _free(meeting, user, title: str, question: str = "", notes: str = ""):
    item = services.add_free_item(meeting, user, {"title": title, "question": question})
    item.notes = notes
    return item


def seed_meetings(ctx) -> None:
    if "solsikken" not in ctx.teams or "mette" not in ctx.users:
        return
    team, u = ctx.teams["solsikken"], ctx.users
    mette = u["mette"]
    observations = _shared(Observation, team.id, 3) + [None, None, None]
    stories = _shared(Story, team.id, 2) + [None, None]

    # 1. Held eight weeks ago: transitions in the cloakroom.
    first = services.create_meeting(mette, {
        "team_id": team.id, "title": "Overgange i garderoben", "starts_at": _at(ctx, -56),
        "focus": "Hvordan gør vi påklædningen til en læringssituation og ikke en ventetid?",
        "anonymous_reveal": True})
    item = _example(first, mette, observations[0], "Hvad ser vi i eksemplet — og hvad ser "
                                                   "vi ikke?")
    if item is not None:
        first.phase = "a"
        services.write_reflection(item, u["camilla"], "Jeg lægger mærke til, hvor lidt "
                                  "børnene selv når at prøve, før vi hjælper.")
        services.write_reflection(item, u["soeren"], "Der er ro, når der er færre børn "
                                  "i garderoben ad gangen.")
        services.reveal_reflections(first, mette)
        item.notes = ("Vi hjælper ofte, før barnet har bedt om det. Især ved lynlåse. "
                      "Forslag: vi venter og spørger 'hvad vil du prøve først?'.")
    _free(first, mette, "Garderoben i praksis: hvem går ud først?",
          notes="Vi prøver at sende børnene ud i små grupper på fire.")
    first.phase = "c"
    wait, _ = goals.add_point(first, mette, {
        "title": "Vi venter fem sekunder, før vi hjælper ved påklædning",
        "plan": "I de næste fire uger venter vi fem sekunder og noterer, hvad børnene "
                "selv prøver.", "owner_id": u["camilla"].id,
        "follow_up_on": ctx.today - dt.timedelta(days=28)})
    groups, _ = goals.add_point(first, mette, {
        "title": "Små grupper i garderoben", "plan": "Højst fire børn ad gangen; Søren "
        "laver en plan på tavlen.", "owner_id": u["soeren"].id,
        "follow_up_on": ctx.today - dt.timedelta(days=28)})
    first.phase = "done"

    # 2. Held four weeks ago: the circle time, and the follow-up of the first meeting.
    second = services.create_meeting(mette, {
        "team_id": team.id, "title": "Samling og ventetid", "starts_at": _at(ctx, -28),
        "focus": "Hvem får ordet til samling — og hvem venter altid?"})
    goals.follow_up(wait, second, mette, "done",
                    "Børnene prøver meget mere selv. Det er blevet vores måde at gøre det på.")
    goals.follow_up(groups, second, mette, "continued",
                    "Virker om formiddagen, svært efter frokost. Vi fortsætter.")
    item = _example(second, mette, observations[1], "Hvorfor gør vi, som vi gør?")
    story_item = _example(second, mette, stories[0],
                          "Hvad havde barnet mulighed for at lære her?")
    second.phase = "b"
    if item is not None:
        services.save_notes(item, mette, "Det hjalp at lægge en hånd på skulderen i stedet "
                            "for at sige navnet højt. Vi vil prøve taleturs-stenen.")
    if story_item is not None:
        services.save_notes(story_item, mette, "Historien viser, hvad der sker, når vi "
                            "giver tid. Vi deler den med forældrene.")
    second.phase = "c"
    goals.add_point(second, mette, {
        "title": "Taleturs-sten til samling",
        "plan": "Den, der har stenen, har ordet. Vi ser efter, om de stille børn tager den.",
        "owner_id": u["katrine"].id if "katrine" in u else None,
        "follow_up_on": ctx.today + dt.timedelta(days=5)})
    second.phase = "done"

    # 3. Upcoming, half prepared: two items, two private reflections written.
    third = services.create_meeting(mette, {
        "team_id": team.id, "title": "Frokost som læringsrum", "starts_at": _at(ctx, 5),
        "focus": "Hvad kan børnene lære ved frokosten, som vi i dag gør for dem?"})
    item = _example(third, mette, observations[2],
                    "Hvad kunne vi gøre anderledes i morgen?")
    _free(third, mette, "Opfølgning: taleturs-stenen")
    if item is not None:
        services.write_reflection(item, u["jonas"], "Jeg tænker, at børnene kunne hælde "
                                  "op selv, hvis kanderne var mindre.")
    db.session.flush()
