"""Celery task metrics and request ids: API (queue) -> Celery message headers -> worker log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from prometheus_client import REGISTRY, generate_latest
from sqlalchemy import create_engine

from tests.conftest import service_missing
from tests.metrics_scrape import sample
from tests.served import free_port
from zerowaste.application.ports.correlation import TASK_HEADER, bind_request_id, reset_request_id
from zerowaste.config import Settings
from zerowaste.entrypoints.worker import make_celery
from zerowaste.infrastructure.metrics import PrometheusMetrics
from zerowaste.infrastructure.metrics.pool import instrument_pool
from zerowaste.infrastructure.queue import CeleryTaskQueue

ROOT = Path(__file__).resolve().parents[3]
TASKS = "zerowaste_celery_tasks_total"


def local() -> str:
    return generate_latest(REGISTRY).decode()


def eager_celery() -> Any:
    return make_celery(Settings(env="testing", database_url="sqlite://", jwt_secret_key="x" * 40))


def test_a_task_run_is_counted_and_timed_by_name_and_state() -> None:
    celery = eager_celery()

    @celery.task(name="zerowaste.test_boom", shared=False)  # type: ignore[untyped-decorator]
    def boom() -> None:
        raise RuntimeError("boom")

    ok = {"task": "zerowaste.ping", "state": "success"}
    failed = {"task": "zerowaste.test_boom", "state": "failure"}
    before = local()

    assert celery.tasks["zerowaste.ping"].apply().get() == "pong"
    assert celery.tasks["zerowaste.test_boom"].apply().failed()

    after = local()
    assert sample(after, TASKS, **ok) == sample(before, TASKS, **ok) + 1
    assert sample(after, TASKS, **failed) == sample(before, TASKS, **failed) + 1
    count = "zerowaste_celery_task_duration_seconds_count"
    assert sample(after, count, **ok) == sample(before, count, **ok) + 1


def test_the_queue_puts_the_requests_id_in_the_task_headers() -> None:
    sent: list[dict[str, Any]] = []

    class Recorder:
        def send_task(self, name: str, **options: Any) -> None:
            sent.append({"name": name, **options})

    queue = CeleryTaskQueue(Recorder())  # type: ignore[arg-type]
    token = bind_request_id("req-abc-12345678")
    try:
        queue.enqueue("job-1")
    finally:
        reset_request_id(token)
    queue.enqueue("job-2")  # outside any request: no header

    assert sent[0]["headers"] == {TASK_HEADER: "req-abc-12345678"}
    assert sent[0]["task_id"] == "job-1"
    assert sent[1]["headers"] is None


def test_ai_calls_tokens_and_cost_are_counted() -> None:
    labels = {"provider": "gemini", "operation": "recognize_test"}
    before = local()

    PrometheusMetrics().ai_call("gemini", "recognize_test", 120, 30, Decimal("0.0125"))

    after = local()
    assert sample(after, "zerowaste_ai_calls_total", **labels) == (
        sample(before, "zerowaste_ai_calls_total", **labels) + 1
    )
    tokens = "zerowaste_ai_tokens_total"
    assert sample(after, tokens, provider="gemini", direction="in") == (
        sample(before, tokens, provider="gemini", direction="in") + 120
    )
    cost = "zerowaste_ai_cost_usd_total"
    assert sample(after, cost, provider="gemini") == pytest.approx(
        sample(before, cost, provider="gemini") + 0.0125
    )


def test_pool_gauges_follow_checkouts(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'p.db'}", pool_size=3, max_overflow=2)
    instrument_pool(engine)
    name = "zerowaste_db_pool_connections"
    before = sample(local(), name, state="checked_out")
    with engine.connect():
        assert sample(local(), name, state="checked_out") == before + 1
    assert sample(local(), name, state="checked_out") == before
    engine.dispose()


@pytest.mark.redis
@pytest.mark.slow
def test_the_worker_logs_the_request_id_and_serves_its_task_metrics(
    tmp_path: Path, sqlite_url: str
) -> None:
    import redis

    base = int(os.environ.get("ZW_TEST_REDIS_DB_BASE", "0"))
    broker = f"redis://127.0.0.1:6379/{base + 3}"
    try:
        redis.Redis.from_url(broker, socket_connect_timeout=1).flushdb()
    except redis.RedisError as exc:
        service_missing("Redis", exc)
    port = free_port()
    env = {
        **os.environ,
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "ZW_VAR_DIR": str(tmp_path),
        "DATABASE_URL": sqlite_url,
        "JWT_SECRET_KEY": "x" * 40,
        "LOG_JSON": "1",
        "LOG_LEVEL": "INFO",
        "WORKER_METRICS_PORT": str(port),
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    command = [sys.executable, "-m", "celery", "-A", "zerowaste.entrypoints.worker", "worker"]
    command += ["-P", "solo", "--without-gossip", "--without-mingle", "--without-heartbeat"]
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        worker = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)
    try:
        settings = Settings(
            env="testing", database_url="sqlite://", jwt_secret_key="x" * 40,
            celery_broker_url=broker, celery_result_backend=broker,
        )  # fmt: skip
        client = make_celery(settings)
        sent = client.send_task("zerowaste.ping", headers={TASK_HEADER: "edge-req-0042abcd"})
        assert sent.get(timeout=60) == "pong"
        # The API's queue: the request id bound by the middleware goes into the headers.
        token = bind_request_id("api-req-7777wxyz")
        try:
            CeleryTaskQueue.from_settings(settings).enqueue("no-such-job-0001")
        finally:
            reset_request_id(token)
        records = _wait_for_records(log_path, {"edge-req-0042abcd", "api-req-7777wxyz"})
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as reply:
            exposition = reply.read().decode()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    ping = records["edge-req-0042abcd"]
    assert ping["message"].startswith("task zerowaste.ping success")
    assert records["api-req-7777wxyz"]["message"].startswith("task zerowaste.run_job")
    assert sample(exposition, TASKS, task="zerowaste.ping", state="success") == 1


def _wait_for_records(log_path: Path, wanted: set[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and set(found) != wanted:
        for line in log_path.read_text().splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            rid = record.get("request_id") if isinstance(record, dict) else None
            if rid in wanted and str(record.get("message", "")).startswith("task "):
                found[rid] = record
        time.sleep(0.3)
    assert set(found) == wanted, log_path.read_text()[-3000:]
    return found
