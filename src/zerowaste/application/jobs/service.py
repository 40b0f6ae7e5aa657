"""Background jobs (the 202 pattern): a use case stores a job row and hands its id to a worker;
the worker runs the handler registered for the job's type, which records progress and a result
on the row; the client polls the row.

Guarantees, and where they come from:
- a worker always finds the job it is given: `start` commits the row before enqueueing;
- a job whose message could not be queued is not left pending: it is failed, and the caller
  gets `UpstreamUnavailable` (code `queue_unavailable`);
- a finished job never runs again (a redelivered or duplicated message is a no-op): `run`
  checks the row first, and the domain refuses to restart a terminal job;
- a failure the handler calls transient (`RetryableJobError`, `UpstreamUnavailable`) reaches
  the worker, which retries with backoff; on the final attempt the job fails with its message;
- any other exception fails the job with a fixed safe message; the traceback goes to the log.

A job that keeps killing its worker (out of memory, a segfault in a native library) would come
back forever with `reject_on_worker_lost`: after `max_attempts` starts it is failed instead.
"""

from __future__ import annotations

import copy
import json
import logging
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from zerowaste.application.jobs.ports import Handler, JobsUnitOfWork, RetryableJobError, TaskQueue
from zerowaste.application.ports.ai import ProviderFailed
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.read_routing import acting_for
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.domain.jobs import Job, JobStatus, check_job_type, is_job_id
from zerowaste.domain.shared.errors import (
    DomainError,
    InvalidInput,
    NotFound,
    TransientConflict,
    UpstreamUnavailable,
)

log = logging.getLogger(__name__)

MAX_PAYLOAD_BYTES = 64 * 1024  # a payload carries references (image keys, ids), not data
DEFAULT_MAX_ATTEMPTS = 10
UNEXPECTED = "The job failed because of an unexpected error"
TIMED_OUT = "The job timed out"
NOT_QUEUED = "The job could not be queued; try again later"
NO_HANDLER = "This kind of job cannot be run here"


def _new_id() -> str:
    return uuid.uuid4().hex


class JobService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[JobsUnitOfWork],
        clock: Clock,
        queue: TaskQueue,
        *,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        timeouts: tuple[type[BaseException], ...] = (),
        new_id: Callable[[], str] = _new_id,
    ) -> None:
        """`timeouts`: exceptions the worker raises inside a handler when its time is up
        (Celery's SoftTimeLimitExceeded); the composition root names them, this layer only
        knows they mean "timed out"."""
        self._uow = uow_factory
        self._clock = clock
        self._queue = queue
        self._max_attempts = max_attempts
        self._timeouts = timeouts
        self._new_id = new_id
        self._handlers: dict[str, Handler] = {}

    def register(self, job_type: str, handler: Handler) -> None:
        """Declare who runs `job_type` (composition root, once per process: web and worker)."""
        check_job_type(job_type)
        if self._handlers.get(job_type, handler) is not handler:
            raise ValueError(f"job type {job_type!r} already has a handler")
        self._handlers[job_type] = handler

    @property
    def job_types(self) -> frozenset[str]:
        return frozenset(self._handlers)

    def start(self, owner_uid: str, job_type: str, payload: dict[str, Any]) -> Job:
        """Store a pending job, commit, then enqueue it; the job as it is now (already
        completed when the queue runs jobs inline, the embedded default)."""
        if job_type not in self._handlers:
            raise InvalidInput(f"Unknown job type {job_type!r}", code="job_type_unknown")
        _check_payload(payload)
        job = Job.new(self._new_id(), job_type, owner_uid, payload, self._clock.now())
        with self._uow() as uow:
            uow.jobs.add(job)
            uow.commit()
        try:
            self._queue.enqueue(job.id)
        except Exception as exc:
            log.error("job %s (%s) could not be queued: %r", job.id, job.type, exc)
            self._finish_quietly(job.id, NOT_QUEUED)
            raise UpstreamUnavailable(
                "Background jobs are unavailable; try again later", code="queue_unavailable"
            ) from exc
        with self._uow.read() as uow:
            return uow.jobs.get(job.id) or job

    def get(self, owner_uid: str, job_id: str) -> Job:
        """The caller's job; another user's job, or none, is NotFound alike."""
        if is_job_id(job_id):
            with self._uow.read() as uow:
                job = uow.jobs.get(job_id)
            if job is not None and job.owner_uid == owner_uid:
                return job
        raise NotFound("Job not found", code="job_not_found")

    def recent(self, owner_uid: str, limit: int = 20) -> list[Job]:
        with self._uow.read() as uow:
            return uow.jobs.list_for_owner(owner_uid, max(1, min(limit, 100)))

    def run(self, job_id: str, *, final_attempt: bool) -> None:
        """The worker's entry: run the job once (a no-op when it is finished or unknown).

        Raises only what the worker should retry (RetryableJobError, UpstreamUnavailable),
        and only when `final_attempt` is False; the database's own failures pass through.
        """
        job = self._begin(job_id)
        if job is None:
            return
        with acting_for(job.owner_uid):  # the owner's next reads see what the job wrote
            self._run(job, final_attempt)

    def _run(self, job: Job, final_attempt: bool) -> None:
        job_id = job.id
        handler = self._handlers[job.type]
        try:
            result = handler(copy.deepcopy(job), _Progress(job_id, self._note))
        except Exception as exc:  # every failure ends here; BaseException (exit) passes
            if final_attempt or not _is_retryable(exc) or isinstance(exc, self._timeouts):
                self._finish(job_id, self._failure_reason(job, exc))
                return
            log.warning("job %s (%s) will be retried: %r", job.id, job.type, exc)
            self._note(job_id, "retrying")
            raise
        if not isinstance(result, dict) or not _json_ready(result):
            kind = type(result).__name__
            log.error("job %s (%s) returned %s, not a JSON dict", job.id, job.type, kind)
            self._finish(job_id, UNEXPECTED)
            return
        self._finish(job_id, None, result)

    def give_up(self, job_id: str, reason: str) -> bool:
        """Fail the job unless it is finished already (the worker's timeout and crash paths);
        whether it was failed now."""
        return self._finish(job_id, reason)

    def purge_finished(self, older_than: timedelta) -> int:
        """Delete jobs that finished before `older_than` ago (a scheduled housekeeping task)."""
        with self._uow() as uow:
            deleted = uow.jobs.delete_finished_before(self._clock.now() - older_than)
            uow.commit()
        return deleted

    def _begin(self, job_id: str) -> Job | None:
        now = self._clock.now()
        with self._uow() as uow:
            job = uow.jobs.get(job_id)
            if job is None or job.is_terminal:
                state = job.status if job else "unknown"
                log.info("job %s is %s: nothing to run", job_id, state)
                return None
            if job.type not in self._handlers:
                log.error("job %s: no handler registered for %r", job_id, job.type)
                job.fail(NO_HANDLER, now)
            elif job.attempts >= self._max_attempts:
                log.error("job %s (%s) given up after %d attempts", job_id, job.type, job.attempts)
                job.fail(f"The job was given up after {job.attempts} attempts", now)
            else:
                job.start(now)
            uow.jobs.save(job)
            uow.commit()
        return job if job.status is JobStatus.PROCESSING else None

    def _failure_reason(self, job: Job, exc: Exception) -> str:
        if isinstance(exc, self._timeouts):
            log.warning("job %s (%s) timed out", job.id, job.type)
            return TIMED_OUT
        if isinstance(exc, RetryableJobError):
            log.warning("job %s (%s) failed on its last attempt: %s", job.id, job.type, exc)
            return exc.message
        if isinstance(exc, DomainError):
            log.warning("job %s (%s) failed: %s (%s)", job.id, job.type, exc.message, exc.code)
            return exc.message
        log.exception("job %s (%s) failed unexpectedly", job.id, job.type, exc_info=exc)
        return UNEXPECTED

    @retrying
    def _finish(
        self, job_id: str, reason: str | None, result: dict[str, Any] | None = None
    ) -> bool:
        """Complete (reason None) or fail the job in one short transaction; False when it
        was finished already (the worker's crash path and a late handler can race)."""
        with self._uow() as uow:
            job = uow.jobs.get(job_id)
            if job is None or job.is_terminal:
                return False
            now = self._clock.now()
            if reason is None:
                job.complete(result or {}, now)
            else:
                job.fail(reason, now)
            uow.jobs.save(job)
            uow.commit()
        return True

    def _finish_quietly(self, job_id: str, reason: str) -> None:
        try:
            self._finish(job_id, reason)
        except Exception:  # the caller reports the original failure
            log.exception("job %s could not be marked failed", job_id)

    def _note(self, job_id: str, step: str, percent: int | None = None) -> None:
        """Progress in its own short transaction, so a poller sees it while the job runs."""
        try:
            with self._uow() as uow:
                job = uow.jobs.get(job_id)
                if job is None or job.status is not JobStatus.PROCESSING:
                    return
                job.report(job.progress if percent is None else percent, step, self._clock.now())
                uow.jobs.save(job)
                uow.commit()
        except TransientConflict as exc:  # progress is advice; the job goes on without it
            log.warning("job %s progress not recorded: %s", job_id, exc)


class _Progress:
    def __init__(self, job_id: str, note: Callable[[str, str, int | None], None]) -> None:
        self._job_id = job_id
        self._note = note

    def report(self, percent: int, step: str) -> None:
        self._note(self._job_id, step, percent)


def _is_retryable(exc: Exception) -> bool:
    if isinstance(exc, ProviderFailed):
        return exc.retryable
    return isinstance(exc, RetryableJobError | UpstreamUnavailable)


def _json_ready(value: dict[str, Any]) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True


def _check_payload(payload: dict[str, Any]) -> None:
    try:
        size = len(json.dumps(payload).encode())
    except (TypeError, ValueError) as exc:
        raise InvalidInput("A job payload must be JSON", code="job_payload_invalid") from exc
    if size > MAX_PAYLOAD_BYTES:
        raise InvalidInput(
            f"A job payload is at most {MAX_PAYLOAD_BYTES} bytes (send references, not data)",
            code="job_payload_invalid",
        )
