"""A Redis that restarts from its append-only file must not serve an inventory list older than
the database (issue #7 §1): add -> Redis dies -> add -> Redis restarts from the AOF -> list.

The cache deletes that writes used to send were lost while Redis was down, and the AOF brought
back both the old rendering and the old generation token. Renderings are now tagged with the
household's data version, which lives in the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from tests.servers.redis import PrivateRedis
from tests.servers.redis import private_redis as start_private_redis
from zerowaste.bootstrap import create_app

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.slow]


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    with start_private_redis(tmp_path) as server:
        yield server


def _names(client: Any, headers: dict[str, str]) -> list[str]:
    response = client.get("/api/inventory", headers=headers)
    assert response.status_code == 200, response.json
    return sorted(item["name"] for item in response.json["ingredients"])


def _add(client: Any, headers: dict[str, str], name: str) -> None:
    line = {"name": name, "quantity": 1, "type_unit": "unidades", "storage_type": "Ambiente"}
    response = client.post(
        "/api/inventory/ingredients", json={"ingredients": [line]}, headers=headers
    )
    assert response.status_code == 201, response.json


def test_a_redis_restarted_from_its_aof_never_serves_a_list_older_than_the_database(
    tmp_path: Path, sqlite_url: str, private_redis: PrivateRedis
) -> None:
    settings = make_settings(
        tmp_path, database_url=sqlite_url, redis_url=private_redis.url, redis_socket_timeout=0.3
    )
    app = create_app(settings)
    client = app.test_client()
    try:
        headers = bearer(signup(client)["access_token"])
        _add(client, headers, "Leche")
        assert _names(client, headers) == ["Leche"]  # rendered and cached in Redis

        private_redis.kill()
        _add(client, headers, "Pan")  # Redis is down: the write cannot touch the cache
        private_redis.start()  # back from the AOF, with the rendering of ["Leche"]
        keys = redis.Redis(port=private_redis.port).keys("*render:list")
        assert keys, "the AOF should have brought the old rendering back"

        assert _names(client, headers) == ["Leche", "Pan"]
    finally:
        app.extensions["zerowaste.engine"].dispose()
