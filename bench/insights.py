"""Benchmark: the team insights page on an institution with 5 years of records.

Generates (with bulk inserts, in a temporary SQLite file unless ``DATABASE_URL`` is
given) one institution with 6 teams, 60 staff, 300 children and about 50,000
observations and learning stories over five years, then requests the insights page of
one team through the Flask test client for the last 90 days and for a whole school
year, and prints one JSON line with the server times in milliseconds.

    .venv/bin/python bench/insights.py [--records 50000] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from observe import create_app  # noqa: E402
from observe.auth.passwords import hash_password  # noqa: E402
from observe.extensions import db  # noqa: E402
from observe.observations.models import (  # noqa: E402
    Observation,
    observation_children,
    observation_observed,
    observation_themes,
)
from observe.people import services as people  # noqa: E402
from observe.people.models import Child, Team, Theme, User, team_members  # noqa: E402
from observe.stories.models import Story, story_children, story_themes  # noqa: E402

PASSWORD = "bench-password-1"
DAYS = 5 * 365


def generate(records: int, rng: random.Random) -> tuple[str, int]:
    inst = people.get_or_create_institution("Bench Børnehus", "daycare")
    db.session.flush()
    teams = [Team(institution_id=inst.id, name=f"Stue {i}") for i in range(6)]
    db.session.add_all(teams)
    db.session.flush()
    hashed = hash_password(PASSWORD)
    users = [User(institution_id=inst.id, email=f"p{i}@bench.dk", name=f"Pædagog {i:02d}",
                  password_hash=hashed, role="staff") for i in range(60)]
    db.session.add_all(users)
    db.session.flush()
    db.session.execute(insert(team_members), [
        {"team_id": teams[i % 6].id, "user_id": u.id} for i, u in enumerate(users)])
    children = [Child(institution_id=inst.id, team_id=teams[i % 6].id, first_name=f"Barn{i}",
                      last_initial="B", photo_consent="internal", active=i % 17 != 0)
                for i in range(300)]
    db.session.add_all(children)
    db.session.flush()
    themes = [t.id for t in db.session.query(Theme).filter_by(institution_id=inst.id)]
    by_team = {t.id: ([u.id for u in users if u.id % 6 == t.id % 6] or [users[0].id],
                      [c.id for c in children if c.team_id == t.id]) for t in teams}
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    half = records // 2
    obs_rows, story_rows = [], []
    for i in range(half):
        team = teams[i % 6]
        staff, _kids = by_team[team.id]
        when = now - dt.timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(600))
        obs_rows.append({"institution_id": inst.id, "author_id": rng.choice(staff),
                         "team_id": team.id, "occurred_at": when, "body": "Under samlingen…",
                         "visibility": rng.choice(("team", "team", "observed", "private")),
                         "created_at": when, "updated_at": when})
        day = today - dt.timedelta(days=rng.randrange(DAYS))
        story_rows.append({"institution_id": inst.id, "author_id": rng.choice(staff),
                           "team_id": team.id, "occurred_on": day, "title": "Tårnet",
                           "story": "Hun byggede et tårn.", "next_steps": "Flere klodser",
                           "next_steps_done": rng.random() < .5,
                           "visibility": rng.choice(("team", "team", "private")),
                           "created_at": now, "updated_at": now})
    for chunk in range(0, half, 5000):
        db.session.execute(insert(Observation), obs_rows[chunk:chunk + 5000])
        db.session.execute(insert(Story), story_rows[chunk:chunk + 5000])
    db.session.flush()
    obs_ids = [r[0] for r in db.session.query(Observation.id, Observation.team_id)]
    obs_team = dict(db.session.query(Observation.id, Observation.team_id))
    story_team = dict(db.session.query(Story.id, Story.team_id))
    links = {"ot": [], "oo": [], "oc": [], "st": [], "sc": []}
    for oid in obs_ids:
        staff, kids = by_team[obs_team[oid]]
        links["ot"].append({"observation_id": oid, "theme_id": rng.choice(themes)})
        links["oo"].append({"observation_id": oid, "user_id": rng.choice(staff)})
        if kids:
            links["oc"].append({"observation_id": oid, "child_id": rng.choice(kids)})
    for sid, tid in story_team.items():
        _staff, kids = by_team[tid]
        for theme in set(rng.sample(themes, 2)):
            links["st"].append({"story_id": sid, "theme_id": theme})
        if kids:
            links["sc"].append({"story_id": sid, "child_id": rng.choice(kids)})
    for table, key in ((observation_themes, "ot"), (observation_observed, "oo"),
                       (observation_children, "oc"), (story_themes, "st"),
                       (story_children, "sc")):
        rows = links[key]
        for chunk in range(0, len(rows), 10000):
            db.session.execute(insert(table), rows[chunk:chunk + 10000])
    db.session.commit()
    return users[0].email, teams[0].id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="observe-bench-"))
    url = args.database_url or f"sqlite:///{tmp / 'bench.db'}"
    app = create_app({"SECRET_KEY": "bench", "INSTANCE_PATH": str(tmp / "instance"),
                      "UPLOAD_FOLDER": str(tmp / "uploads"), "INDEX_FOLDER": str(tmp / "index"),
                      "SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": False,
                      "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024})
    with app.app_context():
        db.create_all()
        started = time.perf_counter()
        email, team_id = generate(args.records, random.Random(7))
        generated_s = time.perf_counter() - started
        # Bulk-inserted rows bypass the search outbox on purpose: the page is measured.
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    timings = {}
    for label, query in (("90d", "period=90d"), ("school_year", "period=year"),
                         ("five_years", f"period=custom&from="
                          f"{(dt.date.today() - dt.timedelta(days=DAYS)).isoformat()}")):
        url_path = f"/insights/teams/{team_id}?{query}"
        assert client.get(url_path).status_code == 200  # warm-up
        runs = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            assert client.get(url_path).status_code == 200
            runs.append((time.perf_counter() - t0) * 1000)
        timings[label] = round(statistics.median(runs), 1)
    print(json.dumps({"bench": "insights_team_page", "records": args.records,
                      "database": url.split(":", 1)[0], "generate_s": round(generated_s, 1),
                      "median_ms": timings, "runs": args.runs}))


if __name__ == "__main__":
    main()
