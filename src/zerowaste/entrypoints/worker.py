"""Celery entry point: `celery -A zerowaste.entrypoints.worker worker` (and `beat`).

The Celery app is built from Settings: the broker is CELERY_BROKER_URL; without it tasks run
eagerly in the calling process (the embedded default needs no broker). Tasks are acknowledged
late and given back to the queue when the worker process dies, one message is prefetched at a
time, and only JSON crosses the broker. Application services are built lazily, once per worker
process after the pool forks (never in the parent), through the composition root.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from celery import Celery

from zerowaste.config import Settings

if TYPE_CHECKING:
    pass


def make_celery(settings: Settings) -> Celery:
    broker = settings.celery_broker_url
    celery = Celery(
        "zerowaste", broker=broker or "memory://", backend=settings.celery_result_backend
    )
    celery.conf.update(
        task_always_eager=broker is None,
        task_eager_propagates=False,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        enable_utc=True,
        timezone="UTC",
        broker_connection_retry_on_startup=True,
        # An unacknowledged message (acks_late) is redelivered after this many seconds.
        broker_transport_options={"visibility_timeout": 3600},
        result_expires=86400,
    )
    return celery


settings = Settings.from_env()
app = make_celery(settings)


@app.task(name="zerowaste.ping")
def ping() -> str:
    """Round trip through the broker: proves a worker consumes the queue (make stack, probes)."""
    return "pong"
