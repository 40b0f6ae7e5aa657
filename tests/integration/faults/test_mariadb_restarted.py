"""Fault drill (issue #15 §5b): the MariaDB primary crashes and restarts under a write load. A
Gunicorn on a private mariadbd (its own port and datadir) takes a steady stream of inventory
writes; the server is SIGKILLed, left down a few seconds, and started again on the same port.

Proves: while it is down every request is answered quickly with a JSON 503 (no hung workers,
no HTML); writes succeed again by themselves once it is back (no restart of the API); and no
acknowledged write is lost: every item the clients got a 201 for is in the database after the
crash and InnoDB's recovery.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import service_missing
from tests.integration.faults.load import Load, statuses
from tests.served import gunicorn
from tests.servers import mariadb
from zerowaste.config import Settings
from zerowaste.infrastructure.db import migrate
from zerowaste.infrastructure.db.session import make_engine

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.faults,
    pytest.mark.xdist_group("faults"),
]

OUTAGE_SECONDS = 3.0
DATABASE = "zw_drill"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[mariadb.PrivateMariaDB]:
    if not mariadb.available():
        service_missing("mariadbd", FileNotFoundError("mariadbd/mariadb-install-db not installed"))
    found = mariadb.PrivateMariaDB(tmp_path / "mariadb", binlog=False)
    found.install()
    found.start()
    try:
        found.execute(
            f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        )
        engine = make_engine(Settings(env="testing", database_url=found.url(DATABASE),
                                      jwt_secret_key="x" * 40))  # fmt: skip
        migrate.upgrade(engine)
        engine.dispose()
        yield found
    finally:
        found.kill()
        found.socket.unlink(missing_ok=True)  # a killed mariadbd leaves its socket file behind


def test_writes_fail_fast_while_the_database_is_down_and_none_acknowledged_is_lost(
    tmp_path: Path, server: mariadb.PrivateMariaDB, record_property: Any
) -> None:
    with gunicorn(tmp_path, server.url(DATABASE), GUNICORN_WORKERS="2") as base:
        account = {"email": f"db-{uuid.uuid4().hex[:8]}@example.com",
                   "password": "correct-horse-9", "name": "Ana"}  # fmt: skip
        signed_up = requests.post(f"{base}/api/auth/signup", json=account, timeout=30)
        assert signed_up.status_code == 201, signed_up.text
        auth = {"Authorization": f"Bearer {signed_up.json()['access_token']}"}
        acknowledged: list[str] = []

        def write(worker: int, sequence: int) -> tuple[int, str]:
            name = f"Drill {worker} {sequence}"
            line = {"name": name, "quantity": 1, "type_unit": "unidades",
                    "storage_type": "Ambiente"}  # fmt: skip
            reply = requests.post(f"{base}/api/inventory/ingredients", headers=auth,
                                  json={"ingredients": [line]}, timeout=10)  # fmt: skip
            if reply.status_code == 201:
                acknowledged.append(name)
                return 201, ""
            kind = reply.headers.get("Content-Type", "")
            code = reply.json().get("code", "") if kind.startswith("application/json") else kind
            return reply.status_code, code

        with Load(write, threads=2) as load:
            load.wait_for(10)
            killed = time.monotonic()
            server.kill()
            time.sleep(OUTAGE_SECONDS)
            restarting = time.monotonic()
            server.start()
            restarted = time.monotonic()
            deadline = restarted + 15
            while not load.between(restarted, time.monotonic() + 1) or not any(
                a.status == 201 for a in load.between(restarted, time.monotonic() + 1)
            ):
                assert time.monotonic() < deadline, statuses(load.answers)
                time.sleep(0.1)
            recovered = min(
                a.started + a.seconds for a in load.between(restarted, 1e12) if a.status == 201
            )
            time.sleep(1.0)

    down = [a for a in load.answers if killed <= a.started < restarting]
    failed = [a for a in load.answers if a.status != 201]
    slowest_failure = max((a.seconds for a in failed), default=0.0)
    stored = {
        row[0].lower()
        for row in server.execute("SELECT name FROM inventory_items", database=DATABASE)
    }
    kept = sum(name.lower() in stored for name in acknowledged)
    figures = (
        f"MariaDB drill: {len(load.answers)} writes {statuses(load.answers)}; "
        f"{restarting - killed:.1f} s down: {len(down)} answers {statuses(down)}, failures "
        f"{sorted({a.detail for a in failed})} in at most {slowest_failure * 1000:.0f} ms; "
        f"mariadbd ready {restarted - restarting:.1f} s after its start, first 201 "
        f"{recovered - restarted:.1f} s after that; acknowledged {len(acknowledged)}, found "
        f"{kept} of them after the restart"
    )
    record_property("drill", figures)
    assert len(down) >= 10, figures
    assert all(a.status == 503 and a.detail == "database_unavailable" for a in failed), figures
    assert slowest_failure < 2.0, figures
    assert kept == len(acknowledged) > 20, figures
