"""Celery's task signals: counts, durations and failures per task, and the request id.

`task_prerun` binds the request id the producer put in the message headers (`zw_request_id`,
see `infrastructure.queue`) to the correlation context, so every log record the task writes
carries it, and starts the clock; `task_postrun` records the task's final state and duration,
writes one log line, and unbinds. A retry is counted as state `retry` (its postrun sees the
Retry state). In a prefork pool these run in the child processes: with PROMETHEUS_MULTIPROC_DIR
their values reach the exposition the worker serves (`serve_worker_metrics`).
"""

from __future__ import annotations

import logging
import os
import time
from contextlib import suppress
from contextvars import Token
from typing import Any

from celery import states
from celery.signals import task_postrun, task_prerun, worker_process_shutdown, worker_ready

from zerowaste.application.ports.correlation import (
    TASK_HEADER,
    bind_request_id,
    reset_request_id,
    valid_request_id,
)
from zerowaste.application.ports.metrics import Metrics
from zerowaste.infrastructure.metrics import MULTIPROC_ENV, mark_process_dead

log = logging.getLogger("zerowaste.tasks")
_STATES = {states.SUCCESS: "success", states.FAILURE: "failure", states.RETRY: "retry"}
_running: dict[str, tuple[float, Token[str | None]]] = {}


def task_request_id(task: Any) -> str | None:
    """The request id in a task's message headers (Celery merges custom headers into the
    task's request; older protocols keep them under `headers`)."""
    request = getattr(task, "request", None)
    found = getattr(request, TASK_HEADER, None)
    if found is None:
        headers = getattr(request, "headers", None) or {}
        found = headers.get(TASK_HEADER) if isinstance(headers, dict) else None
    return valid_request_id(found)


def connect_task_signals(metrics: Metrics) -> None:
    """Count and time every task of this process (once; weak=False keeps the closures)."""

    def started(task_id: str = "", task: Any = None, **_: Any) -> None:
        token = bind_request_id(task_request_id(task))
        _running[task_id] = (time.perf_counter(), token)

    def finished(task_id: str = "", task: Any = None, state: str | None = None, **_: Any) -> None:
        begun = _running.pop(task_id, None)
        seconds = time.perf_counter() - begun[0] if begun else None
        name = getattr(task, "name", None) or "unknown"
        outcome = _STATES.get(state or "", "other")
        metrics.task(name, outcome, seconds)
        log.info("task %s %s in %.3f s", name, outcome, seconds or 0.0, extra={"task_id": task_id})
        if begun is not None:
            with suppress(ValueError):  # another context (eager run in a request): leave it
                reset_request_id(begun[1])

    task_prerun.connect(started, weak=False, dispatch_uid="zerowaste.metrics.prerun")
    task_postrun.connect(finished, weak=False, dispatch_uid="zerowaste.metrics.postrun")


def serve_worker_metrics(port: int, address: str = "127.0.0.1") -> None:
    """The worker's own /metrics (every pool process when multiprocess) on `port`."""
    from prometheus_client import REGISTRY, CollectorRegistry, start_http_server
    from prometheus_client import multiprocess as _multiprocess

    registry = REGISTRY
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        _multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    start_http_server(port, addr=address, registry=registry)


def connect_worker_metrics(metrics: Metrics, port: int, address: str = "127.0.0.1") -> None:
    """Task signals in every process; with `port`, the main process serves /metrics once the
    worker is ready; a pool process that exits leaves the live gauges' sums."""
    connect_task_signals(metrics)
    worker_process_shutdown.connect(
        lambda **_: mark_process_dead(os.getpid()), weak=False, dispatch_uid="zerowaste.dead"
    )
    if port:
        worker_ready.connect(
            lambda **_: serve_worker_metrics(port, address),
            weak=False,
            dispatch_uid="zerowaste.serve",
        )
