"""The Metrics port on prometheus_client (README "Observability").

The metric objects live once per process (prometheus_client's registry is global). Without
PROMETHEUS_MULTIPROC_DIR (the embedded default, one process) /metrics renders that registry.
With it (gunicorn.conf.py sets it for its workers, a Celery prefork worker gets it from the
environment) every process writes its values to files in that directory and the exposition
aggregates all of them: counters and histograms are summed, gauges summed over live processes.
The variable must be set before prometheus_client is first imported in the process (Gunicorn's
master sets it before forking; the workers import the app after).
"""

from __future__ import annotations

import os
from decimal import Decimal

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as _multiprocess

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# Request latency buckets (seconds) around the budget: p95 50 ms, p99 100 ms, 60 s at Nginx.
HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
TASK_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

HTTP_REQUESTS = Counter(
    "zerowaste_http_requests_total",
    "HTTP requests answered by the API, by method, route template and status.",
    ("method", "route", "status"),
)
HTTP_LATENCY = Histogram(
    "zerowaste_http_request_duration_seconds",
    "Time from the request's first hook to its answer, by method, route template and status.",
    ("method", "route", "status"),
    buckets=HTTP_BUCKETS,
)
DB_STATEMENTS = Counter(
    "zerowaste_db_statements_total",
    "SQL statements run while answering requests, by method and route template (divide by "
    "zerowaste_http_requests_total for queries per request).",
    ("method", "route"),
)
RATE_LIMITED = Counter(
    "zerowaste_rate_limit_rejections_total",
    "Requests the API's limiter answered with 429, by route template.",
    ("route",),
)
CACHE_LOOKUPS = Counter(
    "zerowaste_cache_lookups_total",
    "Shared cache lookups by result (hit or miss); a get_many counts each key.",
    ("result",),
)
DB_POOL = Gauge(
    "zerowaste_db_pool_connections",
    "Database connections of the pools: open, and checked out by a request or task.",
    ("state",),
    multiprocess_mode="livesum",
)
DB_POOL_CAPACITY = Gauge(
    "zerowaste_db_pool_capacity",
    "Connections the pools may open (pool size + overflow), summed over live processes.",
    multiprocess_mode="livesum",
)
# Read replica (infrastructure/db/replica.py): per process, as each process checks on its own.
DB_REPLICA_UP = Gauge(
    "zerowaste_db_replica_up",
    "1 while reads may use the read replica (answering, lag within REPLICA_MAX_LAG_S), else 0.",
    multiprocess_mode="livemin",
)
DB_REPLICA_LAG = Gauge(
    "zerowaste_db_replica_lag_seconds",
    "The replica's Seconds_Behind_Master at the last check (-1: unknown, down or broken).",
    multiprocess_mode="livemax",
)
TASKS = Counter(
    "zerowaste_celery_tasks_total",
    "Celery tasks run by the worker, by task name and state (success, failure, retry).",
    ("task", "state"),
)
TASK_DURATION = Histogram(
    "zerowaste_celery_task_duration_seconds",
    "Run time of Celery tasks, by task name and state.",
    ("task", "state"),
    buckets=TASK_BUCKETS,
)
AI_CALLS = Counter(
    "zerowaste_ai_calls_total",
    "AI provider calls recorded in ai_usage, by provider and operation.",
    ("provider", "operation"),
)
AI_TOKENS = Counter(
    "zerowaste_ai_tokens_total",
    "AI tokens recorded in ai_usage, by provider and direction (in, out).",
    ("provider", "direction"),
)
AI_COST = Counter(
    "zerowaste_ai_cost_usd_total",
    "Estimated AI cost in US dollars recorded in ai_usage, by provider.",
    ("provider",),
)


# prometheus_client picks its value storage once, at import: the exposition follows that choice.
_MULTIPROCESS = bool(os.environ.get(MULTIPROC_ENV))


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROC_ENV) if _MULTIPROCESS else None


def exposition() -> tuple[bytes, str]:
    """All processes' values when PROMETHEUS_MULTIPROC_DIR is set, else this process's."""
    if multiprocess_dir():
        registry = CollectorRegistry()
        _multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


class PrometheusMetrics:
    """The Metrics port; stateless over the module's metric objects."""

    def request(self, method: str, route: str, status: int, seconds: float) -> None:
        verb = method if method in METHODS else "OTHER"
        code = str(status)
        HTTP_REQUESTS.labels(verb, route, code).inc()
        HTTP_LATENCY.labels(verb, route, code).observe(seconds)

    def db_statements(self, method: str, route: str, count: int) -> None:
        if count:
            DB_STATEMENTS.labels(method if method in METHODS else "OTHER", route).inc(count)

    def rate_limited(self, route: str) -> None:
        RATE_LIMITED.labels(route).inc()

    def cache_lookup(self, hits: int, misses: int) -> None:
        if hits:
            CACHE_LOOKUPS.labels("hit").inc(hits)
        if misses:
            CACHE_LOOKUPS.labels("miss").inc(misses)

    def task(self, name: str, state: str, seconds: float | None) -> None:
        TASKS.labels(name, state).inc()
        if seconds is not None:
            TASK_DURATION.labels(name, state).observe(seconds)

    def ai_call(
        self, provider: str, operation: str, tokens_in: int, tokens_out: int, cost_usd: Decimal
    ) -> None:
        AI_CALLS.labels(provider, operation).inc()
        if tokens_in:
            AI_TOKENS.labels(provider, "in").inc(tokens_in)
        if tokens_out:
            AI_TOKENS.labels(provider, "out").inc(tokens_out)
        if cost_usd:
            AI_COST.labels(provider).inc(float(cost_usd))

    def exposition(self) -> tuple[bytes, str]:
        return exposition()


def mark_process_dead(pid: int) -> None:
    """Gunicorn's child_exit: a dead worker's live gauges leave the sums."""
    if multiprocess_dir():
        _multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
