"""A Redis that restarts from its append-only file must not serve an inventory list older than
the database (issue #7 §1): add -> Redis dies -> add -> Redis restarts from the AOF -> list.

The cache deletes that writes used to send were lost while Redis was down, and the AOF brought
back both the old rendering and the old generation token. Renderings are now tagged with the
household's data version, which lives in the database.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings, service_missing
from zerowaste.bootstrap import create_app

pytestmark = [pytest.mark.integration, pytest.mark.redis, pytest.mark.slow]


class PrivateRedis:
    """A redis-server of this test's own (AOF on, everysec), stopped and started at will."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--dir", str(self.directory), "--appendonly", "yes", "--save", ""]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(50):
            try:
                client.ping()
                return
            except redis.RedisError:
                time.sleep(0.1)
        pytest.fail("the private redis-server did not start")

    def kill(self) -> None:
        """Stop as a crash would, after the AOF has the writes (appendfsync everysec)."""
        redis.Redis(port=self.port).execute_command("BGREWRITEAOF")
        time.sleep(1.2)
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        service_missing("redis-server", FileNotFoundError("redis-server is not installed"))
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    if server.process is not None and server.process.poll() is None:
        server.process.kill()
        server.process.wait(timeout=10)


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
