"""In-process profile of one request kind on MariaDB + Redis (what a Gunicorn thread spends).

    .venv/bin/python bench/request_profile.py profile|list|add|consume|mix|steady|search|recs|
        recipe_lists|recipes_all|generate|list_after_write [n] [--catalog N] [--driver mysqldb]
        [--sql] [--callers PATTERN] [--callees PATTERN]

Creates a scratch database ``zw_prof`` (dropped afterwards), signs a user up, warms up, then runs
n requests under cProfile and prints the mean wall time and the top functions by own time.
--catalog N grows the recipe catalog to N recipes (bench/discovery_seed.py's copies, as the mix's
10x data does) before the app starts: the per-request cost of the catalog's size, in process.
PROF_LIMITS=0 turns the rate limiter off (an A/B of its cost).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).parents[1] / "src")]

from sqlalchemy import create_engine, text  # noqa: E402
from tests.conftest import make_settings  # noqa: E402

from zerowaste.bootstrap import build_recipe_line_reader, create_app  # noqa: E402
from zerowaste.infrastructure.db import migrate  # noqa: E402
from zerowaste.infrastructure.db.session import make_engine  # noqa: E402
from zerowaste.infrastructure.recipes.catalog import (  # noqa: E402
    LINES_VERSION,
    import_recipe_catalog,
    reading_with,
)

DB = "zw_prof"
CATALOG_KINDS = ("generate", "recipes_all", "recipe_lists", "search", "recs", "list_after_write")
MASTER = json.loads(
    (
        Path(__file__).resolve().parents[1] / "data/ingredients_allergens/ingredients.json"
    ).read_text()
)


def _seed_pantry(client: Any, headers: dict[str, str]) -> None:
    """200 stacks: 100 foods of the master, two purchases each (expiring in 2 and 40 days)."""
    names = sorted({m["name_es"] for m in MASTER})[:100]
    for days in (2, 40):
        lines = [
            {
                "name": n,
                "quantity": 1,
                "type_unit": "unidades",
                "expiration_time": days,
                "time_unit": "Días",
            }
            for n in names
        ]
        reply = client.post(
            "/api/inventory/ingredients", json={"ingredients": lines}, headers=headers
        )
        assert reply.status_code == 201, reply.json


def _read_after_writes(client: Any, headers: dict[str, str], path: str) -> Any:
    """Eat a little of one of the pantry's foods, then GET `path`: as in the mix, each read
    follows a change of one food (200 stacks over the catalog, as `generate`). The
    recommendations re-rank what uses the food; the list renders the household's items."""
    _seed_pantry(client, headers)
    items = client.get("/api/inventory", headers=headers).json["ingredients"]
    ids = [i["id"] for i in items][:20]
    counter = iter(range(10**9))

    def step() -> Any:
        n = next(counter)
        if n % 2 == 0:
            return client.post(
                f"/api/inventory/items/{ids[(n // 2) % len(ids)]}/consume",
                json={"quantity": 0.001, "unit": "unidades"},
                headers=headers,
            )
        return client.get(path, headers=headers)

    return step


def _recipe_requests(client: Any, kind: str, headers: dict[str, str]) -> Any:
    counter = iter(range(10**9))
    if kind == "search":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from search_relevance import cases

        queries = [str(c["query"]) for c in cases()]
        return lambda: client.post(
            "/api/search/semantic",
            json={"query": queries[next(counter) % len(queries)]},
            headers=headers,
        )
    if kind == "generate":
        _seed_pantry(client, headers)
        return lambda: client.post("/api/recipes/generate-from-inventory", json={}, headers=headers)
    if kind == "recs":
        return _read_after_writes(client, headers, "/api/recommendations/recipes")
    if kind == "list_after_write":
        return _read_after_writes(client, headers, "/api/inventory")
    if kind == "recipe_lists":
        _seed_pantry(client, headers)
        which = ("recommendations", "trending", "recent")
        return lambda: client.get(f"/api/recipes/all/{which[next(counter) % 3]}", headers=headers)

    def recipes_all() -> Any:
        page = next(counter) % 20 + 1
        return client.get(f"/api/recipes/all?page={page}&per_page=20", headers=headers)

    return recipes_all


def _requests(client: Any, kind: str, headers: dict[str, str]) -> Any:
    if kind in CATALOG_KINDS:
        return _recipe_requests(client, kind, headers)
    if kind in ("consume", "mix"):
        reply = client.post(
            "/api/inventory/ingredients",
            json={"ingredients": [{"name": "Arroz", "quantity": 50, "type_unit": "kg"}]},
            headers=headers,
        )
        assert reply.status_code == 201, reply.json
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

    turns = iter(range(10**9))  # its own count: add() draws from `counter` too

    def mix() -> Any:
        """What bench/lua/mix.lua sends: alternately add 1 kg ("Despensa k") and eat 5 g."""
        return add() if next(turns) % 2 else consume()

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


def _print_statements(app: Any, call: Any) -> None:
    """The statements one more request sends to the database, in order (round trips)."""
    from sqlalchemy import event

    from zerowaste.bootstrap import ENGINE_EXTENSION

    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(" ".join(statement.split())[:160])

    def commit(_conn: Any) -> None:
        statements.append("COMMIT")

    engine = app.extensions[ENGINE_EXTENSION]
    event.listen(engine, "before_cursor_execute", record)
    event.listen(engine, "commit", commit)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", record)
        event.remove(engine, "commit", commit)
    for number, statement in enumerate(statements, 1):
        print(f"{number:2d}. {statement}")


def _time_collections() -> dict[int, list[float]]:
    """Count and time the cyclic garbage collector's passes, per generation, from now on."""
    totals: dict[int, list[float]] = {}
    started: list[float] = [0.0]

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
            return
        kept = totals.setdefault(info["generation"], [0, 0.0])
        kept[0] += 1
        kept[1] += (time.perf_counter() - started[0]) * 1000

    gc.callbacks.append(timed)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind")
    parser.add_argument("n", type=int, nargs="?", default=500)
    parser.add_argument("--driver", default="mysqldb")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--catalog", type=int, default=0, help="grow the catalog to N recipes")
    parser.add_argument("--callers", help="print who calls functions matching this pattern")
    parser.add_argument("--callees", help="print what functions matching this pattern call")
    parser.add_argument(
        "--sql", action="store_true", help="print the SQL statements of one request and stop"
    )
    parser.add_argument(
        "--broker",
        default=None,
        help="CELERY_BROKER_URL: jobs are queued for a worker instead of run inline",
    )
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
                ratelimit_enabled=os.environ.get("PROF_LIMITS", "1") == "1",
                ratelimit_default="1000000/minute",
                ratelimit_ai_generation="1000000/minute",
                ratelimit_ai_recognition="1000000/minute",
                celery_broker_url=args.broker,
            )
            engine = make_engine(settings)
            migrate.upgrade(engine)
            if args.kind in CATALOG_KINDS:
                reader = reading_with(build_recipe_line_reader(settings))
                import_recipe_catalog(engine, settings.data_dir, reader, LINES_VERSION)
                if args.catalog:
                    sys.path.insert(0, str(Path(__file__).resolve().parent))
                    from discovery_seed import synthesize

                    synthesize(engine.url.render_as_string(hide_password=False), args.catalog)
            if args.kind == "search":
                from zerowaste.bootstrap.adapters import search_indexer
                from zerowaste.infrastructure.clock import SystemClock
                from zerowaste.infrastructure.db.session import make_session_factory

                search_indexer(make_session_factory(engine), SystemClock(), {})[0].build()
            engine.dispose()
            app = create_app(settings)
            client = app.test_client()
            token = client.post("/api/auth/guest", json={}).json["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            call = _requests(client, args.kind, headers)
            for _ in range(min(100, args.n)):
                answer = call()
                assert answer.status_code < 300, answer.json
            collected = _time_collections()
            times = []
            cpu_started = time.process_time()
            for _ in range(args.n):
                started = time.perf_counter()
                call()
                times.append((time.perf_counter() - started) * 1000)
            cpu = (time.process_time() - cpu_started) * 1000 / args.n
            gc_report = ", ".join(
                f"gen{g} {n} x, {ms:.1f} ms" for g, (n, ms) in sorted(collected.items())
            )
            if args.sql:
                _print_statements(app, call)
                return
            plain = statistics.fmean(times)
            cuts = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.n):
                call()
            profiler.disable()
            print(f"{args.kind}: {plain:.2f} ms per request without the profiler, {cpu:.2f} ms CPU")
            print(
                f"  p50 {cuts[49]:.1f}  p95 {cuts[94]:.1f}  p99 {cuts[98]:.1f} ms ({args.n} calls)"
            )
            full = time.perf_counter()
            gc.collect()
            full_ms = (time.perf_counter() - full) * 1000
            tracked = len(gc.get_objects())
            print(f"  garbage collections: {gc_report or 'none'}; a full one now: {full_ms:.1f} ms")
            print(f"  ({tracked} objects tracked)")
            stats = pstats.Stats(profiler).sort_stats("tottime")
            stats.print_stats(args.top)
            stats.sort_stats("cumulative").print_stats(60)
            if args.callers:
                stats.print_callers(args.callers)
            if args.callees:
                stats.print_callees(args.callees)
    finally:
        with server.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {DB}"))


if __name__ == "__main__":
    main()
