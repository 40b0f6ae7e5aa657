"""`make bench-mix`: issue #15's mobile mix, the app's day replayed by 100 users on the full
stack, side by side in the same run with the bare stack (../shared/bench-ceiling).

What runs: MariaDB (database zw_bench_mix, migrated, data pack imported, catalog indexed),
Redis (app: BENCH_REDIS_URL; broker: BENCH_MIX_BROKER_URL), Gunicorn (gunicorn.conf.py: gthread
2/core x 8 threads on mysqlclient) behind Nginx as deployed, and a Celery worker (prefork, 2)
for the recognition jobs. Seeding and the weighted request list: bench/mix_seed.py.

Phases:
1. warm-up: the mix at 20 connections for BENCH_MIX_WARM_S (every Gunicorn worker loads the
   catalog and builds its search indexes once);
2. paced: 100 users, each pausing ~BENCH_MIX_THINK_MS (exponential) between calls, for
   BENCH_MIX_DURATION s: ~250 req/s offered. Latency overall from wrk (client side); per
   endpoint from Nginx's access log (`request_time`: first byte read to last byte sent, 1 ms
   resolution); statements per request per endpoint from the app's /metrics
   (zerowaste_db_statements_total / zerowaste_http_requests_total), the cache hit ratio from
   zerowaste_cache_lookups_total; CPU of Gunicorn + Nginx, MariaDB + Redis, worker, wrk;
3. saturation per class: the mix's reads, writes and discovery calls alone, 100 connections
   with no pause, BENCH_MIX_SAT_S s each;
4. the bare stack (bench.bench_bare): its item/list/cached/post at the same paced load and at
   saturation; reads are compared with its uncached 50-row list, writes with its insert.

Environment: BENCH_MIX_CONFIG [gthread-mysqldb+nginx], BENCH_MIX_USERS [100],
BENCH_MIX_THINK_MS [400; a comma-separated list runs one paced load each],
BENCH_MIX_SCALES [1; "1,10" also measures at 10x the base data, bench/mix_scale.py, on a fresh
database, paced only], BENCH_MIX_DURATION [60], BENCH_MIX_SAT_S [15], BENCH_MIX_WARM_S [15],
BENCH_MIX_BROKER_URL [redis db 11], BENCH_BARE [1], BENCH_NICE as for make bench.
Output: printed, and var/bench/mix/summary.md + summary.json.
"""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("BENCH_MYSQL_DATABASE", "zw_bench_mix")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(Path(__file__).resolve().parent), str(ROOT)]
os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])

import bench  # noqa: E402
import mix_report  # noqa: E402
import mix_scale  # noqa: E402
import mix_seed  # noqa: E402
import redis  # noqa: E402
import scenarios  # noqa: E402
import servers  # noqa: E402
import sqlalchemy  # noqa: E402
from recognition import Worker  # noqa: E402
from recognition_jobs import percentile  # noqa: E402
from recognition_seed import Receipts  # noqa: E402
from seed import seed_users, uid_of, write_requests  # noqa: E402

RUN_DIR = servers.ROOT / "var" / "bench" / "mix"
BROKER_URL = os.environ.get("BENCH_MIX_BROKER_URL", "redis://127.0.0.1:6379/11")
METRICS_TOKEN = "bench-mix-metrics-token"
MIX = scenarios.Scenario("mobile_mix", "the mobile app's day (bench/mix_seed.py)", "replay.lua")


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def scrape(app_url: str) -> str:
    request = urllib.request.Request(
        f"{app_url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return str(response.read().decode())


class Stack:
    """Gunicorn behind Nginx (every request logged) and a Celery worker, on a fresh database."""

    def __init__(self, config: servers.Config) -> None:
        RUN_DIR.mkdir(parents=True, exist_ok=True)
        redis.Redis.from_url(BROKER_URL).flushdb()
        servers.prepare_backend(config.backend, RUN_DIR)
        extra = {"CELERY_BROKER_URL": BROKER_URL, "METRICS_TOKEN": METRICS_TOKEN}
        self.env = servers.app_env(config, RUN_DIR, "", extra)
        self.app = servers.Gunicorn(config, RUN_DIR, extra)
        self.edge = servers.Nginx(
            f"127.0.0.1:{self.app.port}", RUN_DIR / "edge", log_every_request=True
        )
        self.worker = Worker(self.env, 2, RUN_DIR / "worker.log")
        self.roots = [self.app.process.pid, self.edge.pid]
        self.stack = servers.pids_of("mariadbd", "redis-server")

    def wrk(self, mode: scenarios.Mode, requests: Path) -> dict[str, Any]:
        return bench.run_wrk(
            self.edge.url, MIX, mode, {"requests": str(requests)}, self.roots, self.stack
        )

    def stop(self) -> None:
        self.worker.stop()
        self.edge.stop()
        self.app.stop()


def seed(stack: Stack, users: int, scale: int) -> dict[str, Path]:
    print(f"  seeding {users} users (signup), their stock, recipes, plans, savings", flush=True)
    context = seed_users(stack.edge.url, RUN_DIR / "users", users, stack.env)
    made = mix_seed.seed(context)
    grown = mix_scale.grow(
        stack.env["DATABASE_URL"], scale, [uid_of(u["access_token"]) for u in context.users]
    )
    if scale > 1:
        print(f"  grown x{scale}: {grown}", flush=True)
    receipts = Receipts(context)

    def uploads(count: int) -> list[tuple[str, str]]:
        lines = receipts.upload(count, "mix").read_text().splitlines()
        return [(line.split()[0], line.split()[1]) for line in lines]

    lines = mix_seed.requests(made, uploads)
    files = {"mix": write_requests(RUN_DIR / "mix.tsv", lines)}
    for kind in ("read", "write", "discovery"):
        chosen = [line for line in lines if mix_seed.kind_of(line[0], line[1]) == kind]
        files[kind] = write_requests(RUN_DIR / f"{kind}.tsv", chosen)
    return files


def jobs_of_run(database_url: str, began: datetime, ended: datetime) -> dict[str, Any]:
    """The jobs the paced run's requests started (generated pictures, receipts), once they are
    done (waiting up to BENCH_MIX_DRAIN_S): how many, done within the run, queue wait
    (created -> started) and start to done. The worker runs below the web tier's CPU
    priority (WORKER_NICE), so this is what that costs the jobs."""
    engine = sqlalchemy.create_engine(database_url)
    query = sqlalchemy.text(
        "SELECT type, status, created_at, started_at, completed_at FROM jobs "
        "WHERE created_at >= :began AND created_at < :ended"
    )
    window = {"began": began.replace(tzinfo=None), "ended": ended.replace(tzinfo=None)}
    deadline = time.monotonic() + _int("BENCH_MIX_DRAIN_S", 120)
    try:
        while True:
            with engine.connect() as conn:
                rows = conn.execute(query, window).all()
            if all(r.completed_at for r in rows) or time.monotonic() > deadline:
                break
            time.sleep(1)
    finally:
        engine.dispose()
    drained = datetime.now(UTC).replace(tzinfo=None)
    done = [r for r in rows if r.completed_at]
    waits = sorted((r.started_at - r.created_at).total_seconds() for r in done if r.started_at)
    totals = sorted((r.completed_at - r.created_at).total_seconds() for r in done)
    by_type: dict[str, int] = {}
    for r in rows:
        by_type[r.type] = by_type.get(r.type, 0) + 1
    return {
        "started": len(rows),
        "by_type": ", ".join(f"{k} {v}" for k, v in sorted(by_type.items())),
        "done_in_run": sum(1 for r in done if r.completed_at <= window["ended"]),
        "done": len(done),
        "drain_s": (drained - window["ended"]).total_seconds(),
        "failed": sum(1 for r in rows if r.status == "failed"),
        "wait_p50_s": percentile(waits, 0.5) if waits else 0.0,
        "wait_p95_s": percentile(waits, 0.95) if waits else 0.0,
        "total_p50_s": percentile(totals, 0.5) if totals else 0.0,
        "total_p95_s": percentile(totals, 0.95) if totals else 0.0,
    }


def paced(stack: Stack, files: dict[str, Path], think: int) -> dict[str, Any]:
    users = _int("BENCH_MIX_USERS", 100)
    mode = scenarios.Mode("paced", users, _int("BENCH_MIX_DURATION", 60), think)
    servers.settle([*stack.roots, stack.worker.process.pid])
    offset = stack.edge.access_log.stat().st_size if stack.edge.access_log.exists() else 0
    before_metrics, worker_before = scrape(stack.app.url), stack.worker.cpu_seconds()
    began, began_at = time.monotonic(), datetime.now(UTC)
    row = stack.wrk(mode, files["mix"])
    elapsed, ended_at = time.monotonic() - began, datetime.now(UTC)
    worker_cpu = stack.worker.cpu_seconds() - worker_before
    time.sleep(1.5)  # Nginx flushes its log buffer every second
    after_metrics = scrape(stack.app.url)
    row["worker_cpu_pct"] = 100 * worker_cpu / elapsed / (os.cpu_count() or 1)
    log = stack.edge.access_log.read_bytes()[offset:].decode(errors="replace")
    return {
        "think_ms": think,
        "wrk": row,
        "endpoints": mix_report.per_endpoint(log, before_metrics, after_metrics),
        "cache": mix_report.cache_ratio(before_metrics, after_metrics),
        "jobs": jobs_of_run(stack.env["DATABASE_URL"], began_at, ended_at),
    }


def saturation(stack: Stack, files: dict[str, Path]) -> dict[str, dict[str, Any]]:
    seconds, found = _int("BENCH_MIX_SAT_S", 15), {}
    for kind in ("read", "write", "discovery"):
        servers.settle(stack.roots)
        found[kind] = stack.wrk(scenarios.Mode("saturation", 100, seconds, 0), files[kind])
        print(f"  saturation {kind}: {found[kind]['rps']:.0f} req/s", flush=True)
    return found


def _list(name: str, default: str) -> list[int]:
    return [int(v) for v in os.environ.get(name, default).split(",") if v.strip()]


def measure(config: servers.Config, scale: int, with_classes: bool) -> dict[str, Any]:
    """A fresh stack seeded at `scale`, its paced runs (one per think time) and, if asked,
    the saturation per class."""
    print(f"== mobile mix on {config.name}, data x{scale}", flush=True)
    stack = Stack(config)
    try:
        files = seed(stack, _int("BENCH_MIX_USERS", 100), scale)
        warm = scenarios.Mode("warm-up", 20, _int("BENCH_MIX_WARM_S", 15), 0)
        stack.wrk(warm, files["mix"])
        runs = []
        for think in _list("BENCH_MIX_THINK_MS", "400"):
            runs.append(paced(stack, files, think) | {"scale": scale})
            print(f"  think {think} ms: " + mix_report.overall_line(runs[-1]["wrk"]), flush=True)
            print("  jobs: " + mix_report.jobs_line(runs[-1]["jobs"]), flush=True)
        classes = saturation(stack, files) if with_classes else {}
        return {"runs": runs, "classes": classes}
    finally:
        stack.stop()


def main() -> int:
    config = servers.Config.parse(os.environ.get("BENCH_MIX_CONFIG", "gthread-mysqldb+nginx"))
    started = time.monotonic()
    runs: list[dict[str, Any]] = []
    classes: dict[str, Any] = {}
    for n, scale in enumerate(_list("BENCH_MIX_SCALES", "1")):
        found = measure(config, scale, with_classes=n == 0)
        runs += found["runs"]
        classes = classes or found["classes"]
    bare: list[dict[str, object]] = []
    if os.environ.get("BENCH_BARE", "1") == "1":
        modes = [
            scenarios.Mode("paced", _int("BENCH_MIX_USERS", 100), 20, runs[0]["think_ms"]),
            scenarios.Mode("saturation", 100, _int("BENCH_MIX_SAT_S", 15), 0),
        ]
        bare = bench.bench_bare(modes, config.driver)
    summary = {
        "config": config.name,
        "elapsed_s": round(time.monotonic() - started),
        "runs": runs,
        "classes": classes,
        "bare": bare,
        "machine": bench.report.machine_info([]),
    }
    (RUN_DIR / "summary.json").write_text(json.dumps(summary, indent=2, default=str))
    markdown = mix_report.render(summary)
    (RUN_DIR / "summary.md").write_text(markdown)
    print("\n" + markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
