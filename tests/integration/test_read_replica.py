"""Read replica against a real MariaDB primary and GTID replica of the test session's own
(tests/servers/mariadb.py; README "Read replica").

Which server answered is visible through the API: the replica alone (sql_log_bin off, no
binlog there anyway) gets another profile name for the user, so GET /api/user/profile says
"on-replica" when the replica served it and "Ana" when the primary did.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from sqlalchemy import text

from tests.api.conftest import bearer, signup
from tests.api.households.helpers import family
from tests.conftest import make_settings, service_missing
from tests.servers import mariadb
from tests.servers.mariadb import PrivateMariaDB, start_pair
from zerowaste.application.ports.read_routing import ReplicaLost
from zerowaste.bootstrap import create_app
from zerowaste.config import Settings
from zerowaste.infrastructure.db import migrate
from zerowaste.infrastructure.db.session import make_engine, make_replica_engine
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.xdist_group("mariadb_replica"),  # one pair per session, on one worker
]

DATABASE = "zw"


@pytest.fixture(scope="session")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PrivateMariaDB, ...]]:
    """A private primary and replica, the schema migrated on the primary and replicated."""
    if not mariadb.available():
        service_missing("mariadbd", FileNotFoundError("mariadbd / mariadb-install-db missing"))
    primary, replica = start_pair(tmp_path_factory.mktemp("replica-pair"))
    try:
        primary.execute(
            f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        )
        engine = make_engine(
            Settings(env="testing", database_url=primary.url(DATABASE), jwt_secret_key="x" * 40)
        )
        migrate.upgrade(engine)
        engine.dispose()
        replica.wait_for(primary, timeout=60)
        yield primary, replica
    finally:
        replica.stop()
        primary.stop()


@pytest.fixture
def app(tmp_path: Path, pair: tuple[PrivateMariaDB, ...], redis_url: str) -> Iterator[Any]:
    primary, replica = pair
    if not replica.running():
        replica.start()
    settings = make_settings(
        tmp_path,
        database_url=primary.url(DATABASE),
        database_replica_url=replica.url(DATABASE),
        redis_url=redis_url,
        redis_socket_timeout=0.5,
        replica_max_lag_s=1,
        replica_ryw_window_s=3,
        replica_retry_s=1,
    )
    application = create_app(settings)
    yield application
    application.extensions["zerowaste.engine"].dispose()


def _user(client: Any) -> dict[str, str]:
    body = signup(client)
    return {"uid": body["user"]["uid"], "headers": bearer(body["access_token"])}


def _diverge(replica: PrivateMariaDB, primary: PrivateMariaDB, uid: str) -> None:
    """Give the user another name on the replica only (after it has everything)."""
    replica.wait_for(primary)
    replica.execute(
        "SET SESSION sql_log_bin = 0",
        f"UPDATE users SET name = 'on-replica' WHERE uid = '{uid}'",
        database=DATABASE,
    )


def _served_by(client: Any, who: dict[str, Any]) -> str:
    response = client.get("/api/user/profile", headers=who["headers"])
    assert response.status_code == 200, response.json
    return "replica" if response.json["name"] == "on-replica" else "primary"


def _forget_recent_writes(redis_url: str) -> None:
    """Drop the read-your-writes markers that signing up left (the window, without waiting)."""
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter("zw:ryw:*"))
    if keys:
        client.delete(*keys)


def _until(condition: Callable[[], bool], timeout: float = 10.0) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            pytest.fail(f"not within {timeout} s")
        time.sleep(0.1)
    return time.monotonic() - started


def _add(client: Any, who: dict[str, Any], name: str) -> None:
    line = {"name": name, "quantity": 1, "type_unit": "unidades", "storage_type": "Ambiente"}
    response = client.post(
        "/api/inventory/ingredients", json={"ingredients": [line]}, headers=who["headers"]
    )
    assert response.status_code == 201, response.json


def test_reads_go_to_the_replica_and_a_household_that_wrote_reads_the_primary(
    app: Any, pair: tuple[PrivateMariaDB, ...], redis_url: str
) -> None:
    primary, replica = pair
    client = app.test_client()
    owner, adult = family(client, "adult")
    other = _user(client)
    for who in (owner, adult, other):
        _diverge(replica, primary, who["uid"])
    _forget_recent_writes(redis_url)
    assert [_served_by(client, who) for who in (owner, adult, other)] == ["replica"] * 3

    _add(client, adult, "Leche")  # the household wrote: every member reads the primary
    assert _served_by(client, owner) == "primary"
    assert _served_by(client, adult) == "primary"
    assert _served_by(client, other) == "replica"  # another household still reads the replica
    # the window (3 s) ends: the household reads the replica again, which has the write
    _until(lambda: _served_by(client, owner) == "replica")
    response = client.get("/api/inventory", headers=owner["headers"])
    assert [i["name"] for i in response.json["ingredients"]] == ["Leche"]


def test_a_request_that_wrote_reads_its_write_from_the_primary(
    app: Any, pair: tuple[PrivateMariaDB, ...]
) -> None:
    """A sign-up reads the new account back in the same request and on the next one."""
    primary, replica = pair
    client = app.test_client()
    replica.execute("STOP SLAVE SQL_THREAD")  # the replica would not have the new account...
    try:
        body = signup(client)
        headers = bearer(body["access_token"])
        response = client.get("/api/user/profile", headers=headers)
        assert response.status_code == 200, response.json
        assert response.json["uid"] == body["user"]["uid"]
    finally:
        replica.execute("START SLAVE SQL_THREAD")


def test_a_lagging_replica_is_skipped_and_used_again_once_it_caught_up(
    app: Any, pair: tuple[PrivateMariaDB, ...], redis_url: str
) -> None:
    primary, replica = pair
    client = app.test_client()
    reader, writer = _user(client), _user(client)
    _diverge(replica, primary, reader["uid"])
    _forget_recent_writes(redis_url)
    assert _served_by(client, reader) == "replica"

    lock = replica.connect()
    try:
        # The replica's SQL thread waits behind a global read lock: its lag grows by the second.
        with lock.cursor() as cursor:
            cursor.execute("FLUSH TABLES WITH READ LOCK")
        _add(client, writer, "Pan")
        _until(lambda: _lag(replica) > 1)
        _until(lambda: _served_by(client, reader) == "primary", timeout=3)
    finally:
        with lock.cursor() as cursor:
            cursor.execute("UNLOCK TABLES")
        lock.close()
    replica.wait_for(primary)
    _until(lambda: _served_by(client, reader) == "replica", timeout=5)


def _lag(replica: PrivateMariaDB) -> int:
    lag = replica.status().get("Seconds_Behind_Master")
    return -1 if lag is None else int(lag)


@pytest.mark.faults
def test_a_read_that_loses_the_replica_mid_way_sets_it_aside(
    pair: tuple[PrivateMariaDB, ...],
) -> None:
    """The unit of work's part (the HTTP layer then runs the GET again: unit-tested)."""
    primary, replica = pair

    class Router:
        def __init__(self) -> None:
            self.losses: list[BaseException] = []

        def replica_allowed(self) -> bool:
            return not self.losses

        def wrote(self) -> None:
            pass

        def lost(self, error: BaseException) -> None:
            self.losses.append(error)

    settings = Settings(
        env="testing",
        database_url=primary.url(DATABASE),
        database_replica_url=replica.url(DATABASE),
        jwt_secret_key="x" * 40,
    )
    replica_engine = make_replica_engine(settings)  # pings each connection it hands out
    assert replica_engine is not None
    engines = [make_engine(settings), replica_engine]
    router = Router()
    factory = UnitOfWorkFactory(engines[0], engines[1], router)  # type: ignore[arg-type]
    try:
        with pytest.raises(ReplicaLost), factory.read() as uow:
            assert uow.session.execute(text("SELECT @@port")).scalar() == replica.port
            replica.kill()
            uow.session.execute(text("SELECT 1"))
        assert len(router.losses) == 1
        with factory.read() as uow:  # set aside: the next read is on the primary
            assert uow.session.execute(text("SELECT @@port")).scalar() == primary.port
    finally:
        for engine in engines:
            engine.dispose()
        replica.start()


@pytest.mark.faults
def test_drill_replica_stopped_reads_move_to_the_primary_and_come_back(
    app: Any, pair: tuple[PrivateMariaDB, ...], redis_url: str
) -> None:
    primary, replica = pair
    client = app.test_client()
    reader = _user(client)
    _diverge(replica, primary, reader["uid"])
    _forget_recent_writes(redis_url)
    assert _served_by(client, reader) == "replica"

    replica.stop()
    statuses = []
    for _ in range(20):  # the pool's connections to the replica are dead: none may fail
        statuses.append(client.get("/api/user/profile", headers=reader["headers"]).status_code)
        statuses.append(client.get("/api/inventory", headers=reader["headers"]).status_code)
    assert set(statuses) == {200}
    assert _served_by(client, reader) == "primary"
    ready = client.get("/healthz/ready")
    assert ready.status_code == 200
    assert ready.json["status"] == "degraded" and ready.json["checks"]["replica"] == "down"

    replica.start()
    back = _until(lambda: _served_by(client, reader) == "replica", timeout=10)
    assert back < 5  # REPLICA_RETRY_S=1: the next check after the back-off finds it
    assert client.get("/healthz/ready").json["checks"]["replica"] == "ok"
