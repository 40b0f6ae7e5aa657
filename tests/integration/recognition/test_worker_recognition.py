"""Row 17 end to end on a real Celery worker (issue #8, "Done when"): the web app (a Flask test
client in this process, publishing to Redis) and a worker subprocess (`-P solo`, as the jobs
tests run it) share one SQLite file and one var dir; the AI provider is the default, the local
engine, so the worker really runs tesseract on the uploaded receipt and Pillow for the pictures.

- A started recognition answers 202 `pending` (queued, not run in the web process), its status
  completes with the receipt's ingredients, the stored recognition reads back, and the worker
  draws a picture per name, which the web app then serves from the shared var dir.
- A worker killed (SIGKILL) mid-OCR leaves the job `processing` and its message unacknowledged;
  a restarted worker gets the message back once the visibility timeout (2 s here) has passed
  and completes the job. To kill reliably inside the OCR, that job is honestly slow: three
  photos of a 66-line receipt, about 2 s of tesseract each on the 2-core development machine
  (0.8 s for the 13-line receipt of the first test). Nothing in the app is faked or slowed.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import redis
from PIL import Image

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from tests.integration.ai.local import pictures
from tests.integration.ai.local.test_vision import EXPECTED, TICKET
from tests.integration.jobs.worker import Worker, worker_env
from zerowaste.bootstrap import create_app

pytestmark = [pytest.mark.integration, pytest.mark.redis]

UPLOAD = "/api/image_management/upload_image"
START = "/api/recognition/ingredients/async"
NAMES = [name for name, _, _ in EXPECTED]
# The ticket's six item lines ten times over: 66 lines, a 544 x 2452 px picture (stored at
# 2048 px high); the same five foods, each on ten lines per photo.
LONG_TICKET = TICKET[:3] + TICKET[3:9] * 10 + TICKET[9:]


class Stack:
    """One web app and its workers on one database, var dir and broker."""

    def __init__(self, tmp_path: Path, sqlite_url: str, broker: str) -> None:
        self.tmp_path, self.sqlite_url, self.broker = tmp_path, sqlite_url, broker
        settings = make_settings(tmp_path, database_url=sqlite_url, celery_broker_url=broker)
        self.app = create_app(settings)
        self.client = self.app.test_client()
        self.workers: list[Worker] = []
        self.log = tmp_path / "worker.log"

    def worker(self, **extra: str) -> Worker:
        env = worker_env(self.tmp_path, self.sqlite_url, self.broker, **extra)
        found = Worker(env, self.log, "solo")
        self.workers.append(found)
        return found

    def user(self) -> dict[str, str]:
        return bearer(signup(self.client)["access_token"])

    def upload(self, headers: dict[str, str], image: Image.Image, name: str = "ticket") -> str:
        response = self.client.post(
            UPLOAD,
            data={"image": (io.BytesIO(pictures.encode(image)), "ticket.png"), "item_name": name},
            headers=headers,
            content_type="multipart/form-data",
        )
        assert response.status_code == 201, response.json
        return str(response.json["image"]["image_path"])

    def get(self, path: str, headers: dict[str, str]) -> dict[str, Any]:
        response = self.client.get(path, headers=headers)
        assert response.status_code == 200, response.json
        body: dict[str, Any] = response.json
        return body

    def poll(
        self,
        path: str,
        headers: dict[str, str],
        done: Callable[[dict[str, Any]], bool],
        timeout: float = 30,
    ) -> dict[str, Any]:
        """The last answer: the first that is `done`, or the one at the deadline."""
        deadline = time.monotonic() + timeout
        while True:
            body = self.get(path, headers)
            if done(body) or time.monotonic() > deadline:
                return body
            time.sleep(0.05)

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.app.extensions["zerowaste.engine"].dispose()


@pytest.fixture
def stack(tmp_path: Path, sqlite_url: str, redis_url: str, tesseract: None) -> Iterator[Stack]:
    """`redis_url` is this xdist worker's own Redis database, flushed: the Celery broker."""
    found = Stack(tmp_path, sqlite_url, redis_url)
    yield found
    found.close()


def finished(job: dict[str, Any]) -> bool:
    return job["status"] in ("completed", "failed")


def received(log: Path, task_id: str) -> int:
    """How many times a worker received the job's task (task id = job id)."""
    return log.read_text().count(f"Task zerowaste.run_job[{task_id}] received")


def test_a_worker_recognises_an_uploaded_receipt_and_draws_its_pictures(stack: Stack) -> None:
    stack.worker().start()
    headers = stack.user()
    photo = stack.upload(headers, pictures.receipt(TICKET))

    started = stack.client.post(START, json={"images_paths": [photo]}, headers=headers)

    assert started.status_code == 202, started.json
    # Queued, not run here: the worker builds its app on its first task, well after this read.
    assert started.json["status"] == "pending"
    task = started.json["task_id"]
    job = stack.poll(f"/api/recognition/status/{task}", headers, finished)
    assert job["status"] == "completed", job
    result = job["result_data"]
    assert [item["name"] for item in result["ingredients"]] == NAMES
    assert (result["provider"], result["degraded"], job["progress_percentage"]) == (
        "local",
        False,
        100,
    )
    assert received(stack.log, task) == 1

    stored = stack.get(f"/api/recognition/recognition/{result['recognition_id']}", headers)
    found = [(i["name"], i["quantity"], i["type_unit"]) for i in stored["ingredients"]]
    assert found == [(name, float(quantity), unit) for name, quantity, unit in EXPECTED]
    assert stored["provider"] == "local"

    # One picture job for the five names, queued by the recognition job, run by the worker.
    images = stack.poll(
        f"/api/recognition/recognition/{result['recognition_id']}/images",
        headers,
        lambda body: body["images_status"] == "ready",
    )
    assert images["images_status"] == "ready", images
    assert (images["images_ready"], images["progress_percentage"]) == (5, 100)
    assert {i["image_status"] for i in images["ingredients"]} == {"ready"}
    assert received(stack.log, result["images_job_id"]) == 1
    drawn = urlsplit(images["ingredients"][0]["image_path"])
    served = stack.client.get(f"{drawn.path}?{drawn.query}")
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert Image.open(io.BytesIO(served.data)).size[0] > 0


@pytest.mark.slow
def test_a_recognition_whose_worker_is_killed_is_completed_by_a_restarted_worker(
    stack: Stack,
) -> None:
    first = stack.worker(CELERY_VISIBILITY_TIMEOUT="2")
    first.start()
    headers = stack.user()
    pages = [stack.upload(headers, pictures.receipt(LONG_TICKET), f"page {n}") for n in range(3)]
    task = stack.client.post(START, json={"images_paths": pages}, headers=headers).json["task_id"]
    status = f"/api/recognition/status/{task}"
    reading = stack.poll(status, headers, lambda job: job["current_step"] == "reading the photos")
    assert (reading["status"], reading["progress_percentage"]) == ("processing", 10), reading

    first.kill()

    broker = redis.Redis.from_url(stack.broker)
    assert broker.hlen("unacked") == 1 and broker.llen("celery") == 0  # delivered, not acked
    left = stack.get(status, headers)
    assert (left["status"], left["current_step"], left["completed_at"]) == (
        "processing",
        "reading the photos",
        None,
    )

    stack.worker(CELERY_VISIBILITY_TIMEOUT="2").start()
    done = stack.poll(status, headers, finished, timeout=40)

    assert done["status"] == "completed", done
    assert [item["name"] for item in done["result_data"]["ingredients"]] == NAMES
    assert received(stack.log, task) == 2  # the killed worker's delivery, then the redelivery
    stored = stack.get(
        f"/api/recognition/recognition/{done['result_data']['recognition_id']}", headers
    )
    assert len(stored["ingredients"]) == len(NAMES)
