"""deploy/backup.sh and deploy/restore.sh on a real MariaDB: a migrated database with users,
inventory and its journal written through the API is dumped, restored into another database,
and every table, a few rows and the app's own reads come back identical."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.api.conftest import bearer, signup
from tests.api.inventory.helpers import add, inventory, line
from tests.conftest import MYSQL_SERVER_URL, make_settings, service_missing
from zerowaste.bootstrap import create_app

pytestmark = [
    pytest.mark.integration,
    pytest.mark.mysql,
    pytest.mark.skipif(shutil.which("mariadb-dump") is None, reason="mariadb-dump is missing"),
]
ROOT = Path(__file__).resolve().parents[3]
CHECKED_TABLES = ("users", "inventory_items", "inventory_stacks", "inventory_journal")


@pytest.fixture
def databases() -> Iterator[tuple[str, str]]:
    """Two unique database names on the test server; both dropped afterwards."""
    tag = uuid.uuid4().hex[:8]
    names = (f"zw_backup_src_{tag}", f"zw_backup_dst_{tag}")
    try:
        server = create_engine(MYSQL_SERVER_URL, connect_args={"connect_timeout": 3})
        with server.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {names[0]} CHARACTER SET utf8mb4"))
    except Exception as exc:  # noqa: BLE001 - any failure means the server is not usable
        service_missing("MariaDB", exc)
    try:
        yield names
    finally:
        with server.connect() as conn:
            for name in names:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        server.dispose()


def _run(script: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(ROOT / "deploy" / script), *args],
        env={**os.environ, "DB_HOST": "127.0.0.1", "DB_PORT": "3306", "DB_USER": "root", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _snapshot(url: str) -> dict[str, Any]:
    """Row counts and CHECKSUM TABLE of every table, and the checked tables' rows."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = sorted(conn.execute(text("SHOW TABLES")).scalars())
            counts = {t: conn.execute(text(f"SELECT COUNT(*) FROM `{t}`")).scalar() for t in tables}
            sums = {t: conn.execute(text(f"CHECKSUM TABLE `{t}`")).one()[1] for t in tables}
            rows = {
                t: sorted(map(tuple, conn.execute(text(f"SELECT * FROM `{t}`"))), key=repr)
                for t in CHECKED_TABLES
            }
    finally:
        engine.dispose()
    return {"counts": counts, "checksums": sums, "rows": rows}


def _write_through_the_api(tmp_path: Path, url: str) -> dict[str, Any]:
    app = create_app(make_settings(tmp_path / "src", database_url=url))
    try:
        client = app.test_client()
        user = signup(client)
        headers = bearer(user["access_token"])
        add(client, headers, line("Tomate", 3), line("Arroz", 2, unit="kg"))
        add(client, headers, line("Tomate", 1))
        other = signup(client)
        add(client, bearer(other["access_token"]), line("Leche", 1, unit="l"))
        return {**user, "inventory": inventory(client, headers)}
    finally:
        app.extensions["zerowaste.engine"].dispose()


def test_a_backup_restores_into_another_database_identically(
    tmp_path: Path, databases: tuple[str, str]
) -> None:
    source, target = databases
    source_url, target_url = f"{MYSQL_SERVER_URL}/{source}", f"{MYSQL_SERVER_URL}/{target}"
    migrated = subprocess.run(
        [sys.executable, "-m", "zerowaste.entrypoints.cli", "db-upgrade"],
        env={**os.environ, "DATABASE_URL": source_url, "ZW_ENV": "testing",
             "ZW_VAR_DIR": str(tmp_path / "cli")},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert migrated.returncode == 0, migrated.stderr
    user = _write_through_the_api(tmp_path, source_url)
    before = _snapshot(source_url)
    assert all(before["counts"][t] > 0 for t in CHECKED_TABLES), before["counts"]

    backups = tmp_path / "backups"
    env = {"DB_NAME": source, "BACKUP_DIR": str(backups), "BACKUP_KEEP": "2"}
    made = [_run("backup.sh", env) for _ in range(3)]
    assert all(r.returncode == 0 for r in made), [r.stderr for r in made]
    paths = [Path(r.stdout.strip().splitlines()[-1]) for r in made]
    assert sorted(backups.iterdir()) == sorted(paths[1:])  # the oldest one was pruned
    dump = gzip.decompress(paths[-1].read_bytes()).decode()
    assert "CREATE TABLE `inventory_journal`" in dump and f"USE `{source}`" not in dump

    restored = _run("restore.sh", {"DB_NAME": target}, str(paths[-1]))
    assert restored.returncode == 0, restored.stderr
    after = _snapshot(target_url)
    assert after == before

    # Restoring over an existing database needs --force, and then replaces it.
    refused = _run("restore.sh", {"DB_NAME": target}, str(paths[-1]))
    assert refused.returncode != 0 and "--force" in refused.stderr
    engine = create_engine(target_url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM inventory_journal"))
    engine.dispose()
    forced = _run("restore.sh", {"DB_NAME": target}, "--force", str(paths[-1]))
    assert forced.returncode == 0, forced.stderr
    assert _snapshot(target_url) == before

    # The app on the restored database: the same login, the same inventory.
    app = create_app(make_settings(tmp_path / "dst", database_url=target_url))
    try:
        client = app.test_client()
        login = client.post(
            "/api/auth/login", json={"email": user["email"], "password": user["password"]}
        )
        assert login.status_code == 200, login.json
        assert inventory(client, bearer(login.json["access_token"])) == user["inventory"]
    finally:
        app.extensions["zerowaste.engine"].dispose()


def test_restore_refuses_a_truncated_backup(tmp_path: Path) -> None:
    broken = tmp_path / "zerowaste-20260101T000000Z.sql.gz"
    broken.write_bytes(gzip.compress(b"CREATE TABLE t (id INT);\n" * 100)[:-20])
    result = _run("restore.sh", {"DB_NAME": f"zw_never_{uuid.uuid4().hex[:6]}"}, str(broken))
    assert result.returncode != 0 and "not a complete gzip file" in result.stderr
