"""`make bench-recs`: in-process latency of `GET /api/recommendations/recipes` at issue #12's
scale: 5,000 recipes and 1,000 users with interactions, the model trained.

    .venv/bin/python bench/recs_latency.py [recipes|ingredients|similar] [--keep DIR]

`ingredients` measures `GET /api/recommendations/ingredients` (the same 50 users), `similar`
`GET /api/recommendations/recipe/<uid>` (200 catalog recipes, each asked by one of the 50 users
in turn; the catalog's vectors are computed first, `zerowaste search-index`, and copied with the
recipes). Besides the wall-clock percentiles it prints the process's CPU per request
(`cpu_ms_per_request`, the figure a busy machine disturbs least). `--keep DIR` seeds DIR once
and reuses it on later runs (compare two versions of the code on the same data).

The 501 catalog recipes are copied to 5,010 (copies get new uids and a numbered title: they
count as near-duplicates of each other, which the answer must also drop); 1,000 users sign up
through the API; the seeded generator of bench/eval_recs.py gives them ~20,000 interactions
(stored as feedback and views); 50 of them get 12 stock items, some expiring within 3 days; the
nightly training runs once. Then requests from those 50 users go through the Flask test client
(routing, JWT, SQL on SQLite, the service, marshmallow), one after another, and the wall-clock
p50/p95/p99 are printed and written to var/bench/recs/summary.json, with the p95 of the first
round (each user's stock ranked for the first time; later requests reuse that ranking until the
stock or the day changes). This measures the code
path, not Gunicorn or Nginx (`make bench` does those for the other endpoints).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import eval_recs  # noqa: E402
from discovery_seed import store_interactions  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from zerowaste.bootstrap import build_recipe_line_reader, create_app  # noqa: E402
from zerowaste.bootstrap.adapters import search_indexer  # noqa: E402
from zerowaste.config import Settings  # noqa: E402
from zerowaste.infrastructure.clock import SystemClock  # noqa: E402
from zerowaste.infrastructure.db import migrate  # noqa: E402
from zerowaste.infrastructure.db.recipes import RecipeRow  # noqa: E402
from zerowaste.infrastructure.db.search import RecipeEmbeddingRow  # noqa: E402
from zerowaste.infrastructure.db.session import make_engine, make_session_factory  # noqa: E402
from zerowaste.infrastructure.recipes.catalog import (  # noqa: E402
    LINES_VERSION,
    import_recipe_catalog,
    reading_with,
)

COPIES, USERS, MEASURED_USERS, REQUESTS, SIMILAR = 10, 1000, 50, 500, 200
ENDPOINTS = ("recipes", "ingredients", "similar")
FOODS = ["Espinaca", "Tomate", "Huevo", "Pollo", "Cebolla", "Arroz", "Leche", "Queso"]
FOODS += ["Zanahoria", "Papa", "Frijol", "Aguacate"]


def settings(var: Path) -> Settings:
    return Settings(
        env="testing",  # fast password hashing for the 1,000 sign-ups
        database_url=f"sqlite:///{var / 'recs.db'}",
        jwt_secret_key="bench-secret-" + "x" * 40,
        data_dir=ROOT / "data",
        var_dir=var,
        ratelimit_enabled=False,
        log_json=False,
        log_level="WARNING",
    )


def scale_catalog(session: Session) -> int:
    """Copies of the catalog's recipes (numbered titles, new uids) and of their vectors."""
    originals = session.scalars(select(RecipeRow).where(RecipeRow.household_id.is_(None))).all()
    vectors = {v.recipe_uid: v for v in session.scalars(select(RecipeEmbeddingRow))}
    for copy in range(1, COPIES):
        for row in originals:
            clone = RecipeRow(**{c.key: getattr(row, c.key) for c in RecipeRow.__table__.columns})
            clone.uid = hashlib.sha256(f"{row.uid}:{copy}".encode()).hexdigest()[:32]
            clone.title = f"{row.title} {copy}"[:200]
            session.add(clone)
            vector = vectors.get(row.uid)
            if vector is not None:
                columns = RecipeEmbeddingRow.__table__.columns
                copied = RecipeEmbeddingRow(**{c.key: getattr(vector, c.key) for c in columns})
                copied.recipe_uid = clone.uid
                session.add(copied)
        session.flush()
    session.commit()
    return len(originals) * COPIES


def seed(var: Path, config: Settings) -> dict[str, Any]:
    """The catalog (and its vectors) at 5,000 recipes, 1,000 users, their interactions, stock
    for the measured users, the model trained; what the measurement needs, also kept in
    var/seed.json."""
    engine = make_engine(config)
    migrate.upgrade(engine)
    import_recipe_catalog(
        engine, config.data_dir, reading_with(build_recipe_line_reader(config)), LINES_VERSION
    )
    indexer, _, _ = search_indexer(make_session_factory(engine), SystemClock(), {})
    indexer.build()
    with Session(engine) as session:
        recipes = scale_catalog(session)
    app = create_app(config)
    client = app.test_client()
    tokens, uids = [], []
    for n in range(USERS):
        body = client.post(
            "/api/auth/signup",
            json={"email": f"bench-{n}@example.com", "password": "correct-horse-9", "name": "B"},
        ).json
        tokens.append(body["access_token"])
        uids.append(body["user"]["uid"])
    signals = eval_recs.generate(eval_recs.catalog(), USERS, 12)
    with Session(engine) as session:
        store_interactions(session, signals, uids, datetime.now(UTC))
        catalog = select(RecipeRow.uid).where(RecipeRow.household_id.is_(None)).limit(SIMILAR + 1)
        similar = list(session.scalars(catalog.order_by(RecipeRow.uid)))
    rng = random.Random(7)
    for token in tokens[:MEASURED_USERS]:
        lines = [
            {
                "name": f,
                "quantity": 2,
                "type_unit": "unidades",
                "storage_type": "Refrigerado",
                "expiration_time": rng.randint(1, 20),
                "time_unit": "Días",
            }
            for f in FOODS
        ]
        client.post(
            "/api/inventory/ingredients",
            json={"ingredients": lines},
            headers={"Authorization": f"Bearer {token}"},
        )
    with app.app_context():
        started = time.perf_counter()
        app.extensions["zerowaste.services"].recommendations.retrain()
        trained = time.perf_counter() - started
    seeded = {
        "train_seconds": round(trained, 2),
        "recipes": recipes,
        "interactions": len(signals),
        "tokens": tokens[:MEASURED_USERS],
        "similar": similar,
    }
    (var / "seed.json").write_text(json.dumps(seeded))
    engine.dispose()
    return seeded


def targets(endpoint: str, seeded: dict[str, Any]) -> list[str]:
    if endpoint == "similar":
        return [f"/api/recommendations/recipe/{uid}" for uid in seeded["similar"]]
    return [f"/api/recommendations/{endpoint}"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("endpoint", nargs="?", default="recipes", choices=ENDPOINTS)
    parser.add_argument("--keep", type=Path, help="seed this directory once, reuse it after")
    args = parser.parse_args()
    var = args.keep or Path(tempfile.mkdtemp(prefix="zw-bench-recs-"))
    var.mkdir(parents=True, exist_ok=True)
    config = settings(var)
    done = var / "seed.json"
    seeded = json.loads(done.read_text()) if done.exists() else seed(var, config)
    app = create_app(config)
    client = app.test_client()
    tokens, paths = seeded["tokens"], targets(args.endpoint, seeded)
    warm = {"Authorization": f"Bearer {tokens[-1]}"}
    warm_path = targets(args.endpoint, {"similar": seeded["similar"][-1:]})[0]
    assert client.get(warm_path, headers=warm).status_code == 200  # loads the indexes
    paths = paths[:-1] if args.endpoint == "similar" else paths
    timings: list[float] = []
    first = len(paths) if args.endpoint == "similar" else len(tokens)
    first_cpu = 0.0
    cpu_started = time.process_time()
    for n in range(REQUESTS):
        headers = {"Authorization": f"Bearer {tokens[n % len(tokens)]}"}
        tick = time.perf_counter()
        response = client.get(paths[n % len(paths)], headers=headers)
        timings.append(1000 * (time.perf_counter() - tick))
        assert response.status_code == 200, response.json
        if n + 1 == first:
            first_cpu = 1000 * (time.process_time() - cpu_started) / first
    cpu = 1000 * (time.process_time() - cpu_started) / REQUESTS
    first_round = sorted(timings[:first])  # each pantry (or recipe) asked the first time
    timings.sort()
    summary = {
        "endpoint": args.endpoint,
        "recipes": seeded["recipes"],
        "users": USERS,
        "interactions": seeded["interactions"],
        "train_seconds": seeded["train_seconds"],
        "requests": REQUESTS,
        "cpu_ms_per_request": round(cpu, 2),
        "first_round_cpu_ms_per_request": round(first_cpu, 2),
        "p50_ms": round(timings[len(timings) // 2], 1),
        "p95_ms": round(timings[int(0.95 * len(timings))], 1),
        "p99_ms": round(timings[int(0.99 * len(timings))], 1),
        "first_round_p95_ms": round(first_round[int(0.95 * len(first_round))], 1),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    out = ROOT / "var" / "bench" / "recs"
    out.mkdir(parents=True, exist_ok=True)
    name = "summary.json" if args.endpoint == "recipes" else f"{args.endpoint}.json"
    (out / name).write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))  # noqa: T201
    if args.keep is None:
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
