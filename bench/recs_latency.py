"""`make bench-recs`: in-process latency of `GET /api/recommendations/recipes` at issue #12's
scale: 5,000 recipes and 1,000 users with interactions, the model trained.

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

import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import eval_recs  # noqa: E402
from discovery_seed import store_interactions  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from zerowaste.bootstrap import build_recipe_line_reader, create_app  # noqa: E402
from zerowaste.config import Settings  # noqa: E402
from zerowaste.infrastructure.db import migrate  # noqa: E402
from zerowaste.infrastructure.db.recipes import RecipeRow  # noqa: E402
from zerowaste.infrastructure.db.session import make_engine  # noqa: E402
from zerowaste.infrastructure.recipes.catalog import (  # noqa: E402
    LINES_VERSION,
    import_recipe_catalog,
    reading_with,
)

COPIES, USERS, MEASURED_USERS, REQUESTS = 10, 1000, 50, 500
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
    originals = session.scalars(select(RecipeRow).where(RecipeRow.household_id.is_(None))).all()
    for copy in range(1, COPIES):
        for row in originals:
            clone = RecipeRow(**{c.key: getattr(row, c.key) for c in RecipeRow.__table__.columns})
            clone.uid = hashlib.sha256(f"{row.uid}:{copy}".encode()).hexdigest()[:32]
            clone.title = f"{row.title} {copy}"[:200]
            session.add(clone)
    session.commit()
    return len(originals) * COPIES


def main() -> None:
    var = Path(tempfile.mkdtemp(prefix="zw-bench-recs-"))
    config = settings(var)
    engine = make_engine(config)
    migrate.upgrade(engine)
    import_recipe_catalog(
        engine, config.data_dir, reading_with(build_recipe_line_reader(config)), LINES_VERSION
    )
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
    now = datetime.now(UTC)
    with Session(engine) as session:
        store_interactions(session, signals, uids, now)
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
    timings = []
    for n in range(REQUESTS):
        headers = {"Authorization": f"Bearer {tokens[n % MEASURED_USERS]}"}
        tick = time.perf_counter()
        response = client.get("/api/recommendations/recipes", headers=headers)
        timings.append(1000 * (time.perf_counter() - tick))
        assert response.status_code == 200, response.json
    first_round = sorted(timings[:MEASURED_USERS])  # each pantry ranked for the first time
    timings.sort()
    summary = {
        "recipes": recipes,
        "users": USERS,
        "interactions": len(signals),
        "train_seconds": round(trained, 2),
        "requests": REQUESTS,
        "p50_ms": round(timings[len(timings) // 2], 1),
        "p95_ms": round(timings[int(0.95 * len(timings))], 1),
        "p99_ms": round(timings[int(0.99 * len(timings))], 1),
        "first_round_p95_ms": round(first_round[int(0.95 * len(first_round))], 1),
        "measured_at": now.isoformat(timespec="seconds"),
    }
    out = ROOT / "var" / "bench" / "recs"
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary, indent=2))  # noqa: T201
    engine.dispose()
    shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
