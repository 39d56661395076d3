"""Document providers: how a record becomes a search document, and who may read it.

Each indexed kind registers a ``Provider``. ``principals`` is the heart of the
permission filter: the set of ``user:<id>`` and ``team:<id>`` tokens whose holders may
open the record. It restates the rules of ``observe.permissions`` (``_view_observation``,
``_view_story``) in index form, and the search tests check, for every role, that search
finds exactly what those rules (and the pages) allow. A viewer holds ``user:<own id>``
and ``team:<id>`` for each team they belong to *now* (computed at query time), so a
change of team membership needs no reindex. The document also carries the record's
institution implicitly: each institution has its own index.

``RELATED`` maps other models whose changes alter a document (for example a child's
name, which is searchable) to the documents they touch.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.routing import BuildError


@dataclass
class Doc:
    """What a provider tells about a record, before it becomes Whoosh fields."""

    kind: str
    id: int
    institution_id: int
    team_id: int | None
    author_id: int
    occurred_at: dt.datetime
    title: str
    texts: list[str]
    principals: set[str]
    observed_ids: list[int] = field(default_factory=list)
    child_ids: list[int] = field(default_factory=list)
    theme_ids: list[int] = field(default_factory=list)
    child_names: list[str] = field(default_factory=list)
    theme_names: list[str] = field(default_factory=list)


@dataclass
class Provider:
    kind: str
    model: type
    describe: Callable[[object], Doc]
    eager: tuple = ()
    endpoint: str = ""
    id_arg: str = ""
    fallback_path: str = ""

    def institution_of(self, record) -> int | None:
        return record.institution_id

    def records(self, session, institution_id: int, batch: int = 500) -> Iterable:
        """Every record of an institution, in id order, related rows loaded in bulk."""
        last = 0
        while True:
            stmt = (select(self.model).where(self.model.institution_id == institution_id,
                                             self.model.id > last)
                    .order_by(self.model.id).limit(batch)
                    .options(*[selectinload(rel) for rel in self.eager]))
            rows = list(session.scalars(stmt))
            if not rows:
                return
            yield from rows
            last = rows[-1].id
            session.expunge_all()

    def url(self, record_id: int) -> str:
        try:
            return url_for(self.endpoint, **{self.id_arg: record_id})
        except (BuildError, RuntimeError):
            return self.fallback_path.format(id=record_id)


PROVIDERS: dict[str, Provider] = {}
RELATED: dict[type, Callable[[object], list]] = {}
_BY_MODEL: dict[type, Provider] = {}


def register(provider: Provider) -> None:
    PROVIDERS[provider.kind] = provider
    _BY_MODEL[provider.model] = provider


def provider_for(model: type) -> Provider | None:
    return _BY_MODEL.get(model)


def first_line(text: str, limit: int = 90) -> str:
    line = next((part.strip() for part in (text or "").splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def to_fields(doc: Doc) -> dict:
    """The Whoosh fields of a document."""
    people = [doc.author_id, *doc.observed_ids]
    text = "\n".join(t for t in [*doc.texts, *doc.child_names, *doc.theme_names] if t)
    packed = [f"kind:{doc.kind}", *(f"author:{p}" for p in dict.fromkeys(people)),
              *(f"child:{c}" for c in doc.child_ids), *(f"theme:{t}" for t in doc.theme_ids)]
    if doc.team_id is not None:
        packed.append(f"team:{doc.team_id}")
    return {
        "uid": f"{doc.kind}:{doc.id}",
        "kind": doc.kind,
        "rid": doc.id,
        "principals": " ".join(sorted(doc.principals)),
        "team": str(doc.team_id or ""),
        "people": " ".join(str(p) for p in dict.fromkeys(people)),
        "child": " ".join(str(c) for c in doc.child_ids),
        "theme": " ".join(str(t) for t in doc.theme_ids),
        "occurred": int(doc.occurred_at.timestamp()),
        "title": doc.title,
        "text": text,
        "words": text,
        "raw": doc.title + "\n" + text,
        "parts": doc.title + "\n" + text,
        "facets": " ".join(packed).encode(),
        "meta": json.dumps({"author": doc.author_id, "observed": doc.observed_ids,
                            "children": doc.child_ids, "themes": doc.theme_ids,
                            "team": doc.team_id, "occurred_at": doc.occurred_at.isoformat()}),
    }


# -- observations ---------------------------------------------------------------------------

def observation_principals(obs) -> set[str]:
    """Mirror of permissions._view_observation: private → the author; observed → also
    the observed colleagues; team → also the members of the observation's team."""
    principals = {f"user:{obs.author_id}"}
    if obs.visibility in ("observed", "team"):
        principals |= {f"user:{u.id}" for u in obs.observed}
    if obs.visibility == "team":
        principals.add(f"team:{obs.team_id}")
    return principals


def describe_observation(obs) -> Doc:
    occurred = obs.occurred_at
    title = first_line(obs.focus) or first_line(obs.body)
    if obs.situation:
        title = f"{obs.situation.capitalize()}: {title}" if title else obs.situation
    return Doc(
        kind="observation", id=obs.id, institution_id=obs.institution_id,
        team_id=obs.team_id, author_id=obs.author_id, occurred_at=occurred, title=title,
        texts=[obs.situation, obs.focus, obs.body, obs.interpretation, obs.wonderings,
               obs.response],
        principals=observation_principals(obs),
        observed_ids=[u.id for u in obs.observed],
        child_ids=[c.id for c in obs.children], theme_ids=[t.id for t in obs.themes],
        child_names=[c.first_name for c in obs.children],
        theme_names=[t.name for t in obs.themes],
    )


# -- stories --------------------------------------------------------------------------------

def story_principals(story) -> set[str]:
    """Mirror of permissions._view_story: private → the author; team → also the members
    of the story's team."""
    principals = {f"user:{story.author_id}"}
    if story.visibility == "team":
        principals.add(f"team:{story.team_id}")
    return principals


def describe_story(story) -> Doc:
    occurred = dt.datetime.combine(story.occurred_on, dt.time(12), tzinfo=dt.UTC)
    return Doc(
        kind="story", id=story.id, institution_id=story.institution_id,
        team_id=story.team_id, author_id=story.author_id, occurred_at=occurred,
        title=story.title,
        texts=[story.story, story.learning, story.next_steps, story.child_voice,
               story.parent_voice],
        principals=story_principals(story),
        child_ids=[c.id for c in story.children], theme_ids=[t.id for t in story.themes],
        child_names=[c.first_name for c in story.children],
        theme_names=[t.name for t in story.themes],
    )


def register_defaults() -> None:
    """Register the kinds whose packages exist (each feature lands on its own)."""
    try:
        from observe.observations.models import Observation
    except ImportError:  # pragma: no cover - before the observations package landed
        Observation = None
    if Observation is not None and "observation" not in PROVIDERS:
        register(Provider("observation", Observation, describe_observation,
                          eager=(Observation.observed, Observation.children,
                                 Observation.themes),
                          endpoint="observations.view", id_arg="observation_id",
                          fallback_path="/observations/{id}"))
    try:
        from observe.stories.models import Story
    except ImportError:  # pragma: no cover
        Story = None
    if Story is not None and "story" not in PROVIDERS:
        register(Provider("story", Story, describe_story,
                          eager=(Story.children, Story.themes),
                          endpoint="stories.view", id_arg="story_id",
                          fallback_path="/stories/{id}"))
    _register_meetings()
    _register_related()


def _register_meetings() -> None:
    """Meeting notes and development points, visible to the meeting's team."""
    try:
        from observe.meetings import search_doc
        from observe.meetings.models import AgendaItem, DevelopmentPoint, FollowUp, Meeting
    except ImportError:  # pragma: no cover
        return
    if "meeting" not in PROVIDERS:
        register(Provider("meeting", Meeting, search_doc.describe_meeting,
                          eager=(Meeting.items, Meeting.points),
                          endpoint="meetings.view", id_arg="meeting_id",
                          fallback_path="/meetings/{id}"))
    RELATED.setdefault(AgendaItem, search_doc.item_changed)
    RELATED.setdefault(DevelopmentPoint, search_doc.point_changed)
    RELATED.setdefault(FollowUp, search_doc.follow_up_changed)


def _register_related() -> None:
    """A child's or theme's new name is searchable text of the records that name it."""
    from observe.people.models import Child, Theme

    def touched(obj) -> list:
        from sqlalchemy.orm import object_session

        session = object_session(obj)
        if session is None or obj.id is None:
            return []
        out = []
        for kind, provider in PROVIDERS.items():
            rel = getattr(provider.model, "children" if isinstance(obj, Child) else "themes",
                          None)
            if rel is None:  # e.g. meetings: no children or themes of their own
                continue
            with session.no_autoflush:
                ids = session.scalars(select(provider.model.id)
                                      .where(rel.any(id=obj.id))).all()
            out += [(kind, (rid, obj.institution_id)) for rid in ids]
        return out

    def name_changed(obj) -> list:
        from sqlalchemy import inspect

        state = inspect(obj)
        attr = "first_name" if isinstance(obj, Child) else "name"
        if state.persistent and state.attrs[attr].history.has_changes():
            return touched(obj)
        return []

    RELATED.setdefault(Child, name_changed)
    RELATED.setdefault(Theme, name_changed)
