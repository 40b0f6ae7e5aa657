"""Jobs table and repository: one row per background job, polled by its owner.

Rows belong to a user and go with the account (ON DELETE CASCADE). `(owner_uid, created_at)`
serves the owner's newest-first list; `completed_at` (set only on finished jobs) serves the
housekeeping purge. Progress writes are single-row UPDATEs by primary key in their own short
transactions (application.jobs.service), so a poller sees them while the job runs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.domain.jobs import (
    MAX_ERROR_LENGTH,
    MAX_STEP_LENGTH,
    MAX_TYPE_LENGTH,
    TERMINAL,
    Job,
    JobStatus,
)
from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime


class JobRow(Base):
    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_owner_uid_created_at", "owner_uid", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    type: Mapped[str] = mapped_column(String(MAX_TYPE_LENGTH))
    owner_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    progress: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[str] = mapped_column(String(MAX_STEP_LENGTH), default="")
    payload: Mapped[Any] = mapped_column(JSONType)
    result: Mapped[Any] = mapped_column(JSONType, nullable=True)
    error: Mapped[str | None] = mapped_column(String(MAX_ERROR_LENGTH), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


_FIELDS = (
    "type",
    "owner_uid",
    "progress",
    "step",
    "payload",
    "result",
    "error",
    "attempts",
    "created_at",
    "started_at",
    "completed_at",
    "updated_at",
)


def _to_job(row: JobRow) -> Job:
    return Job(
        id=row.id,
        status=JobStatus(row.status),
        **{name: getattr(row, name) for name in _FIELDS},
    )


def _copy_into(row: JobRow, job: Job) -> None:
    row.status = job.status.value
    for name in _FIELDS:
        setattr(row, name, getattr(job, name))


class SqlAlchemyJobRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, job: Job) -> None:
        row = JobRow(id=job.id)
        _copy_into(row, job)
        self._s.add(row)
        self._s.flush()

    def get(self, job_id: str) -> Job | None:
        row = self._s.get(JobRow, job_id)
        return _to_job(row) if row is not None else None

    def save(self, job: Job) -> None:
        row = self._s.get(JobRow, job.id)
        if row is None:
            raise LookupError(f"job {job.id} is not stored")
        _copy_into(row, job)
        self._s.flush()

    def list_for_owner(self, owner_uid: str, limit: int) -> list[Job]:
        query = (
            select(JobRow)
            .where(JobRow.owner_uid == owner_uid)
            .order_by(JobRow.created_at.desc(), JobRow.id)
            .limit(limit)
        )
        return [_to_job(row) for row in self._s.scalars(query)]

    def delete_finished_before(self, cutoff: datetime) -> int:
        result = self._s.execute(
            delete(JobRow)
            .where(JobRow.completed_at < cutoff, JobRow.status.in_([s.value for s in TERMINAL]))
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
