"""bench/recognition.py's figures, and its table, from the `jobs` rows the worker wrote: how
long each OCR job ran in the worker (started_at -> completed_at: reading the photo from
storage, tesseract, matching, storing the recognition, its progress commits) and how long it
waited in the queue (created_at -> started_at: the broker, then a free worker process). Times
are the app's own clock (UTC, microseconds on MariaDB), read from the database after the load."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, text

JOB_TYPE = "recognition.run"
_COLUMNS = "id, status, attempts, created_at, started_at, completed_at"


@dataclass(frozen=True)
class JobRow:
    id: str
    status: str
    attempts: int
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None

    @property
    def run_ms(self) -> float | None:
        if self.started_at is None or self.completed_at is None:
            return None
        return (self.completed_at - self.started_at).total_seconds() * 1000

    @property
    def wait_ms(self) -> float | None:
        if self.started_at is None:
            return None
        return (self.started_at - self.created_at).total_seconds() * 1000


def percentile(values: list[float], q: float) -> float:
    """Nearest rank: the smallest value with at least q of the values at or below it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def rows_by_ids(engine: Engine, ids: list[str]) -> list[JobRow]:
    if not ids:
        return []
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    query = text(f"SELECT {_COLUMNS} FROM jobs WHERE id IN ({marks})")
    with engine.connect() as conn:
        found = conn.execute(query, {f"i{n}": v for n, v in enumerate(ids)}).all()
    return [JobRow(*row) for row in found]


def rows_between(engine: Engine, since: datetime, until: datetime) -> list[JobRow]:
    """Recognition jobs created in [since, until) (naive UTC, as stored)."""
    query = text(
        f"SELECT {_COLUMNS} FROM jobs WHERE type = :type"
        " AND created_at >= :since AND created_at < :until"
    )
    with engine.connect() as conn:
        found = conn.execute(query, {"type": JOB_TYPE, "since": since, "until": until}).all()
    return [JobRow(*row) for row in found]


def unfinished(engine: Engine) -> int:
    query = text(
        "SELECT COUNT(*) FROM jobs WHERE type = :type AND status IN ('pending', 'processing')"
    )
    with engine.connect() as conn:
        return int(conn.execute(query, {"type": JOB_TYPE}).scalar_one())


def drain(engine: Engine, limit_s: float) -> tuple[float, int]:
    """Wait until every recognition job has finished (at most `limit_s`): (seconds, left)."""
    began = time.monotonic()
    left = unfinished(engine)
    while left and time.monotonic() - began < limit_s:
        time.sleep(0.5)
        left = unfinished(engine)
    return time.monotonic() - began, left


def summary(rows: list[JobRow]) -> dict[str, Any]:
    done = [r for r in rows if r.status == "completed"]
    runs = [r.run_ms for r in done if r.run_ms is not None]
    waits = [r.wait_ms for r in rows if r.wait_ms is not None]
    result: dict[str, Any] = {
        "jobs": len(rows),
        "completed": len(done),
        "failed": sum(r.status == "failed" for r in rows),
        "unfinished": sum(r.status in ("pending", "processing") for r in rows),
        "retried": sum(r.attempts > 1 for r in rows),
    }
    for name, values in (("run", runs), ("wait", waits)):
        for q in (0.5, 0.95):
            result[f"{name}_p{round(q * 100)}_ms"] = percentile(values, q)
        result[f"{name}_max_ms"] = max(values) if values else math.nan
    if done:
        first = min(r.started_at for r in done if r.started_at)
        last = max(r.completed_at for r in done if r.completed_at)
        span = (last - first).total_seconds()
        result["throughput_per_s"] = len(done) / span if span > 0 else math.nan
    return result


def ms(value: float) -> str:
    if math.isnan(value):
        return "-"
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def render(results: dict[str, Any], users: int, concurrency: int) -> str:
    meta, alone = results["meta"], results["isolated"]
    lines = [
        f"Measured {meta['date']}, {meta['config']}, Celery prefork x {concurrency}, "
        f"{meta['machine']}; load average before {meta['load_before']}.",
        "",
        f"OCR jobs one at a time ({alone['completed']}/{alone['jobs']} completed): in the worker "
        f"p50 {ms(alone['run_p50_ms'])} / p95 {ms(alone['run_p95_ms'])} / max "
        f"{ms(alone['run_max_ms'])} ms, {alone['worker_cpu_s_per_job']:.2f} CPU s per job; "
        f"queue wait p95 {ms(alone['wait_p95_ms'])} ms; from the start to the client's poll "
        f"seeing it completed p50 {ms(alone['client_p50_ms'])} / p95 "
        f"{ms(alone['client_p95_ms'])} ms.",
        "",
        "| load | 202s/s | p50 | p95 | p99 | errors | app CPU ms/req | jobs done/left "
        "| OCR p50 | OCR p95 | queue wait p50 | wait p95 | wait max | worker jobs/s "
        "| worker CPU s/job | CPU % app+db / worker / others |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for entry in results["loads"]:
        row, found = entry["wrk"], entry["jobs"]
        errors = sum(int(row[k]) for k in ("status", "timeout", "connect", "read", "write"))
        lines.append(
            f"| {users} users, ~{found['think_ms']} ms pause, {found['seconds']} s "
            f"| {row['rps']:.1f} | {ms(row['p50_ms'])} | {ms(row['p95_ms'])} "
            f"| {ms(row['p99_ms'])} | {errors} | {row['app_cpu_ms']:.2f} "
            f"| {found['completed']}/{found['unfinished']} | {ms(found['run_p50_ms'])} "
            f"| {ms(found['run_p95_ms'])} | {ms(found['wait_p50_ms'])} "
            f"| {ms(found['wait_p95_ms'])} | {ms(found['wait_max_ms'])} "
            f"| {found.get('throughput_per_s', 0):.2f} | {found['worker_cpu_s_per_job']:.2f} "
            f"| {row['stack_cpu_pct']:.0f} / {row['worker_cpu_pct']:.0f} "
            f"/ {row['others_cpu_pct']:.0f} |"
        )
    notes = ["CPU % of the machine while wrk ran; others = processes outside the benchmark."]
    notes += [
        f"{entry['jobs']['photos_sent_twice']} photos sent twice (cache hits)"
        for entry in results["loads"]
        if entry["jobs"]["photos_sent_twice"]
    ]
    return "\n".join([*lines, "", *notes])
