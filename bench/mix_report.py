"""bench/mobile_mix.py's figures: per endpoint from Nginx's access log and the app's /metrics,
and the markdown table (ours and the bare stack, same run) with issue #15's targets."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import mix_seed
from prometheus_client.parser import text_string_to_metric_families
from recognition_jobs import percentile

# (class, the bare scenario it is compared with, the target ratio at saturation)
CLASS_TARGETS = (("read", "bare_list", 0.7), ("write", "bare_post", 0.5))


def _samples(exposition: str, name: str) -> dict[tuple[str, ...], float]:
    found: dict[tuple[str, ...], float] = {}
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            if sample.name == name:
                labels = sample.labels
                key = (labels.get("method", ""), labels.get("route", ""), labels.get("result", ""))
                found[key] = found.get(key, 0.0) + float(sample.value)
    return found


def _delta(before: str, after: str, name: str) -> dict[tuple[str, ...], float]:
    old = _samples(before, name)
    return {key: value - old.get(key, 0.0) for key, value in _samples(after, name).items()}


def statements_per_request(before: str, after: str) -> dict[str, float]:
    """Per endpoint of the mix: SQL statements / requests, over the routes it maps to."""
    requests = _delta(before, after, "zerowaste_http_requests_total")
    statements = _delta(before, after, "zerowaste_db_statements_total")
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for (method, route, _), count in requests.items():
        endpoint = mix_seed.route_endpoint(method, route)
        if endpoint is not None and count:
            sums[endpoint.name][0] += count
            sums[endpoint.name][1] += statements.get((method, route, ""), 0.0)
    return {name: ran / count for name, (count, ran) in sums.items() if count}


def cache_ratio(before: str, after: str) -> dict[str, float]:
    lookups = _delta(before, after, "zerowaste_cache_lookups_total")
    hits = sum(v for (_, _, result), v in lookups.items() if result == "hit")
    misses = sum(v for (_, _, result), v in lookups.items() if result == "miss")
    total = hits + misses
    return {"hits": hits, "misses": misses, "ratio": hits / total if total else float("nan")}


def per_endpoint(log: str, before: str, after: str) -> list[dict[str, Any]]:
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    cut = 0  # 499: wrk closed the connection when its run ended, before the answer came
    for line in log.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if int(entry["status"]) == 499:
            cut += 1
            continue
        endpoint = mix_seed.endpoint_of(entry["method"], entry["uri"])
        name = endpoint.name if endpoint else "other"
        times[name].append(1000 * float(entry["request_time"]))
        if int(entry["status"]) >= 400:
            errors[name] += 1
    statements = statements_per_request(before, after)
    total = sum(len(v) for v in times.values()) or 1
    rows = []
    for endpoint in [*mix_seed.ENDPOINTS, None]:
        name = endpoint.name if endpoint else "other"
        seen = times.get(name, [])
        if not seen:
            continue
        rows.append(
            {
                "endpoint": name,
                "kind": endpoint.kind if endpoint else "-",
                "requests": len(seen),
                "share_pct": 100 * len(seen) / total,
                "p50_ms": percentile(seen, 0.50),
                "p95_ms": percentile(seen, 0.95),
                "p99_ms": percentile(seen, 0.99),
                "errors": errors.get(name, 0),
                "statements": statements.get(name, float("nan")),
            }
        )
    if cut:
        rows.append({"endpoint": "cut at the end of the run (499)", "requests": cut})
    return rows


def jobs_line(jobs: dict[str, Any]) -> str:
    """The worker's side of a paced run: the jobs its requests started, and how long they took."""
    if not jobs.get("started"):
        return "no job started"
    return (
        f"{jobs['started']} started ({jobs['by_type']}), {jobs['done_in_run']} done within the "
        f"run, {jobs['done']} done {jobs['drain_s']:.0f} s after it, {jobs['failed']} failed; "
        f"queue wait p50/p95 {jobs['wait_p50_s']:.1f} / {jobs['wait_p95_s']:.1f} s, "
        f"start to done p50/p95 {jobs['total_p50_s']:.1f} / {jobs['total_p95_s']:.1f} s"
    )


def wrk_errors(row: dict[str, Any]) -> int:
    return int(sum(row.get(k, 0) for k in ("connect", "read", "write", "status", "timeout")))


def overall_line(row: dict[str, Any]) -> str:
    return (
        f"mix paced: {row['rps']:.0f} req/s, p50 {row['p50_ms']:.1f} p95 {row['p95_ms']:.1f} "
        f"p99 {row['p99_ms']:.1f} ms, errors {wrk_errors(row)}, app CPU "
        f"{row['app_cpu_ms']:.1f} ms/request"
    )


def _bare(rows: list[dict[str, Any]], scenario: str, mode: str) -> dict[str, Any] | None:
    return next((r for r in rows if r["scenario"] == scenario and r["mode"] == mode), None)


def _load_table(runs: list[dict[str, Any]]) -> list[str]:
    """Every paced run: data scale, think time, throughput, latency, errors, CPU."""
    out = [
        "",
        "Every paced run (100 users; wrk latency):",
        "",
        "| data | think ms | req/s | p50 ms | p95 ms | p99 ms | errors | app CPU ms/req "
        "| cache hits |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        w = run["wrk"]
        out.append(
            f"| x{run['scale']} | {run['think_ms']} | {w['rps']:.0f} | {w['p50_ms']:.1f} "
            f"| {w['p95_ms']:.1f} | {w['p99_ms']:.1f} | {wrk_errors(w)} | {w['app_cpu_ms']:.2f} "
            f"| {100 * run['cache']['ratio']:.1f} % |"
        )
    base = {r["think_ms"]: r["wrk"]["p95_ms"] for r in runs if r["scale"] == 1}
    for run in runs:
        if run["scale"] != 1 and run["think_ms"] in base:
            ratio = run["wrk"]["p95_ms"] / base[run["think_ms"]]
            out.append(
                f"\np95 at x{run['scale']} / x1 (think {run['think_ms']} ms): {ratio:.2f} "
                "(target < 2)"
            )
    return out


def render(summary: dict[str, Any]) -> str:
    ours = summary["runs"][0]
    wrk, cache = ours["wrk"], ours["cache"]
    out = [
        f"Mobile mix ({summary['config']}, {summary['machine'].get('machine', '?')}, "
        f"{summary['machine'].get('date', '')}; run took {summary['elapsed_s']} s)",
        "",
        "| measure | ours | target |",
        "|---|---|---|",
        f"| throughput (paced, 100 users, think ~{ours['think_ms']} ms) | {wrk['rps']:.0f} req/s "
        "| ~250 offered |",
        f"| p50 / p95 / p99 (wrk) | {wrk['p50_ms']:.1f} / {wrk['p95_ms']:.1f} / "
        f"{wrk['p99_ms']:.1f} ms | p95 ≤ 50, p99 ≤ 100 |",
        f"| errors (wrk: non-2xx/3xx, timeouts, socket) | {wrk_errors(wrk)} | 0 |",
        f"| cache hit ratio (app lookups) | {100 * cache['ratio']:.1f} % "
        f"({cache['hits']:.0f} hits, {cache['misses']:.0f} misses) | ≥ 80 % |",
        f"| app CPU per request (Gunicorn + Nginx) | {wrk['app_cpu_ms']:.2f} ms | |",
        f"| CPU: app+MariaDB+Redis / worker / wrk | {wrk['stack_cpu_pct']:.0f} % / "
        f"{wrk['worker_cpu_pct']:.0f} % / {wrk['wrk_cpu_pct']:.0f} % of the machine | |",
        f"| Gunicorn worker RSS (largest) | {wrk['worker_rss_mb']:.0f} MB | |",
        f"| worker jobs | {jobs_line(ours.get('jobs', {}))} | |",
        "",
        "Per endpoint (Nginx `request_time`; statements from /metrics):",
        "",
        "| endpoint | class | share | requests | p50 ms | p95 ms | p99 ms | errors | SQL/request |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in ours["endpoints"]:
        if "kind" not in row:
            out.append(f"| {row['endpoint']} | | | {row['requests']} | | | | | |")
            continue
        out.append(
            f"| {row['endpoint']} | {row['kind']} | {row['share_pct']:.1f} % | {row['requests']} "
            f"| {row['p50_ms']:.0f} | {row['p95_ms']:.0f} | {row['p99_ms']:.0f} "
            f"| {row['errors']} | {row['statements']:.1f} |"
        )
    if len(summary["runs"]) > 1:
        out += _load_table(summary["runs"])
    bare = summary["bare"]
    out += [
        "",
        "Saturation per class (100 connections, no pause), side by side with the bare stack:",
        "",
        "| class | ours req/s | bare reference | bare req/s | ratio | target |",
        "|---|---|---|---|---|---|",
    ]
    for kind, reference, target in CLASS_TARGETS:
        mine = summary["classes"].get(kind)
        theirs = _bare(bare, reference, "saturation")
        if mine is None:
            continue
        ratio = mine["rps"] / theirs["rps"] if theirs else float("nan")
        bare_rps = f"{theirs['rps']:.0f}" if theirs else "-"
        cells = [kind, f"{mine['rps']:.0f}", reference, bare_rps, f"{ratio:.2f}×", f"≥ {target}×"]
        out.append("| " + " | ".join(cells) + " |")
    discovery = summary["classes"].get("discovery")
    if discovery:
        out.append(f"| discovery | {discovery['rps']:.0f} | none | - | - | - |")
    paced_bare = [r for r in bare if r["mode"] == "paced"]
    if paced_bare:
        out += ["", "The bare stack at the same paced load (p50 / p95 / p99 ms):", ""]
        out += [
            f"- {r['scenario']}: {r['rps']:.0f} req/s, {r['p50_ms']:.1f} / {r['p95_ms']:.1f} / "
            f"{r['p99_ms']:.1f}"
            for r in paced_bare
        ]
    return "\n".join(out) + "\n"
