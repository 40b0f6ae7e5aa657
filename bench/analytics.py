"""Analytics at scale (issue #11 §5): one household with two years of journal (~20k rows),
cooks, food log and savings on MariaDB; each JSON report timed in-process through the Flask
test client (JWT check, SQL, folding, schema dump), p50/p95 per report and window.

    .venv/bin/python bench/analytics.py [runs]      (BENCH_MYSQL_URL overrides the server)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.api.analytics.seed import Owner  # noqa: E402

from zerowaste.bootstrap import create_app  # noqa: E402
from zerowaste.config import Settings  # noqa: E402
from zerowaste.infrastructure.db import migrate  # noqa: E402
from zerowaste.infrastructure.db.session import make_engine  # noqa: E402

SERVER = os.environ.get("BENCH_MYSQL_URL", "mysql+pymysql://root@127.0.0.1:3306")
DAYS = 730
JOURNAL_ROWS = 20_000
REPORTS = (
    "cooking-patterns",
    "ingredient-usage",
    "waste-reduction",
    "nutritional-trends",
    "sustainability",
)
WINDOWS = (
    {"period": "30d"},
    {"period": "365d", "granularity": "week"},
    {"period": "all", "granularity": "month"},
)
REASONS = ("consumed", "consumed", "cooked", "wasted", "expired")
UNITS = (("g", 50, 800), ("kg", 1, 3), ("unit", 1, 6), ("ml", 100, 1000), ("l", 1, 2))


def seed(owner: Owner, rng: random.Random) -> None:
    items = [owner.item(f"item-{n}", f"category-{n % 12}") for n in range(60)]
    entries = []
    for _ in range(JOURNAL_ROWS):
        unit, low, high = rng.choice(UNITS)
        n = rng.randrange(len(items))
        entries.append(
            (rng.randrange(DAYS), rng.choice(REASONS), f"item-{n}", str(rng.randint(low, high)),
             unit, items[n])
        )  # fmt: skip
    for start in range(0, len(entries), 2000):
        owner.journal(*entries[start : start + 2000])
    owner.cooks(*[(rng.randrange(DAYS), f"r{rng.randrange(80)}", "Receta") for _ in range(1500)])
    owner.food_log(*[(ago, 600.0, 30.0, 20.0, 70.0) for ago in range(DAYS) for _ in range(3)])
    owner.savings(*[(rng.randrange(DAYS), 1.2, 300.0, 45.0, True) for _ in range(700)])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(runs: int) -> None:
    name = f"zw_bench_analytics_{uuid.uuid4().hex[:6]}"
    server = create_engine(SERVER)
    with server.connect() as conn:
        conn.execute(
            text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        )
    try:
        with tempfile.TemporaryDirectory() as var:
            settings = Settings(
                env="testing", database_url=f"{SERVER}/{name}", jwt_secret_key="b" * 48,
                var_dir=Path(var), ratelimit_enabled=False, log_json=False, log_level="WARNING",
            )  # fmt: skip
            engine = make_engine(settings)
            migrate.upgrade(engine)
            engine.dispose()
            app = create_app(settings)
            owner = Owner(app)
            seed(owner, random.Random(11))
            measure(app, owner, runs)
            app.extensions["zerowaste.engine"].dispose()
    finally:
        with server.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        server.dispose()


def measure(app: object, owner: Owner, runs: int) -> None:
    client = app.test_client()  # type: ignore[attr-defined]
    print(f"{'report':<20} {'window':<28} {'p50 ms':>7} {'p95 ms':>7}")  # noqa: T201
    for report in REPORTS:
        for window in WINDOWS:
            url = f"/api/analytics/{report}"
            for _ in range(3):
                assert (
                    client.get(url, query_string=window, headers=owner.headers).status_code == 200
                )
            times = []
            for _ in range(runs):
                began = time.perf_counter()
                client.get(url, query_string=window, headers=owner.headers)
                times.append((time.perf_counter() - began) * 1000)
            label = ",".join(f"{k}={v}" for k, v in window.items())
            print(  # noqa: T201
                f"{report:<20} {label:<28} {statistics.median(times):7.1f} "
                f"{percentile(times, 0.95):7.1f}"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
