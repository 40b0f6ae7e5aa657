"""In-memory fakes of the jobs ports: a unit of work with only `jobs` (FakeJobsUnitOfWork
works on a copy and writes it back on commit, like tests/fakes' FakeUnitOfWork) and a task
queue that records what it was given and when; JobsWorld wires a JobService on them."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Any

from tests.fakes import FixedClock
from tests.fakes.job_handlers import register as register_test_handlers
from zerowaste.application.jobs.ports import Progress
from zerowaste.application.jobs.service import JobService
from zerowaste.domain.jobs import TERMINAL, Job


@dataclass
class FakeJobsStore:
    jobs: dict[str, Job] = field(default_factory=dict)
    commits: int = 0
    events: list[str] = field(default_factory=list)  # "commit", "enqueue <id>", in order


class FakeJobRepository:
    def __init__(self, jobs: dict[str, Job]) -> None:
        self._jobs = jobs

    def add(self, job: Job) -> None:
        if job.id in self._jobs:
            raise ValueError(f"duplicate job {job.id}")  # the primary key would refuse it
        self._jobs[job.id] = copy.deepcopy(job)

    def get(self, job_id: str) -> Job | None:
        found = self._jobs.get(job_id)
        return copy.deepcopy(found) if found else None

    def save(self, job: Job) -> None:
        if job.id not in self._jobs:
            raise LookupError(job.id)
        self._jobs[job.id] = copy.deepcopy(job)

    def list_for_owner(self, owner_uid: str, limit: int) -> list[Job]:
        mine = [j for j in self._jobs.values() if j.owner_uid == owner_uid]
        mine.sort(key=lambda j: (j.created_at, j.id), reverse=True)
        return copy.deepcopy(mine[:limit])

    def delete_finished_before(self, cutoff: datetime) -> int:
        old = [
            j.id
            for j in self._jobs.values()
            if j.status in TERMINAL and j.completed_at and j.completed_at < cutoff
        ]
        for job_id in old:
            del self._jobs[job_id]
        return len(old)


class FakeJobsUnitOfWork:
    def __init__(self, store: FakeJobsStore, *, write: bool) -> None:
        self._store = store
        self._write = write

    def __enter__(self) -> FakeJobsUnitOfWork:
        self.rollback()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        if not self._write:
            raise AssertionError("commit() on a read-only unit of work")
        self._store.jobs = copy.deepcopy(self._jobs)
        self._store.commits += 1
        self._store.events.append("commit")

    def rollback(self) -> None:
        self._jobs = copy.deepcopy(self._store.jobs)
        self.jobs = FakeJobRepository(self._jobs)


class FakeJobsUowFactory:
    def __init__(self, store: FakeJobsStore | None = None) -> None:
        self.store = store or FakeJobsStore()

    def __call__(self) -> FakeJobsUnitOfWork:
        return FakeJobsUnitOfWork(self.store, write=True)

    def read(self) -> FakeJobsUnitOfWork:
        return FakeJobsUnitOfWork(self.store, write=False)


class FakeTaskQueue:
    """Records enqueued ids; `failure` makes enqueue raise it (a broker that is down). What
    the store held at enqueue time is kept, to prove the row was committed first."""

    def __init__(self, store: FakeJobsStore, failure: Exception | None = None) -> None:
        self._store = store
        self.failure = failure
        self.enqueued: list[str] = []
        self.seen_at_enqueue: dict[str, Job | None] = {}

    def enqueue(self, job_id: str) -> None:
        self._store.events.append(f"enqueue {job_id}")
        self.seen_at_enqueue[job_id] = copy.deepcopy(self._store.jobs.get(job_id))
        if self.failure is not None:
            raise self.failure
        self.enqueued.append(job_id)


class FakeTimeout(Exception):
    """Stands for Celery's SoftTimeLimitExceeded (the composition root passes the real one)."""


class JobsWorld:
    """A JobService on these fakes with the test-only handlers registered."""

    def __init__(self, queue_failure: Exception | None = None, max_attempts: int = 10) -> None:
        self.store = FakeJobsStore()
        self.uow = FakeJobsUowFactory(self.store)
        self.clock = FixedClock()
        self.queue = FakeTaskQueue(self.store, queue_failure)
        ids = (f"{n:032x}" for n in itertools.count(1))
        self.jobs = JobService(
            self.uow,
            self.clock,
            self.queue,
            max_attempts=max_attempts,
            timeouts=(FakeTimeout,),
            new_id=lambda: next(ids),
        )
        register_test_handlers(self.jobs)

    def handler(self, job_type: str, fn: Callable[[Job, Progress], Any]) -> None:
        self.jobs.register(job_type, fn)

    def stored(self, job_id: str) -> Job:
        return self.store.jobs[job_id]
