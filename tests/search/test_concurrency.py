"""Four server processes write at once: none fails on Whoosh's lock, none is lost."""

from __future__ import annotations

import multiprocessing

from sqlalchemy import func, select

from observe.extensions import db
from observe.observations.models import Observation
from observe.search import index, writer
from observe.search.outbox import SearchOutbox

PER_PROCESS = 15


def _worker(config: dict, author_id: int, observed_id: int, number: int) -> int:
    from observe import create_app
    from observe.observations import services
    from observe.people.models import User

    app = create_app(config)
    made = 0
    with app.app_context():
        author = db.session.get(User, author_id)
        for i in range(PER_PROCESS):
            services.create_observation(author, {
                "body": f"Proces {number} skriver observation {i} om leg i sandkassen.",
                "observed_ids": [observed_id]})
            db.session.commit()
            made += 1
        app.config["SEARCH_RETRY_PAUSED"] = True
        assert writer.drain(app) == 0  # nothing left behind by this process
        db.session.remove()
        db.engine.dispose()
    return made


def test_four_processes_index_everything(app, world):
    config = {key: app.config[key] for key in (
        "SECRET_KEY", "INSTANCE_PATH", "UPLOAD_FOLDER", "INDEX_FOLDER",
        "SQLALCHEMY_DATABASE_URI")}
    config.update({"TESTING": True, "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024})
    author_id, observed_id, institution_id = world.author.id, world.observed.id, world.inst.id
    db.session.remove()
    db.engine.dispose()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        made = pool.starmap(_worker, [(config, author_id, observed_id, n) for n in range(4)])
    assert made == [PER_PROCESS] * 4
    writer.drain(app)
    assert db.session.scalar(select(func.count()).select_from(SearchOutbox)) == 0
    in_db = db.session.scalar(select(func.count()).select_from(Observation))
    assert in_db == 4 * PER_PROCESS
    searcher = index.searcher(app, institution_id)
    assert searcher.doc_count() == in_db
    found = {hit["rid"] for hit in searcher.search(
        __import__("whoosh.query", fromlist=["Every"]).Every(), limit=None)}
    assert found == set(db.session.scalars(select(Observation.id)))
