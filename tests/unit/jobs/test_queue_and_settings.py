"""The queue adapters without a broker (inline runs with retries, the Celery publish call, the
backoff), and the job settings' rules."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from zerowaste.config import ConfigError, Settings
from zerowaste.infrastructure.queue import (
    RUN_JOB,
    CeleryTaskQueue,
    InlineTaskQueue,
    celery_conf,
    embedded_broker_url,
    is_sql_broker,
    retry_delay,
)

pytestmark = pytest.mark.unit


class Runs:
    """JobService.run stand-in: raises the queued errors, one per call, then returns."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls: list[tuple[str, bool]] = []

    def __call__(self, job_id: str, *, final_attempt: bool) -> None:
        self.calls.append((job_id, final_attempt))
        if self.errors:
            raise self.errors.pop(0)


def inline(max_retries: int, runs: Runs, waits: list[float]) -> InlineTaskQueue:
    queue = InlineTaskQueue(max_retries, delay=lambda n: float(n + 1), sleep=waits.append)
    queue.attach(runs)
    return queue


def test_inline_runs_the_job_at_once() -> None:
    runs, waits = Runs(), []
    inline(4, runs, waits).enqueue("a" * 32)
    assert runs.calls == [("a" * 32, False)] and waits == []


def test_inline_retries_after_a_wait_and_marks_the_last_attempt_final() -> None:
    runs, waits = Runs(*[RuntimeError("busy")] * 5), []
    inline(2, runs, waits).enqueue("j")  # never raises: the job row holds the outcome
    assert runs.calls == [("j", False), ("j", False), ("j", True)]
    assert waits == [1.0, 2.0]


def test_inline_needs_the_service_attached() -> None:
    with pytest.raises(RuntimeError, match="attach"):
        InlineTaskQueue(1).enqueue("j")


def test_the_backoff_doubles_is_capped_and_jittered_down_by_at_most_half() -> None:
    assert [retry_delay(n, 2, rand=lambda: 1.0) for n in range(4)] == [2, 4, 8, 16]
    assert [retry_delay(n, 2, rand=lambda: 0.0) for n in range(4)] == [1, 2, 4, 8]
    assert retry_delay(20, 2, cap=300, rand=lambda: 1.0) == 300


def test_celery_queue_publishes_run_job_by_name_with_the_job_id() -> None:
    sent: list[tuple[str, dict[str, Any]]] = []

    class Producer:
        def send_task(self, name: str, **options: Any) -> None:
            sent.append((name, options))

    CeleryTaskQueue(Producer()).enqueue("b" * 32)  # type: ignore[arg-type]
    ((name, options),) = sent
    assert name == RUN_JOB == "zerowaste.run_job"
    assert options["args"] == ["b" * 32] and options["task_id"] == "b" * 32
    assert options["retry"] is True


def test_the_visibility_timeout_reaches_the_transport_and_its_sweep() -> None:
    short = celery_conf(Settings(celery_visibility_timeout=2))["broker_transport_options"]
    default = celery_conf(Settings())["broker_transport_options"]
    assert (short["visibility_timeout"], short["unacked_restore_interval"]) == (2, 1)
    assert (default["visibility_timeout"], default["unacked_restore_interval"]) == (3600, 60)


def test_the_embedded_sql_broker_gets_a_busy_timeout_and_no_redis_socket_options(
    tmp_path: Path,
) -> None:
    url = embedded_broker_url(tmp_path)
    options = celery_conf(Settings(celery_broker_url=url))["broker_transport_options"]

    assert url == f"sqla+sqlite:///{tmp_path}/celery-broker.sqlite"
    assert options == {"connect_args": {"timeout": 10}}  # kombu hands them to create_engine
    assert is_sql_broker(url) and not is_sql_broker("redis://h/1") and not is_sql_broker(None)


def test_a_test_beat_interval_replaces_every_entrys_crontab(tmp_path: Path) -> None:
    from zerowaste.entrypoints.worker import BEAT_SCHEDULE, beat_schedule

    fast = beat_schedule(Settings(env="testing", test_beat_seconds=2))
    assert beat_schedule(Settings()) is BEAT_SCHEDULE
    assert set(fast) == set(BEAT_SCHEDULE)
    assert {entry["schedule"] for entry in fast.values()} == {timedelta(seconds=2)}
    assert [e["task"] for e in fast.values()] == [e["task"] for e in BEAT_SCHEDULE.values()]
    parsed = Settings.from_env(env(tmp_path, ZW_ENV="testing", ZW_TEST_BEAT_SECONDS="3"))
    assert parsed.test_beat_seconds == 3
    assert Settings.from_env(env(tmp_path)).test_beat_seconds is None


def env(tmp_path: Path, **values: str) -> dict[str, str]:
    return {"ZW_VAR_DIR": str(tmp_path), "JWT_SECRET_KEY": "k" * 40, **values}


def test_job_settings_are_read_from_the_environment(tmp_path: Path) -> None:
    settings = Settings.from_env(
        env(
            tmp_path,
            ZW_ENV="testing",
            CELERY_VISIBILITY_TIMEOUT="5",
            JOB_MAX_RETRIES="2",
            JOB_RETRY_BACKOFF="1",
            JOB_SOFT_TIME_LIMIT="3",
            JOB_TIME_LIMIT="4",
            ZW_TEST_JOB_HANDLERS="tests.fakes.job_handlers",
        )
    )
    assert (settings.celery_visibility_timeout, settings.job_max_retries) == (5, 2)
    assert (settings.job_retry_backoff, settings.job_soft_time_limit) == (1, 3)
    assert (settings.job_time_limit, settings.test_job_handlers) == (4, "tests.fakes.job_handlers")
    defaults = Settings.from_env(env(tmp_path))
    assert (defaults.job_max_retries, defaults.job_soft_time_limit, defaults.job_time_limit) == (
        4,
        120,
        150,
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"JOB_SOFT_TIME_LIMIT": "150"}, "JOB_TIME_LIMIT must be greater"),
        ({"ZW_TEST_JOB_HANDLERS": "tests.fakes.job_handlers"}, "only with ZW_ENV=testing"),
        (
            {"ZW_TEST_JOB_HANDLERS": "tests.fakes.job_handlers", "ZW_ENV": "production"},
            "only with ZW_ENV=testing",
        ),
        ({"ZW_ENV": "production", "CELERY_VISIBILITY_TIMEOUT": "400"}, "runs live jobs twice"),
        ({"ZW_TEST_BEAT_SECONDS": "1"}, "rewrites the schedule; only with ZW_ENV=testing"),
    ],
)
def test_job_settings_that_would_misbehave_are_refused(
    tmp_path: Path, values: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env(tmp_path, CORS_ORIGINS="https://app.example", **values))
