"""Jobs without a broker (the embedded default) and the worker's tasks run in-process: the
start runs the job inline after its commit, retries included; the worker app's `run_job`,
its failure hook (a hard time limit's path) and the nightly purge work on the database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from celery.exceptions import TimeLimitExceeded
from sqlalchemy import text

from tests.conftest import make_settings
from tests.integration.jobs.conftest import TEST_HANDLERS, add_owner
from zerowaste.application.jobs.service import TIMED_OUT
from zerowaste.bootstrap import create_app
from zerowaste.config import Settings
from zerowaste.domain.jobs import JobStatus
from zerowaste.entrypoints.worker import make_celery
from zerowaste.infrastructure.queue import PURGE_FINISHED_JOBS, RUN_JOB, InlineTaskQueue

pytestmark = pytest.mark.integration


@pytest.fixture
def settings(tmp_path: Path, sqlite_url: str) -> Settings:
    return make_settings(tmp_path, database_url=sqlite_url, test_job_handlers=TEST_HANDLERS)


@pytest.fixture
def app(settings: Settings) -> Iterator[Any]:
    application = create_app(settings)
    add_owner(application.extensions["zerowaste.engine"])
    yield application
    application.extensions["zerowaste.engine"].dispose()


def test_without_a_broker_a_started_job_is_finished_when_start_returns(app: Any) -> None:
    jobs = app.extensions["zerowaste.services"].jobs
    assert isinstance(jobs._queue, InlineTaskQueue)

    job = jobs.start("ana", "test.echo", {"word": "hola"})

    assert job.status is JobStatus.COMPLETED
    assert job.result == {"echo": {"word": "hola"}, "attempts": 1}
    assert jobs.get("ana", job.id) == job


def test_inline_jobs_are_retried_and_fail_with_their_reason_on_the_last_attempt(
    settings: Settings,
) -> None:
    app = create_app(replace(settings, job_max_retries=2))  # waits 0.125-0.25 s, 0.25-0.5 s
    try:
        add_owner(app.extensions["zerowaste.engine"])
        jobs = app.extensions["zerowaste.services"].jobs
        done = jobs.start("ana", "test.flaky", {"succeed_on": 2})
        failed = jobs.start("ana", "test.flaky", {"succeed_on": 99})
    finally:
        app.extensions["zerowaste.engine"].dispose()

    assert (done.status, done.result) == (JobStatus.COMPLETED, {"attempts": 2})
    assert (failed.status, failed.attempts) == (JobStatus.FAILED, 3)
    assert failed.error == "The provider is busy (attempt 3)"


def test_the_worker_apps_run_job_runs_a_stored_job_once(settings: Settings) -> None:
    celery = make_celery(settings)
    flask_app = celery.tasks[RUN_JOB].flask_app()
    try:
        add_owner(flask_app.extensions["zerowaste.engine"])
        jobs = flask_app.extensions["zerowaste.services"].jobs
        job = jobs.start("ana", "test.echo", {"n": 1})  # inline: completed already
        celery.tasks[RUN_JOB].delay(job.id).get()  # a duplicate message: a no-op
        assert jobs.get("ana", job.id) == job
    finally:
        flask_app.extensions["zerowaste.engine"].dispose()


def test_a_task_killed_by_the_hard_time_limit_leaves_its_job_failed(settings: Settings) -> None:
    celery = make_celery(settings)
    task = celery.tasks[RUN_JOB]
    flask_app = task.flask_app()
    try:
        add_owner(flask_app.extensions["zerowaste.engine"])
        jobs = flask_app.extensions["zerowaste.services"].jobs
        job_id = "c" * 32
        with flask_app.extensions["zerowaste.engine"].begin() as conn:  # a job left running
            conn.execute(
                text(
                    "INSERT INTO jobs (id, type, owner_uid, status, progress, step, payload, "
                    "attempts, created_at, updated_at) VALUES (:id, 'test.sleep', 'ana', "
                    "'processing', 5, 'sleeping', '{}', 1, '2025-06-01', '2025-06-01')"
                ),
                {"id": job_id},
            )
        # What Celery calls in the pool's parent process when it kills the task's child.
        task.on_failure(TimeLimitExceeded(150), job_id, [job_id], {}, None)

        found = jobs.get("ana", job_id)
        assert (found.status, found.error) == (JobStatus.FAILED, TIMED_OUT)
    finally:
        flask_app.extensions["zerowaste.engine"].dispose()


def test_the_nightly_purge_is_scheduled_and_deletes_old_finished_jobs(settings: Settings) -> None:
    celery = make_celery(settings)
    schedule = celery.conf.beat_schedule["purge-finished-jobs"]
    assert schedule["task"] == PURGE_FINISHED_JOBS
    assert schedule["schedule"].remaining_estimate(schedule["schedule"].now()) <= timedelta(days=1)

    flask_app = celery.tasks[PURGE_FINISHED_JOBS].flask_app()
    try:
        add_owner(flask_app.extensions["zerowaste.engine"])
        jobs = flask_app.extensions["zerowaste.services"].jobs
        kept = jobs.start("ana", "test.echo", {})
        with flask_app.extensions["zerowaste.engine"].begin() as conn:
            old = jobs.start("ana", "test.echo", {})
            conn.execute(
                text("UPDATE jobs SET completed_at = '2000-01-01 00:00:00' WHERE id = :id"),
                {"id": old.id},
            )
        assert celery.tasks[PURGE_FINISHED_JOBS].delay().get() == 1
        assert [j.id for j in jobs.recent("ana")] == [kept.id]
    finally:
        flask_app.extensions["zerowaste.engine"].dispose()
