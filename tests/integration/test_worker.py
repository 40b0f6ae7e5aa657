"""Celery tasks run inside an app context of a Flask app built once per worker process by the
composition root (eager here: no broker), or of the request's app when run from a request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import current_app

from tests.conftest import make_settings
from zerowaste.application.services import Services
from zerowaste.bootstrap import create_app
from zerowaste.entrypoints.worker import make_celery

pytestmark = pytest.mark.integration


def _where_task(celery: Any) -> Any:
    @celery.task(name="test.where")
    def where() -> dict[str, Any]:
        services = current_app.extensions["zerowaste.services"]
        return {"app": id(current_app._get_current_object()), "services": type(services)}

    return where


def test_tasks_run_in_one_app_context_built_once_from_the_settings(
    tmp_path: Path, sqlite_url: str
) -> None:
    celery = make_celery(make_settings(tmp_path, database_url=sqlite_url))
    where = _where_task(celery)
    flask_app = where.flask_app()
    try:
        first = where.delay().get()
        second = where.delay().get()
    finally:
        flask_app.extensions["zerowaste.engine"].dispose()

    assert first == second == {"app": id(flask_app), "services": Services}


def test_a_task_run_from_a_request_uses_that_requests_app(tmp_path: Path, sqlite_url: str) -> None:
    settings = make_settings(tmp_path, database_url=sqlite_url)
    app = create_app(settings)
    where = _where_task(make_celery(settings))
    try:
        with app.test_request_context("/"):
            ran = where.delay().get()
    finally:
        app.extensions["zerowaste.engine"].dispose()

    assert ran["app"] == id(app)
