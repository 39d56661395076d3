"""Search benchmark: a synthetic Danish daycare corpus through the app's own code.

    .venv/bin/python bench/search.py            # 20,000 records (~2-3 minutes)
    .venv/bin/python bench/search.py --docs 100000
    .venv/bin/python bench/search.py --docs 20000 --institutions 10   # a deployment

Records are inserted through the ORM (so the outbox listeners queue them exactly as in
production), then the outbox is drained by the app's writer (``build_seconds``). Searches
go through ``observe.search.search`` as a random staff member: permission filter, facet
counts over the whole result and highlighted snippets included. ``add_to_searchable``
is a service call + commit (which drains) until the record is found by a search.
``rebuild_seconds`` is ``observe.search.rebuild`` (what ``observe reindex`` runs).
Searches start after ``observe.search.warm_up`` (what a server process runs in the
background from its first request: the lemmatiser's dictionary and the searchers).
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = """barn børn børnene leg leger legede legen lege klods klodser klodserne bygge bygger
byggede tårn sandkasse sandkassen samling samlingen frokost frokosten garderobe
garderoben udeliv overgang overgangen aflevering afleveringen konflikt konflikter
konflikten venskab venner ven sprog sproget ord ordene sang sange synger sang rim regler
grænser hjælpe hjælper hjalp trøste trøstede vente ventede venter tur turen skov skoven
bål bålet regn regnvejr mudder vand spand spande skovl gynge gyngen cykel cykler cyklede
løbe løber løb kravle kravler kravlede klatre klatrer klatrede male maler malede tegne
tegner tegnede bog bøger læse læser læste fortælle fortæller fortalte lytte lytter
lyttede spørge spørger spurgte svare svarer svarede pædagog pædagogen voksen voksne
kollega kollegaen stue stuen gruppe gruppen fællesskab læringsfællesskab nysgerrig
nysgerrighed mod modig glad glæde ked vred frustreret tryg tryghed opmærksom
opmærksomhed rolig roligt hurtigt langsomt sammen alene selv først bagefter igen stadig
pludselig forsigtigt""".split()  # noqa: SIM905
FILL = """og så hun han de vi det den en et med på i til af om ved for som""".split()  # noqa: SIM905
NAMES = ["Sofie", "Malik", "Ida", "Noah", "Emma", "Oscar", "Freja", "Aksel", "Alma",
         "Karl", "Ella", "Victor", "Clara", "William", "Agnes", "Lucas"]
QUERIES = ["leg", "leger", "legede", "klodser", "byggede tårn", "frokost konflikt",
           "børnene", "barn", "garderoben", "overgang", "trøstede", "sandkassen spande",
           "venner leg", "sprog", "sang rim", "skoven bål", "ventede", "cyklede",
           "nysgerrig", "læringsfællesskab", "fortalte", "spurgte", "mudder regnvejr",
           "klatrede gyngen", "tryghed", "malede", "lytter", "hjalp", "løb", "samlingen"]


def text(rng, n):
    return " ".join(rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(FILL)
                    for _ in range(n)).capitalize() + "."


def pct(values, p):
    values = sorted(values)
    if not values:
        return None
    return round(values[min(len(values) - 1, int(len(values) * p / 100))], 1)


def populate(rng, docs: int, number: int) -> int:
    """One institution with 4 teams, 40 staff, 120 children, 6 themes and ``docs``
    records (2/3 observations, 1/3 stories), inserted through the ORM with the outbox
    listeners on. Returns the institution id."""
    from observe.extensions import db
    from observe.observations.models import Observation
    from observe.people.models import Child, Institution, Team, Theme, User
    from observe.stories.models import Story

    inst = Institution(name=f"Børnehuset Bench {number}")
    db.session.add(inst)
    db.session.flush()
    teams = [Team(institution_id=inst.id, name=f"Stue {i}") for i in range(4)]
    db.session.add_all(teams)
    db.session.flush()
    users = [User(institution_id=inst.id, email=f"u{i}.{number}@bench.dk",
                  name=f"Pædagog {i}", teams=[teams[i % 4]]) for i in range(40)]
    children = [Child(institution_id=inst.id, team_id=teams[i % 4].id,
                      first_name=NAMES[i % len(NAMES)], last_initial="B")
                for i in range(120)]
    themes = [Theme(institution_id=inst.id, name=n, position=i) for i, n in enumerate(
        ["Alsidig personlig udvikling", "Social udvikling", "Kommunikation og sprog",
         "Krop, sanser og bevægelse", "Natur, udeliv og science",
         "Kultur, æstetik og fællesskab"])]
    db.session.add_all(users + children + themes)
    db.session.commit()
    now = dt.datetime.now(dt.UTC)
    for start in range(0, docs, 1000):
        for i in range(start, min(start + 1000, docs)):
            team_no = rng.randrange(4)
            author = users[team_no + 4 * rng.randrange(10)]
            kids = rng.sample(children[team_no::4], rng.randint(0, 3))
            picked = rng.sample(themes, rng.randint(0, 2))
            when = now - dt.timedelta(days=rng.randrange(720), minutes=rng.randrange(600))
            if i % 3:
                other = rng.choice([u for u in users if u is not author])
                vis = rng.choices(["team", "observed", "private"], [6, 3, 1])[0]
                db.session.add(Observation(
                    institution_id=inst.id, author_id=author.id, team_id=teams[team_no].id,
                    occurred_at=when, body=text(rng, rng.randint(40, 200)),
                    wonderings=text(rng, rng.randint(0, 50)), visibility=vis,
                    observed=[other], children=kids, themes=picked))
            else:
                db.session.add(Story(
                    institution_id=inst.id, author_id=author.id, team_id=teams[team_no].id,
                    occurred_on=when.date(), title=text(rng, 4)[:-1],
                    story=text(rng, rng.randint(40, 200)), learning=text(rng, 30),
                    visibility=rng.choices(["team", "private"], [7, 3])[0],
                    children=kids or [children[team_no]], themes=picked))
        db.session.commit()
    return inst.id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20_000, help="records per institution")
    parser.add_argument("--institutions", type=int, default=1,
                        help="institutions (each its own index) of --docs records each; "
                        "searches sample viewers of all of them, add and rebuild use the first")
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", help="work in this folder (kept afterwards) instead of a "
                        "fresh temporary one")
    parser.add_argument("--reuse", action="store_true", help="with --dir: keep the records "
                        "of an earlier run (same --docs/--institutions) and only rebuild the "
                        "indexes from scratch")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.dir:
        tmp = Path(args.dir)
        tmp.mkdir(parents=True, exist_ok=True)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="observe-bench-"))

    from sqlalchemy import select

    from observe import create_app
    from observe import search as search_pkg
    from observe.extensions import db
    from observe.observations import services as obs_services
    from observe.people.models import User
    from observe.search import outbox, writer

    app = create_app({
        "SECRET_KEY": "bench", "INSTANCE_PATH": str(tmp), "UPLOAD_FOLDER": str(tmp / "up"),
        "INDEX_FOLDER": str(tmp / "index"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.db'}"})
    with app.app_context():
        reuse = args.reuse and (tmp / "bench.db").exists()
        db.create_all()
        if reuse:
            from observe.people.models import Institution

            institutions = list(db.session.scalars(select(Institution.id)
                                                   .order_by(Institution.id)))
            shutil.rmtree(tmp / "index", ignore_errors=True)
            for _n in range(args.institutions):  # the same random stream as populate
                rng.random()
        else:
            # Insert through the ORM with the outbox listeners on; drain only at the end.
            real_drain = outbox._drain
            outbox._drain = lambda app: None
            institutions = [populate(rng, args.docs, n) for n in range(args.institutions)]
            outbox._drain = real_drain
        inst_id = institutions[0]
        started = time.perf_counter()
        if reuse:  # what a missing index at start gets: the background rebuild
            for number in institutions:
                writer.start_rebuild(app, number)
        else:
            # A fresh institution this big is built by the background rebuild the first
            # drain starts (a small one is built inline); both are the app's own path.
            writer.drain(app, wait=60)
        writer.wait_idle(app, timeout=3600)
        left = writer.drain(app, wait=60)
        build = time.perf_counter() - started
        assert left == 0, left

        # What the first request of a server process starts in the background.
        started = time.perf_counter()
        search_pkg.warm_up(app)
        warm = time.perf_counter() - started

        db.session.expunge_all()
        viewers = list(db.session.scalars(db.select(User).order_by(User.id)))
        timings, totals = [], []
        for i in range(args.searches):
            q = " ".join(rng.sample(QUERIES, rng.choice([1, 1, 2])))
            q = " ".join(q.split()[:3])
            viewer = rng.choice(viewers)
            kwargs = {"sort": "newest"} if i % 5 == 0 else {}
            t = time.perf_counter()
            result = search_pkg.search(viewer, q, **kwargs)
            timings.append((time.perf_counter() - t) * 1000)
            totals.append(result.total)

        first = [v for v in viewers if v.institution_id == inst_id]
        author, observed = first[0], first[4]
        adds = []
        for i in range(30):
            word = f"zqmarker{i}x"
            t = time.perf_counter()
            obs_services.create_observation(author, {"body": f"Ny observation {word} om leg.",
                                                     "observed_ids": [observed.id]})
            db.session.commit()
            while search_pkg.search(author, word).total == 0:
                if time.perf_counter() - t > 10:
                    raise SystemExit("add never became searchable")
            adds.append((time.perf_counter() - t) * 1000)

        started = time.perf_counter()
        rebuilt = search_pkg.rebuild(inst_id)
        rebuild = time.perf_counter() - started
        print(json.dumps({
            "docs": args.docs, "institutions": args.institutions,
            "indexed_after_rebuild": rebuilt,
            "build_seconds": round(build, 1), "warm_up_seconds": round(warm, 2),
            "search_p50_ms": pct(timings, 50), "search_p95_ms": pct(timings, 95),
            "search_p99_ms": pct(timings, 99),
            "mean_hits": round(statistics.mean(totals)) if totals else 0,
            "add_to_searchable_p95_ms": pct(adds, 95),
            "rebuild_seconds": round(rebuild, 1),
        }))


if __name__ == "__main__":
    main()
