"""Ports of the jobs feature: the job rows, the queue that hands a job id to a worker, and the
contract of a handler (the function a feature registers to do one type of job's work).

A handler is `handler(job, progress) -> dict`: it reads its input from `job.payload`, may call
`progress.report(percent, step)` as it goes, and returns the result (a JSON-ready dict the
client gets back). It may run more than once for the same job: a transient failure is retried,
and a message whose worker died is delivered again. Writes it makes must therefore be
idempotent (keyed by `job.id`, or checked before they are made).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.jobs import Job


class RetryableJobError(Exception):
    """Raised by a handler for a failure that may pass (a provider's 429/5xx, a timeout): the
    worker runs the job again after a backoff; on the last attempt the job fails with this
    message, so it must be fit to show the client (no internals, no traceback).

    A handler may also let `UpstreamUnavailable` through (a `ProviderFailed` with
    `retryable=True` included): those are retried the same way.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Progress(Protocol):
    def report(self, percent: int, step: str) -> None: ...


Handler = Callable[[Job, Progress], dict[str, Any]]


class JobRepository(Protocol):
    def add(self, job: Job) -> None: ...

    def get(self, job_id: str) -> Job | None: ...

    def save(self, job: Job) -> None: ...

    def list_for_owner(self, owner_uid: str, limit: int) -> list[Job]: ...  # newest first

    def delete_finished_before(self, cutoff: datetime) -> int: ...  # rows deleted


class JobsUnitOfWork(UnitOfWork, Protocol):
    @property
    def jobs(self) -> JobRepository: ...


class TaskQueue(Protocol):
    """Hands a stored job to a worker. Called after the job row is committed, so the worker
    always finds it; raises when the job could not be handed over (broker down)."""

    def enqueue(self, job_id: str) -> None: ...
