"""Celery entry point: `celery -A zerowaste.entrypoints.worker worker` (and `beat`).

The Celery app is built from Settings: the broker is CELERY_BROKER_URL; without it tasks run
eagerly in the calling process (the embedded default needs no broker). Tasks are acknowledged
late and given back to the queue when the worker process dies, one message is prefetched at a
time, and only JSON crosses the broker (`infrastructure.queue.celery_conf`, shared with the
web process that publishes jobs).

Every task runs inside an app context (KitchenOwl's FlaskTask): the Flask app comes from the
composition root, built on the first task of each worker process (after the pool forks, never
in the parent), so a task reaches the application services, the database engine and the cache
as a request does (`current_app.extensions`). A task run eagerly inside a request uses that
request's app.

`zerowaste.run_job(job_id)` runs one background job (application.jobs.JobService.run): acks
late, retried with jittered exponential backoff on transient failures, stopped by a soft and a
hard time limit (prefork and gevent pools only: `-P solo` and `-P threads` cannot interrupt a
task), and a no-op for a finished job, so a redelivered message is harmless. Beat runs
`BEAT_SCHEDULE`; later issues add their scheduled tasks there.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from celery import Celery, Task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from celery.schedules import crontab
from celery.signals import celeryd_after_setup, worker_process_init
from flask import Flask, current_app, has_app_context

from zerowaste.application.jobs.ports import RetryableJobError
from zerowaste.application.jobs.service import TIMED_OUT, UNEXPECTED
from zerowaste.application.services import Services
from zerowaste.config import Settings
from zerowaste.domain.shared.errors import UpstreamUnavailable
from zerowaste.entrypoints.priority import yield_cpu
from zerowaste.infrastructure.metrics import PrometheusMetrics
from zerowaste.infrastructure.metrics.tasks import connect_worker_metrics
from zerowaste.infrastructure.queue import (
    PURGE_FINISHED_JOBS,
    RUN_JOB,
    celery_conf,
    retry_delay,
)

log = logging.getLogger(__name__)

JOB_RETENTION = timedelta(days=30)  # finished jobs older than this are deleted nightly
SEND_EXPIRY_REMINDERS = "zerowaste.send_expiry_reminders"
DELIVER_DUE_NOTIFICATIONS = "zerowaste.deliver_due_notifications"
SEND_PLAN_REMINDERS = "zerowaste.send_plan_reminders"
SEND_TRENDING_RECIPES = "zerowaste.send_trending_recipes"
SEND_RECIPE_SUGGESTIONS = "zerowaste.send_recipe_suggestions"
RETRAIN_RECOMMENDER = "zerowaste.retrain_recommender"
SCRAPE_PRICES = "zerowaste.scrape_prices"
BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "purge-finished-jobs": {"task": PURGE_FINISHED_JOBS, "schedule": crontab(hour=3, minute=17)},
    # Each run reminds the users whose local morning (08:00) has come and who were not reminded
    # of those stacks today: every 15 minutes covers every time zone, half-hour ones included.
    "send-expiry-reminders": {"task": SEND_EXPIRY_REMINDERS, "schedule": crontab(minute="*/15")},
    # Tomorrow's planned meals, from 19:00 local (domain.notifications.plans), likewise.
    "send-plan-reminders": {"task": SEND_PLAN_REMINDERS, "schedule": crontab(minute="*/15")},
    # Recipes for what expires, from 17:00 local (domain.notifications.recipes), likewise.
    "send-recipe-suggestions": {
        "task": SEND_RECIPE_SUGGESTIONS,
        "schedule": crontab(minute="*/15"),
    },
    # The week's trending recipes from Sunday 10:00 local: every zone's Sunday morning to
    # midnight falls within Saturday 20:00 to Monday 12:00 UTC; the other days skip the run.
    "send-trending-recipes": {
        "task": SEND_TRENDING_RECIPES,
        "schedule": crontab(minute="*/15", day_of_week="sat,sun,mon"),
    },
    # Pushes deferred by quiet hours go once their time has come.
    "deliver-due-notifications": {"task": DELIVER_DUE_NOTIFICATIONS, "schedule": crontab()},
    # The recommender learns the day's interactions and feedback (web processes reload it).
    "retrain-recommender": {"task": RETRAIN_RECOMMENDER, "schedule": crontab(hour=4, minute=7)},
    # Supermarket prices, daily (a no-op unless PRICE_SOURCES enables some; issue #13).
    "scrape-prices": {"task": SCRAPE_PRICES, "schedule": crontab(hour=5, minute=41)},
}


class FlaskTask(Task):  # type: ignore[misc]  # celery ships no type hints
    """Runs the task inside an app context of the worker process's Flask app."""

    flask_app: Callable[[], Flask]  # bound per Celery app by `make_celery`

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if has_app_context():
            return super().__call__(*args, **kwargs)
        with self.flask_app().app_context():
            return super().__call__(*args, **kwargs)


class JobTask(FlaskTask):
    """`run_job`'s base: a job whose task failed outside the handler (the hard time limit
    killed its process, the soft one hit during bookkeeping, the database went away) is
    failed on its row, instead of showing "processing" forever. Celery calls `on_failure` in
    the pool's parent process for a hard time limit, hence the app context pushed here."""

    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        job_id = args[0] if args else kwargs.get("job_id")
        reason = (
            TIMED_OUT if isinstance(exc, SoftTimeLimitExceeded | TimeLimitExceeded) else UNEXPECTED
        )
        try:
            if has_app_context():
                _services().jobs.give_up(job_id, reason)
                return
            with self.flask_app().app_context():
                _services().jobs.give_up(job_id, reason)
        except Exception:
            log.exception("job %s: its failure could not be recorded", job_id)


def make_celery(settings: Settings) -> Celery:
    broker = settings.celery_broker_url
    flask_app = staticmethod(_app_once(settings))
    celery = Celery(
        "zerowaste",
        broker=broker or "memory://",
        backend=settings.celery_result_backend,
        task_cls=type("FlaskTask", (FlaskTask,), {"flask_app": flask_app}),
    )
    celery.conf.update(
        celery_conf(settings),
        task_always_eager=broker is None,
        task_eager_propagates=False,
        # The app's logging (configured when the first task builds it) writes to stderr; were
        # stderr Celery's logging proxy, every record after that would loop and be dropped.
        worker_redirect_stdouts=False,
        beat_schedule=beat_schedule(settings),
    )
    _define_tasks(celery, settings, type("JobTask", (JobTask,), {"flask_app": flask_app}))
    return celery


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    """BEAT_SCHEDULE; with ZW_TEST_BEAT_SECONDS (testing only) every entry runs that often, so a
    test sees a real beat send scheduled tasks within seconds."""
    every = settings.test_beat_seconds
    if not every:
        return BEAT_SCHEDULE
    return {
        name: {**entry, "schedule": timedelta(seconds=every)}
        for name, entry in BEAT_SCHEDULE.items()
    }


def _define_tasks(celery: Celery, settings: Settings, job_task: type[JobTask]) -> None:
    # shared=False: Celery would otherwise hand these closures (and their settings) to every
    # app created later in the process (tests build several).
    @celery.task(name="zerowaste.ping", shared=False)  # type: ignore[untyped-decorator]
    def ping() -> str:
        """Round trip through the broker: proves a worker consumes the queue (make stack)."""
        return "pong"

    @celery.task(  # type: ignore[untyped-decorator]
        name=RUN_JOB,
        shared=False,
        base=job_task,
        bind=True,
        acks_late=True,
        reject_on_worker_lost=True,
        ignore_result=True,
        max_retries=settings.job_max_retries,
        soft_time_limit=settings.job_soft_time_limit,
        time_limit=settings.job_time_limit,
    )
    def run_job(self: Task, job_id: str) -> None:
        """Run one job; a transient failure comes back after a jittered exponential wait."""
        retries = self.request.retries
        final = retries >= self.max_retries
        try:
            _services().jobs.run(job_id, final_attempt=final)
        except (RetryableJobError, UpstreamUnavailable) as exc:
            if final:
                raise
            wait = retry_delay(retries, settings.job_retry_backoff)
            log.info("job %s: retry %d in %.1f s", job_id, retries + 1, wait)
            raise self.retry(exc=exc, countdown=wait) from exc

    for name, (run, summary) in SCHEDULED_TASKS.items():
        _define_scheduled(celery, name, run, summary)


# The beat's tasks: what each runs on the worker's services, and the log line of its count.
SCHEDULED_TASKS: dict[str, tuple[Callable[[Services], object], str]] = {
    # Housekeeping, nightly: finished jobs older than JOB_RETENTION go.
    PURGE_FINISHED_JOBS: (lambda s: s.jobs.purge_finished(JOB_RETENTION), "purged %s jobs"),
    # The daily expiry reminder of every user whose local morning has come.
    SEND_EXPIRY_REMINDERS: (
        lambda s: s.notifications.expiry_reminders.send_expiry_reminders(s.clock.now()),
        "sent %s expiry reminders",
    ),
    # Tomorrow's planned meals, to every user whose evening has come.
    SEND_PLAN_REMINDERS: (
        lambda s: s.notifications.plan_reminders.send_plan_reminders(s.clock.now()),
        "sent %s plan reminders",
    ),
    # The pushes whose quiet hours are over.
    DELIVER_DUE_NOTIFICATIONS: (
        lambda s: s.notifications.notifier.deliver_due(),
        "delivered %s deferred pushes",
    ),
    # Recipes for what expires, to every user whose evening has come.
    SEND_RECIPE_SUGGESTIONS: (
        lambda s: s.notifications.recipe_suggestions.send_suggestions(s.clock.now()),
        "sent %s recipe suggestions",
    ),
    # The week's trending recipes, to every user whose Sunday morning has come.
    SEND_TRENDING_RECIPES: (
        lambda s: s.notifications.trending.send_trending(s.clock.now()),
        "sent %s trending digests",
    ),
    # Nightly: train the recommender on every user's interactions and feedback.
    RETRAIN_RECOMMENDER: (
        lambda s: s.recommendations.retrain(),
        "recommender trained: version %r ('' while nobody has interacted yet)",
    ),
    # Daily: the enabled supermarkets' product pages, read politely, into market_offers.
    SCRAPE_PRICES: (lambda s: str(s.price_scraping.scrape()), "prices scraped: %s"),
}


def _define_scheduled(
    celery: Celery, name: str, run: Callable[[Services], object], summary: str
) -> None:
    """One beat task (shared=False, as in `_define_tasks`): run on the app's services, log."""

    def scheduled() -> object:
        result = run(_services())
        log.info(summary, result)
        return result

    scheduled.__name__ = scheduled.__qualname__ = name.rsplit(".", 1)[-1]
    celery.task(name=name, shared=False, ignore_result=True)(scheduled)


def _services() -> Services:
    found: Services = current_app.extensions["zerowaste.services"]
    return found


def _app_once(settings: Settings) -> Callable[[], Flask]:
    """The Flask app for `settings`, built by the composition root on first call, then kept.

    An app inherited through fork (built in the prefork pool's parent, which records a hard
    time limit's failure) keeps serving the child, once its engine forgets the parent's pooled
    connections without closing them (SQLAlchemy's recipe for forked processes).
    """
    lock = threading.Lock()
    built: list[tuple[int, Flask]] = []

    def flask_app() -> Flask:
        with lock:  # a threaded pool's first tasks must not build one app each
            if not built:
                from zerowaste.bootstrap import create_app

                built.append((os.getpid(), create_app(settings)))
            elif built[0][0] != os.getpid():
                app = built[0][1]
                app.extensions["zerowaste.engine"].dispose(close=False)
                built[0] = (os.getpid(), app)
            return built[0][1]

    return flask_app


settings = Settings.from_env()
app = make_celery(settings)
ping = app.tasks["zerowaste.ping"]
run_job = app.tasks[RUN_JOB]


def _build_app_in_child(**_: Any) -> None:
    """A prefork child builds its Flask app as it starts, outside any task's time limits: built
    in its first task, a hard limit could kill the child mid-build again and again, and the task
    never ran. The composition root is imported here, in the parent, so children inherit it
    (`worker_proc_alive_timeout` in `celery_conf` leaves room for the build)."""
    run_job.flask_app()


worker_process_init.connect(_build_app_in_child, weak=False)


def _yield_cpu(**_: Any) -> None:
    """The worker's main process takes a CPU priority below the web tier's
    (entrypoints.priority; WORKER_NICE) once its logging is set up, before its pool forks."""
    log.info("worker: %s", yield_cpu(settings.worker_nice))


celeryd_after_setup.connect(_yield_cpu, weak=False)
# Task counts, durations, failures and the request id on the task's log lines (README
# "Observability"); the worker's /metrics on WORKER_METRICS_PORT.
connect_worker_metrics(
    PrometheusMetrics(), settings.worker_metrics_port, settings.worker_metrics_address
)
import zerowaste.bootstrap  # noqa: E402, F401  (see _build_app_in_child)
