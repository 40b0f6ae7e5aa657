"""Background jobs: slow work (AI recognition, generation, reports, imports) a request starts and
a worker finishes, while the client polls the job's status, progress and result.

A job moves pending -> processing -> completed | failed. `processing` may start again: a
message redelivered after its worker died, or a retry after a transient failure, runs the job
once more (each start counts an attempt). `completed` and `failed` are terminal: a redelivered
or duplicated message must never run a finished job again, so every transition out of them is
refused here, where the worker's idempotency rests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from zerowaste.domain.shared.errors import InvalidInput, RuleViolation

MAX_TYPE_LENGTH = 64
MAX_STEP_LENGTH = 200
MAX_ERROR_LENGTH = 500
_JOB_ID = re.compile(r"[0-9a-f]{32}")
_JOB_TYPE = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")


class JobStatus(StrEnum):
    PENDING = "pending"
    PROCESSING = "processing"
    COMPLETED = "completed"
    FAILED = "failed"


TERMINAL = frozenset({JobStatus.COMPLETED, JobStatus.FAILED})


class JobStateError(RuleViolation):
    """A transition the job's status does not allow (e.g. running a finished job)."""

    code = "job_state"


def is_job_id(value: str) -> bool:
    """32 lowercase hex digits (uuid4().hex): anything else cannot name a job."""
    return bool(_JOB_ID.fullmatch(value))


def check_job_type(value: str) -> str:
    """Dotted lowercase names, feature first ("recognition.scan", "test.echo")."""
    if len(value) > MAX_TYPE_LENGTH or not _JOB_TYPE.fullmatch(value):
        raise InvalidInput(f"Invalid job type {value[:80]!r}", code="job_type_invalid")
    return value


@dataclass
class Job:
    id: str
    type: str
    owner_uid: str
    status: JobStatus
    created_at: datetime
    updated_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    progress: int = 0  # percent, 0-100, never goes down while the job runs
    step: str = ""  # what the job is doing, in words the client may show
    result: dict[str, Any] | None = None
    error: str | None = None  # a message safe to show: never a traceback
    attempts: int = 0  # starts so far (retries and redeliveries included)
    started_at: datetime | None = None  # the latest attempt's start
    completed_at: datetime | None = None  # when it reached completed or failed

    @classmethod
    def new(
        cls, job_id: str, job_type: str, owner_uid: str, payload: dict[str, Any], now: datetime
    ) -> Job:
        if not is_job_id(job_id):
            raise InvalidInput("A job id is 32 lowercase hex digits", code="job_id_invalid")
        return cls(
            id=job_id,
            type=check_job_type(job_type),
            owner_uid=owner_uid,
            status=JobStatus.PENDING,
            created_at=now,
            updated_at=now,
            payload=dict(payload),
            step="queued",
        )

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL

    def start(self, now: datetime) -> None:
        """Begin an attempt. A processing job starts again: its previous attempt was retried or
        its worker died (the message came back); the job keeps the progress it had reached."""
        self._refuse_if_terminal("start")
        self.status = JobStatus.PROCESSING
        self.attempts += 1
        self.started_at = now
        self.updated_at = now

    def report(self, percent: int, step: str, now: datetime | None = None) -> None:
        """Record progress of the running attempt. Percent is clamped to 0-100 and never moves
        back: a retried attempt that reports from 0 again does not make a poller's bar jump."""
        if self.status is not JobStatus.PROCESSING:
            raise JobStateError(f"Job {self.id} is {self.status}, not processing")
        self.progress = max(self.progress, min(100, max(0, int(percent))))
        self.step = step[:MAX_STEP_LENGTH]
        if now is not None:
            self.updated_at = now

    def complete(self, result: dict[str, Any], now: datetime) -> None:
        if self.status is not JobStatus.PROCESSING:
            raise JobStateError(f"Job {self.id} is {self.status}; only a running job completes")
        self.status = JobStatus.COMPLETED
        self.result = dict(result)
        self.error = None
        self.progress = 100
        self.completed_at = now
        self.updated_at = now

    def fail(self, reason: str, now: datetime) -> None:
        """Give the job up (from pending too: it could not be queued, or was never picked up)."""
        self._refuse_if_terminal("fail")
        self.status = JobStatus.FAILED
        self.error = (reason.strip() or "The job failed")[:MAX_ERROR_LENGTH]
        self.completed_at = now
        self.updated_at = now

    def _refuse_if_terminal(self, action: str) -> None:
        if self.is_terminal:
            raise JobStateError(f"Job {self.id} is {self.status}; cannot {action} it")
