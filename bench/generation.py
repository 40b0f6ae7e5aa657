"""`make bench-generation`: issue #9's target served as deployed: local recipe generation from a
200-stack inventory over the 500-recipe catalog under 200 ms p95 (POST
/api/recipes/generate-from-inventory through Nginx and Gunicorn, MariaDB and Redis).

A script of its own rather than a `make bench` scenario, like bench/recognition.py: it needs the
catalog imported (`zerowaste data-import`), inventories named after the ingredient master (so the
engine has something to match), a broker (the recipes' pictures are jobs; without a broker they
would be drawn inside the measured request), and the generation limit raised
(RATELIMIT_AI_GENERATION, 8/min per user by default, would answer most of this load 429). No
worker runs: picture jobs wait in the broker (db 12, flushed after), which is what a request
costs when workers are busy elsewhere.

Each user gets 200 stacks: 100 foods of the ingredient master (Spanish names) x 2 stacks, expiring
in 1 to 60 days, added through the public API in batches as the client would. Every request
generates (and stores) 3 recipes; titles generated in the last week are avoided until nothing new
fits, so repeated requests by one user also exercise that path.

Loads (BENCH_GEN_LOAD, "connections:think_ms:seconds", comma separated; default 2:0:20 i.e. two
callers back to back, one per core, and 10:1000:20, ten users pausing ~1 s). Environment:
BENCH_GEN_CONFIG [gthread-mysqldb+nginx], BENCH_GEN_USERS [10], BENCH_NICE as for make bench.
Output: printed, and var/bench/generation/summary.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("BENCH_MYSQL_DATABASE", "zw_bench_generation")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(Path(__file__).resolve().parent), str(ROOT)]
os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])

import bench  # noqa: E402
import redis  # noqa: E402
import scenarios  # noqa: E402
import servers  # noqa: E402
from seed import SeedContext, post_json, seed_users  # noqa: E402

RUN_DIR = servers.ROOT / "var" / "bench" / "generation"
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/12")
SCENARIO = scenarios.Scenario(
    "generate", "POST /api/recipes/generate-from-inventory (3 recipes)", "generate.lua"
)
FOODS = 100
STACKS_PER_FOOD = 2


def master_names(count: int) -> list[str]:
    data = json.loads((ROOT / "data" / "ingredients_allergens" / "ingredients.json").read_text())
    return [str(row["name_es"]) for row in data][:count]


def seed_inventories(context: SeedContext) -> None:
    names = master_names(FOODS)
    url = f"{context.base_url}/api/inventory/ingredients"
    for user in context.users:
        for stack in range(STACKS_PER_FOOD):
            lines = [
                {
                    "name": name,
                    "quantity": 500,
                    "type_unit": "g",
                    "expiration_time": 1 + (i * 7 + stack * 13) % 60,
                    "time_unit": "Días",
                }
                for i, name in enumerate(names)
            ]
            post_json(url, {"ingredients": lines}, user["access_token"])


def prepare(config: servers.Config) -> None:
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    redis.Redis.from_url(BROKER_URL).flushdb()
    servers.prepare_backend(config.backend, RUN_DIR)
    env = {**os.environ, **servers.backend_env(config.backend, RUN_DIR)}
    env["ZW_VAR_DIR"] = str(RUN_DIR / config.backend)
    subprocess.run(
        [str(servers.BIN / "zerowaste"), "data-import"], env=env, check=True, capture_output=True
    )


def main() -> int:
    config = servers.Config.parse(os.environ.get("BENCH_GEN_CONFIG", "gthread-mysqldb+nginx"))
    users = int(os.environ.get("BENCH_GEN_USERS", "10"))
    loads = [
        tuple(int(v) for v in spec.split(":"))
        for spec in os.environ.get("BENCH_GEN_LOAD", "2:0:20,10:1000:20").split(",")
    ]
    prepare(config)
    extra = {"CELERY_BROKER_URL": BROKER_URL, "RATELIMIT_AI_GENERATION": "1000000/minute"}
    app = servers.Gunicorn(config, RUN_DIR, extra)
    edge = servers.Nginx(f"127.0.0.1:{app.port}", RUN_DIR / "nginx") if config.nginx else None
    url = edge.url if edge else app.url
    roots = [app.process.pid] + ([edge.pid] if edge else [])
    stack = servers.pids_of("mariadbd", "redis-server")
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "config": config.name,
        "machine": f"{os.cpu_count()} cores",
        "users": users,
        "stacks_per_user": FOODS * STACKS_PER_FOOD,
        "loads": [],
    }
    try:
        context = seed_users(url, RUN_DIR / "seed", users)
        seed_inventories(context)
        tokens = {"tokens": str(context.tokens_file)}
        bench.run_wrk(url, SCENARIO, scenarios.Mode("warm-up", 2, 3, 0), tokens, roots, stack)
        for connections, think_ms, seconds in loads:
            name = f"{connections}c think {think_ms} ms"
            mode = scenarios.Mode(name, connections, seconds, think_ms)
            servers.settle(roots)
            row = bench.run_wrk(url, SCENARIO, mode, tokens, roots, stack)
            row |= {"connections": connections, "think_ms": think_ms}
            results["loads"].append(row)
            print(
                f"{mode.name}: {row['requests']:.0f} requests, {row['rps']:.1f}/s, "
                f"p50 {row['p50_ms']:.0f} ms, p95 {row['p95_ms']:.0f} ms, "
                f"p99 {row['p99_ms']:.0f} ms, errors {row['status'] + row['timeout']:.0f}, "
                f"app CPU {row['app_cpu_ms']:.0f} ms/request",
                flush=True,
            )
    finally:
        if edge:
            edge.stop()
        app.stop()
        redis.Redis.from_url(BROKER_URL).flushdb()
    (RUN_DIR / "summary.json").write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
