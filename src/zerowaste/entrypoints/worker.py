"""Celery entry point: `celery -A zerowaste.entrypoints.worker worker` (and `beat`).

The Celery app is built from Settings: the broker is CELERY_BROKER_URL; without it tasks run
eagerly in the calling process (the embedded default needs no broker). Tasks are acknowledged
late and given back to the queue when the worker process dies, one message is prefetched at a
time, and only JSON crosses the broker.

Every task runs inside an app context (KitchenOwl's FlaskTask): the Flask app comes from the
composition root, built on the first task of each worker process (after the pool forks, never
in the parent), so a task reaches the application services, the database engine and the cache
as a request does (`current_app.extensions`). A task run eagerly inside a request uses that
request's app.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from celery import Celery, Task
from flask import Flask, has_app_context

from zerowaste.config import Settings


class FlaskTask(Task):  # type: ignore[misc]  # celery ships no type hints
    """Runs the task inside an app context of the worker process's Flask app."""

    flask_app: Callable[[], Flask]  # bound per Celery app by `make_celery`

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if has_app_context():
            return super().__call__(*args, **kwargs)
        with self.flask_app().app_context():
            return super().__call__(*args, **kwargs)


def make_celery(settings: Settings) -> Celery:
    broker = settings.celery_broker_url
    task_base = type("FlaskTask", (FlaskTask,), {"flask_app": staticmethod(_app_once(settings))})
    celery = Celery(
        "zerowaste",
        broker=broker or "memory://",
        backend=settings.celery_result_backend,
        task_cls=task_base,
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


def _app_once(settings: Settings) -> Callable[[], Flask]:
    """The Flask app for `settings`, built by the composition root on first call, then kept."""
    lock = threading.Lock()
    built: list[Flask] = []

    def flask_app() -> Flask:
        with lock:  # a threaded pool's first tasks must not build one app each
            if not built:
                from zerowaste.bootstrap import create_app

                built.append(create_app(settings))
            return built[0]

    return flask_app


settings = Settings.from_env()
app = make_celery(settings)


@app.task(name="zerowaste.ping")  # type: ignore[untyped-decorator]  # celery has no hints
def ping() -> str:
    """Round trip through the broker: proves a worker consumes the queue (make stack, probes)."""
    return "pong"
