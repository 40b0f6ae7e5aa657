"""The task queue adapters that hand a stored job's id to whatever runs it (application port
`jobs.ports.TaskQueue`), and the Celery settings the web process and the worker share.

With CELERY_BROKER_URL, `CeleryTaskQueue` publishes the task `zerowaste.run_job` by name
(`send_task`): the web process never imports the worker's tasks, whose module builds a Flask
app at import. Without a broker (the embedded default), `InlineTaskQueue` runs the job in the
calling process right away: `JobService.start` has committed the row already, so the request
that started the job answers with it finished. Celery's own eager mode is no substitute here:
`send_task` ignores `task_always_eager` and would drop the message into `memory://`.
Inline retries wait a little (0.25 s, doubling, at most 2 s), where a worker waits seconds to
minutes: acceptable for one developer's machine, and the reason production needs a broker.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from celery import Celery
from celery.exceptions import SoftTimeLimitExceeded

from zerowaste.application.ports.correlation import TASK_HEADER, current_request_id
from zerowaste.config import JOB_RETRY_BACKOFF_CAP, Settings

log = logging.getLogger(__name__)

RUN_JOB = "zerowaste.run_job"
PURGE_FINISHED_JOBS = "zerowaste.purge_finished_jobs"
# Raised inside a running handler when the task's soft time limit passes (JobService.timeouts).
TIME_LIMIT_ERRORS: tuple[type[BaseException], ...] = (SoftTimeLimitExceeded,)
# A publish retries this long when the broker blips, then the job fails as "could not be
# queued" (the request answers 503) rather than holding the request for the broker's timeout.
_PUBLISH_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
# `zerowaste run`'s broker when CELERY_BROKER_URL is unset (entrypoints.launcher): kombu's
# SQLAlchemy transport on a SQLite file beside the database. kombu passes its transport options
# to `create_engine`, so they are the engine's (a busy timeout), not Redis's socket options.
EMBEDDED_BROKER_FILE = "celery-broker.sqlite"
_SQL_BROKER_OPTIONS: dict[str, Any] = {"connect_args": {"timeout": 10}}


def embedded_broker_url(var_dir: Path) -> str:
    """The embedded broker's URL: `sqla+sqlite:////abs/var/celery-broker.sqlite`."""
    return f"sqla+sqlite:///{var_dir.resolve() / EMBEDDED_BROKER_FILE}"


def is_sql_broker(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("sqla+", "sqlalchemy+"))


def celery_conf(settings: Settings) -> dict[str, Any]:
    """What producer and worker must agree on: serialisation, acks_late, visibility timeout.

    The unacked-message sweep (kombu's `restore_visible`, how a dead worker's message comes
    back) runs every quarter of the visibility timeout (at most each minute) instead of
    kombu's default of about 100 s, so a short timeout is honoured by a short wait. The
    embedded SQL broker has no visibility timeout (kombu's SQLAlchemy transport marks a
    delivered row invisible; a warm shutdown puts unacknowledged messages back) and gets a
    SQLite busy timeout instead.
    """
    visibility = settings.celery_visibility_timeout
    transport: dict[str, Any] = {
        "visibility_timeout": visibility,
        "unacked_restore_interval": max(1, min(60, visibility // 4)),
        "unacked_restore_throttle": 1,
        "socket_connect_timeout": 2,
        "socket_timeout": 10,
    }
    if is_sql_broker(settings.celery_broker_url):
        transport = dict(_SQL_BROKER_OPTIONS)
    return {
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "enable_utc": True,
        "timezone": "UTC",
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": transport,
        "result_expires": 86400,
        # A prefork child builds the Flask app before it reports ready (entrypoints.worker);
        # Celery's default of 4 s is too short for that on a loaded machine.
        "worker_proc_alive_timeout": 60,
    }


def retry_delay(
    retries: int,
    base: float,
    cap: float = JOB_RETRY_BACKOFF_CAP,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds before retry number `retries + 1`: base * 2^retries, capped, then jittered down
    by up to half, so jobs that failed together (a provider's outage) do not retry together."""
    return min(cap, base * 2.0**retries) * (0.5 + rand() / 2)


class CeleryTaskQueue:
    def __init__(self, celery: Celery) -> None:
        self._celery = celery

    @classmethod
    def from_settings(cls, settings: Settings) -> CeleryTaskQueue:
        """A producer-only Celery app on the broker (it defines no tasks)."""
        producer = Celery("zerowaste", broker=settings.celery_broker_url, set_as_current=False)
        producer.conf.update(celery_conf(settings))
        return cls(producer)

    def enqueue(self, job_id: str) -> None:
        """The task id is the job id: the worker's log lines and `celery inspect` name the job.
        The request that enqueues it lends its request id (a message header) to the worker's
        log lines about the job."""
        request_id = current_request_id()
        self._celery.send_task(
            RUN_JOB,
            args=[job_id],
            task_id=job_id,
            retry=True,
            retry_policy=_PUBLISH_RETRY,
            headers={TASK_HEADER: request_id} if request_id else None,
        )


class InlineTaskQueue:
    """Runs the job at once in the caller's process (no broker): up to `max_retries` retries
    with short waits, the last attempt final, as the worker would. Never raises: the job row
    records the outcome, and a failure of the bookkeeping itself is logged."""

    def __init__(
        self,
        max_retries: int,
        *,
        delay: Callable[[int], float] = lambda retries: retry_delay(retries, 0.25, cap=2),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._max_retries = max_retries
        self._delay = delay
        self._sleep = sleep
        self._run: Callable[..., None] | None = None

    def attach(self, run: Callable[..., None]) -> None:
        """`JobService.run`, handed over by the composition root once the service exists."""
        self._run = run

    def enqueue(self, job_id: str) -> None:
        if self._run is None:
            raise RuntimeError("InlineTaskQueue.attach() was not called")
        for retries in range(self._max_retries + 1):
            final = retries == self._max_retries
            try:
                self._run(job_id, final_attempt=final)
                return
            except Exception:
                if final:
                    log.exception("job %s: inline run failed", job_id)
                    return
                self._sleep(self._delay(retries))
