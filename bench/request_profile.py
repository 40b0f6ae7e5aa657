"""In-process profile of one request kind on MariaDB + Redis (what a Gunicorn thread spends).

    .venv/bin/python bench/request_profile.py profile|add|consume|list [n] [--driver mysqldb]

Creates a scratch database ``zw_prof`` (dropped afterwards), signs a user up, warms up, then runs
n requests under cProfile and prints the mean wall time and the top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).parents[1] / "src")]

from sqlalchemy import create_engine, text  # noqa: E402
from tests.conftest import make_settings  # noqa: E402

from zerowaste.bootstrap import create_app  # noqa: E402
from zerowaste.infrastructure.db import migrate  # noqa: E402
from zerowaste.infrastructure.db.session import make_engine  # noqa: E402

DB = "zw_prof"


def _requests(client: Any, kind: str, headers: dict[str, str]) -> Any:
    if kind in ("consume", "mix"):
        reply = client.post(
            "/api/inventory/ingredients",
            json={"ingredients": [{"name": "Arroz", "quantity": 500, "type_unit": "kg"}]},
            headers=headers,
        )
        item_id = reply.json["ingredients"][0]["id"]
    counter = iter(range(10**9))
    pantry: dict[int, int] = {}  # "Despensa k" -> its item id, for the steady mix

    def profile() -> Any:
        return client.get("/api/user/profile", headers=headers)

    def listing() -> Any:
        return client.get("/api/inventory", headers=headers)

    def add() -> Any:
        name = f"Despensa {next(counter) % 10:02d}"
        line = {"name": name, "quantity": 1, "type_unit": "kg"}
        return client.post(
            "/api/inventory/ingredients", json={"ingredients": [line]}, headers=headers
        )

    def consume() -> Any:
        return client.post(
            f"/api/inventory/items/{item_id}/consume",
            json={"quantity": 5, "unit": "g"},
            headers=headers,
        )

    def mix() -> Any:
        return add() if next(counter) % 2 else consume()

    def steady() -> Any:
        """Add 1 kg to "Despensa k", then eat 1 kg of it: items keep the stacks they had."""
        step = next(counter)
        k = (step // 2) % 10
        if step % 2 == 0:
            line = {"name": f"Despensa {k:02d}", "quantity": 1, "type_unit": "kg"}
            reply = client.post(
                "/api/inventory/ingredients", json={"ingredients": [line]}, headers=headers
            )
            pantry[k] = reply.json["ingredients"][0]["id"]
            return reply
        return client.post(
            f"/api/inventory/items/{pantry[k]}/consume",
            json={"quantity": 1, "unit": "kg"},
            headers=headers,
        )

    return {
        "profile": profile,
        "list": listing,
        "add": add,
        "consume": consume,
        "mix": mix,
        "steady": steady,
    }[kind]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind")
    parser.add_argument("n", type=int, nargs="?", default=500)
    parser.add_argument("--driver", default="mysqldb")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--callers", help="print who calls functions matching this pattern")
    args = parser.parse_args()
    server = create_engine("mysql+pymysql://root@127.0.0.1:3306")
    with server.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {DB}"))
        conn.execute(text(f"CREATE DATABASE {DB} CHARACTER SET utf8mb4"))
    try:
        with tempfile.TemporaryDirectory() as directory:
            settings = make_settings(
                Path(directory),
                database_url=f"mysql+{args.driver}://root@127.0.0.1:3306/{DB}?charset=utf8mb4",
                redis_url="redis://127.0.0.1:6379/14",
                env="development",
                ratelimit_enabled=True,
                ratelimit_default="1000000/minute",
            )
            engine = make_engine(settings)
            migrate.upgrade(engine)
            engine.dispose()
            app = create_app(settings)
            client = app.test_client()
            token = client.post("/api/auth/guest", json={}).json["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            call = _requests(client, args.kind, headers)
            for _ in range(100):
                assert call().status_code < 300
            started = time.perf_counter()
            for _ in range(args.n):
                call()
            plain = (time.perf_counter() - started) * 1000 / args.n
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.n):
                call()
            profiler.disable()
            print(f"{args.kind}: {plain:.2f} ms per request without the profiler")
            stats = pstats.Stats(profiler).sort_stats("tottime")
            stats.print_stats(args.top)
            stats.sort_stats("cumulative").print_stats(60)
            if args.callers:
                stats.print_callers(args.callers)
    finally:
        with server.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {DB}"))


if __name__ == "__main__":
    main()
