"""/status (the client's probe), liveness and readiness against real and unreachable services."""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterator
from importlib.metadata import version
from typing import Any

import pytest

from tests.conftest import make_settings
from zerowaste.bootstrap import create_app

pytestmark = pytest.mark.integration

DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def make_client(tmp_path, sqlite_url) -> Iterator[Callable[..., Any]]:
    apps: list[Any] = []

    def build(**changes: Any) -> Any:
        app = create_app(make_settings(tmp_path, **{"database_url": sqlite_url, **changes}))
        apps.append(app)
        return app.test_client()

    yield build
    for app in apps:
        app.extensions["zerowaste.engine"].dispose()


def test_status_is_the_clients_probe_and_reveals_nothing(client):
    response = client.get("/status")

    assert response.status_code == 200
    assert response.json == {"status": "success", "message": "ZeroWaste API is running"}
    text = response.get_data(as_text=True).lower()
    for leak in (
        "127.0.0.1",
        "localhost",
        "sqlite",
        "mysql",
        "redis",
        "root",
        platform.python_version(),
        version("flask"),
    ):
        assert leak.lower() not in text


def test_live_answers_without_touching_dependencies(make_client):
    client = make_client(database_url="mysql+pymysql://root@127.0.0.1:1/zerowaste")

    response = client.get("/healthz/live")

    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_ready_with_the_embedded_defaults_checks_only_the_database(client):
    response = client.get("/healthz/ready")

    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.mysql
def test_ready_on_mariadb(make_client, mysql_url):
    response = make_client(database_url=mysql_url).get("/healthz/ready")

    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok"}}


@pytest.mark.redis
@pytest.mark.xdist_group("redis")  # redis_url flushes the test db: keep Redis tests on one worker
def test_ready_checks_redis_and_broker_when_configured(make_client, redis_url):
    response = make_client(redis_url=redis_url, celery_broker_url=redis_url).get("/healthz/ready")

    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok", "broker": "ok"},
    }


def test_redis_down_is_degraded_not_unready_since_the_api_still_serves(make_client):
    client = make_client(redis_url=DEAD_REDIS, redis_socket_timeout=0.2)

    response = client.get("/healthz/ready")

    assert response.status_code == 200
    assert response.json == {"status": "degraded", "checks": {"database": "ok", "redis": "down"}}
    assert client.get("/status").status_code == 200  # the probe the client uses still answers
    guest = client.post("/api/auth/guest")
    assert guest.status_code == 201  # sign-in, limits and revocations work without Redis
    token = guest.json["access_token"]
    profile = client.get("/api/user/profile", headers={"Authorization": f"Bearer {token}"})
    assert profile.status_code == 200


def test_broker_down_is_degraded(make_client):
    response = make_client(celery_broker_url=DEAD_REDIS).get("/healthz/ready")

    assert response.status_code == 200
    assert response.json == {"status": "degraded", "checks": {"database": "ok", "broker": "down"}}


def test_ready_is_503_when_the_database_is_down(make_client):
    response = make_client(database_url="mysql+pymysql://root@127.0.0.1:1/zerowaste").get(
        "/healthz/ready"
    )

    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "checks": {"database": "down"}}
