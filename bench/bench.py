"""`make bench`: serve the app under Gunicorn (and Nginx), load it with wrk, report a table.

For every configuration of BENCH_MATRIX (`<gevent|gthread|sync>-<sqlite|pymysql|mysqldb>[+nginx]`)
it starts Gunicorn on a free port with its own var dir, seeds users once per database, and runs
each scenario of bench/scenarios.py in each mode: saturation (100 connections, no pause) and paced
(100 users pausing ~500 ms, ~200 req/s offered). wrk runs with one thread (`-t1`) so the load
generator takes at most one of the cores it shares with the server.

Environment (defaults in brackets):
  BENCH_MATRIX [7 configurations], BENCH_SCENARIOS [all], BENCH_MODES [saturation,paced],
  BENCH_DURATION [15 s], BENCH_PACED_DURATION [8 s], BENCH_CONNECTIONS [100], BENCH_THINK_MS [500],
  BENCH_USERS [20], BENCH_MYSQL_URL, BENCH_REDIS_URL [db 13],
  BENCH_QUIET_PCT [20] / BENCH_QUIET_WAIT [10 s]: before each configuration, wait until other
    processes use less of the CPU than that (the machine may be shared),
  BENCH_NICE [unset; e.g. -10]: run Gunicorn, Nginx and wrk ahead of other work,
  BENCH_PUBLISH [1; 0 writes only bench/results/latest.md],
  BENCH_BARE [1; 0 skips the bare stack], BENCH_CEILING_DIR [../shared/bench-ceiling]: with a
    MariaDB configuration, the bare stack runs in the same run behind the same Nginx and the
    report ends with our scenarios side by side with it (bench/ceiling.py),
  GUNICORN_WORKERS, GUNICORN_THREADS: passed through to gunicorn.conf.py.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ceiling  # noqa: E402
import report  # noqa: E402
import scenarios  # noqa: E402
import servers  # noqa: E402
from seed import SeedContext, seed_users  # noqa: E402

DEFAULT_MATRIX = (
    "gevent-sqlite,gthread-sqlite,gevent-pymysql,gthread-pymysql,"
    "gevent-mysqldb,gthread-mysqldb,gthread-mysqldb+nginx"
)
LUA_DIR = Path(__file__).resolve().parent / "lua"
RUN_DIR = servers.ROOT / "var" / "bench"
WRK_TIMEOUT = "30s"  # Argon2 logins queue for seconds at saturation: measure them, don't drop them


def wrk_command(
    url: str, scenario: scenarios.Scenario, mode: scenarios.Mode, extra: dict[str, str]
) -> list[str]:
    pace = scenario.paced_think_ms if mode.pace_ms and scenario.paced_think_ms else mode.pace_ms
    args = {**scenario.args, **extra, "pace_ms": str(pace)}
    return servers.niced([
        "wrk", "-t1", f"-c{mode.connections}", f"-d{mode.duration_s}s", f"--timeout={WRK_TIMEOUT}",
        "-s", scenario.script, url, "--", *[f"{k}={v}" for k, v in args.items()],
    ])  # fmt: skip


def _counters(roots: list[int], stack: list[int]) -> dict[str, float]:
    wrk = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "time": time.monotonic(),
        "app": servers.cpu_seconds(roots),
        "stack": servers.cpu_seconds(stack),
        "busy": servers.system_busy_seconds(),
        "wrk": wrk.ru_utime + wrk.ru_stime,
    }


def run_wrk(
    url: str,
    scenario: scenarios.Scenario,
    mode: scenarios.Mode,
    extra: dict[str, str],
    roots: list[int],
    stack: list[int],
) -> dict[str, float]:
    """One wrk run; latency from wrk, CPU split into app, MariaDB/Redis, wrk and everyone else."""
    before = _counters(roots, stack)
    command = wrk_command(url, scenario, mode, extra)
    done = subprocess.run(command, cwd=LUA_DIR, capture_output=True, text=True, check=False)
    after = _counters(roots, stack)
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    result: dict[str, float] = json.loads(line.removeprefix("BENCH_JSON "))
    used = {key: after[key] - before[key] for key in after}
    share = 100 / used["time"] / (os.cpu_count() or 1)  # CPU seconds -> % of the machine
    result["app_cpu_ms"] = 1000 * used["app"] / max(result["requests"], 1)
    result["stack_cpu_pct"] = (used["app"] + used["stack"]) * share
    result["wrk_cpu_pct"] = used["wrk"] * share
    others = used["busy"] - used["app"] - used["stack"] - used["wrk"]
    result["foreign_cpu_pct"] = max(0.0, others * share)
    result["worker_rss_mb"] = max(servers.worker_rss_mb(roots[0]), default=0.0)
    return result


def scenario_args(
    scenario: scenarios.Scenario, context: SeedContext, seeded: dict[str, dict[str, str]]
) -> dict[str, str]:
    extra: dict[str, str] = {}
    if "tokens" in scenario.needs:
        extra["tokens"] = str(context.tokens_file)
    if "credentials" in scenario.needs:
        extra["credentials"] = str(context.credentials_file)
    if scenario.seed is not None:
        if scenario.name not in seeded:
            seeded[scenario.name] = scenario.seed(context)
        extra.update(seeded[scenario.name])
    return extra


def bench_config(
    config: servers.Config,
    chosen: list[scenarios.Scenario],
    modes: list[scenarios.Mode],
    contexts: dict[str, tuple[SeedContext, dict]],
) -> list[dict[str, object]]:
    quiet = float(os.environ.get("BENCH_QUIET_PCT", "20"))
    load = servers.wait_quiet([], quiet, float(os.environ.get("BENCH_QUIET_WAIT", "10")))
    if load > quiet:
        print(f"  other processes use {load:.0f} % of the CPU; measuring anyway", flush=True)
    app = servers.Gunicorn(config, RUN_DIR)
    edge = servers.Nginx(f"127.0.0.1:{app.port}", RUN_DIR / config.name) if config.nginx else None
    try:
        url = edge.url if edge else app.url
        if config.backend not in contexts:
            users = int(os.environ.get("BENCH_USERS", "20"))
            print(f"  seeding {users} users on {config.backend} (signup, Argon2id)", flush=True)
            env = servers.app_env(config, RUN_DIR, f"127.0.0.1:{app.port}")
            made = seed_users(url, RUN_DIR / config.backend, users, env)
            contexts[config.backend] = (made, {})
        context, seeded = contexts[config.backend]
        roots = [app.process.pid] + ([edge.pid] if edge else [])
        stack = servers.pids_of("mariadbd", "redis-server") if config.backend == "mariadb" else []
        warm = scenarios.Mode("warm-up", 20, 2, 0)
        profile = next(s for s in scenarios.SCENARIOS if s.name == "profile")
        run_wrk(url, profile, warm, scenario_args(profile, context, seeded), roots, stack)
        rows = []
        for scenario in chosen:
            extra = scenario_args(scenario, context, seeded)
            # Warm this scenario first (caches filled, pools open): measure steady state only.
            warming = scenarios.Mode("warm-up", 20, scenario.warm_s, 0)
            run_wrk(url, scenario, warming, extra, roots, stack)
            for mode in modes:
                servers.settle(roots)
                result = run_wrk(url, scenario, mode, extra, roots, stack)
                rows.append(
                    {"config": config.name, "scenario": scenario.name, "mode": mode.name, **result}
                )
                print("  " + report.one_line(rows[-1]), flush=True)
        return rows
    finally:
        if edge:
            edge.stop()
        app.stop()


def bench_bare(modes: list[scenarios.Mode], driver: str) -> list[dict[str, object]]:
    """The bare stack (../shared/bench-ceiling) behind the same Nginx, in the same run, on the
    MySQL driver of the first MariaDB configuration measured."""
    if not ceiling.available():
        print(f"bare stack not found in {ceiling.CEILING_DIR}: no side-by-side rows", flush=True)
        return []
    print(
        f"== bare stack (shared/bench-ceiling), gthread-{driver}+nginx, MariaDB + Redis", flush=True
    )
    bare = ceiling.BareStack(RUN_DIR, driver)
    edge = servers.Nginx(f"127.0.0.1:{bare.port}", RUN_DIR / "ceiling")
    rows: list[dict[str, object]] = []
    try:
        roots = [bare.process.pid, edge.pid]
        stack = servers.pids_of("mariadbd", "redis-server")
        for name in ceiling.MODES:
            scenario = scenarios.Scenario(f"bare_{name}", f"bare stack: {name}", "bare.lua")
            extra = {"mode": name, "token": bare.token}
            run_wrk(edge.url, scenario, scenarios.Mode("warm-up", 20, 2, 0), extra, roots, stack)
            for mode in modes:
                servers.settle(roots)
                result = run_wrk(edge.url, scenario, mode, extra, roots, stack)
                row = {
                    "config": f"bare-{driver}+nginx",
                    "scenario": scenario.name,
                    "mode": mode.name,
                }
                rows.append(row | result)
                print("  " + report.one_line(rows[-1]), flush=True)
        return rows
    finally:
        edge.stop()
        bare.stop()


def main() -> int:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    configs = [
        servers.Config.parse(n) for n in os.environ.get("BENCH_MATRIX", DEFAULT_MATRIX).split(",")
    ]
    if any(c.driver == "mysqldb" for c in configs) and importlib.util.find_spec("MySQLdb") is None:
        print("mysqlclient is not installed (.venv/bin/pip install mysqlclient): mysqldb skipped")
        configs = [c for c in configs if c.driver != "mysqldb"]
    if any(c.nginx for c in configs) and shutil.which("nginx") is None:
        raise SystemExit("nginx is not installed (apt-get install nginx-light)")
    chosen, modes = scenarios.selected_scenarios(), scenarios.modes()
    shutil.rmtree(RUN_DIR, ignore_errors=True)
    RUN_DIR.mkdir(parents=True)
    for backend in dict.fromkeys(c.backend for c in configs):
        servers.prepare_backend(backend, RUN_DIR)
    meta = report.machine_info(modes)
    started = time.monotonic()
    contexts: dict[str, tuple[SeedContext, dict]] = {}
    rows: list[dict[str, object]] = []
    for config in configs:
        print(f"== {config.name}", flush=True)
        rows.extend(bench_config(config, chosen, modes, contexts))
    mariadb = [c for c in configs if c.backend == "mariadb"]
    if mariadb and os.environ.get("BENCH_BARE", "1") == "1":
        rows.extend(bench_bare(modes, mariadb[0].driver))
    meta["elapsed"] = f"{time.monotonic() - started:.0f} s"
    markdown = report.render(rows, chosen, meta)
    sides = ceiling.ratios(rows)
    if sides:
        markdown += "\n\nSide by side with the bare stack (saturation req/s):\n\n" + "\n".join(
            sides
        )
    print("\n" + markdown)
    print(report.publish(markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
