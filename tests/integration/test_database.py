"""The app's database is Flask-SQLAlchemy's: its engine, tuned like the CLI's, and its metadata
(the one Alembic migrates); units of work open their own sessions on that engine."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pymysql
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from tests.conftest import make_settings
from zerowaste.bootstrap import create_app
from zerowaste.config import Settings
from zerowaste.domain.shared.errors import TransientConflict, UpstreamUnavailable
from zerowaste.infrastructure.db.base import Base, db
from zerowaste.infrastructure.db.session import engine_options, make_engine
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration


def test_the_app_engine_is_flask_sqlalchemys_with_our_pool_and_listeners(
    tmp_path: Path, db_url: str
) -> None:
    settings = make_settings(tmp_path, database_url=db_url, db_pool_size=3, db_pool_recycle=600)
    app = create_app(settings)
    engine = app.extensions["zerowaste.engine"]
    try:
        with app.app_context():
            assert db.engine is engine
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            else:
                assert conn.execute(text("SELECT @@session.time_zone")).scalar() == "+00:00"
                assert conn.execute(text("SELECT @@character_set_client")).scalar() == "utf8mb4"
                assert (engine.pool.size(), engine.pool._recycle) == (3, 600)
    finally:
        engine.dispose()


def test_flask_sqlalchemy_metadata_is_the_tables_and_migrations_metadata() -> None:
    assert db.metadata is Base.metadata
    assert db.metadata.naming_convention["fk"].startswith("fk_%(table_name)s")


def test_a_relative_sqlite_path_stays_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = Settings(env="testing", database_url="sqlite:///rel.db", jwt_secret_key="x" * 40)

    assert engine_options(settings)["url"].database == str(tmp_path / "rel.db")


class _Router:
    """A ReadRouter stand-in: the replica is allowed or not, and writes are counted."""

    def __init__(self, allowed: bool) -> None:
        self.allowed, self.writes = allowed, 0

    def replica_allowed(self) -> bool:
        return self.allowed

    def wrote(self) -> None:
        self.writes += 1


def test_read_units_of_work_open_on_the_read_engine_when_the_router_allows_it(
    settings: Settings,
) -> None:
    primary, replica = make_engine(settings), make_engine(settings)
    allowed, refused = _Router(True), _Router(False)
    try:
        with UnitOfWorkFactory(primary, replica, allowed).read() as uow:  # type: ignore[arg-type]
            assert uow.session.get_bind() is replica
        with UnitOfWorkFactory(primary, replica, refused).read() as uow:  # type: ignore[arg-type]
            assert uow.session.get_bind() is primary
        with UnitOfWorkFactory(primary, replica, allowed)() as uow:  # type: ignore[arg-type]
            assert uow.session.get_bind() is primary
        assert allowed.writes == 1  # the router hears of the write (the request reads the primary)
        with UnitOfWorkFactory(primary).read() as uow:
            assert uow.session.get_bind() is primary
    finally:
        primary.dispose()
        replica.dispose()


@pytest.mark.parametrize(
    ("orig", "expected"),
    [
        (pymysql.err.OperationalError(1213, "Deadlock found when trying to get lock"), "busy"),
        (pymysql.err.OperationalError(1205, "Lock wait timeout exceeded"), "busy"),
        (sqlite3.OperationalError("database is locked"), "busy"),
        (pymysql.err.OperationalError(2013, "Lost connection to MySQL server"), "down"),
    ],
)
def test_lock_conflicts_are_transient_and_lost_connections_unavailable(tmp_path, orig, expected):
    """A lost deadlock or lock wait can be retried (TransientConflict); a lost server cannot."""
    engine = make_engine(make_settings(tmp_path))
    error = OperationalError("UPDATE households ...", {}, orig)
    try:
        with pytest.raises(UpstreamUnavailable) as caught, UnitOfWorkFactory(engine)():
            raise error
    finally:
        engine.dispose()

    assert isinstance(caught.value, TransientConflict) == (expected == "busy")
    assert caught.value.code == ("database_busy" if expected == "busy" else "database_unavailable")
    assert "Deadlock" not in caught.value.message and "1213" not in caught.value.message


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        (pymysql.err.OperationalError(1213, "Deadlock found when trying to get lock"), "busy"),
        (pymysql.err.OperationalError(1205, "Lock wait timeout exceeded"), "busy"),
        (None, "down"),
    ],
    ids=["deadlock", "lock-wait", "alone"],
)
def test_a_lock_lost_inside_a_savepoint_is_transient_not_unavailable(tmp_path, before, expected):
    """InnoDB rolls the whole transaction back on a deadlock: inside `begin_nested()` the
    savepoint's rollback then fails with 1305, which hid the deadlock (a 503
    `database_unavailable`, never retried)."""
    engine = make_engine(make_settings(tmp_path))
    gone = pymysql.err.OperationalError(1305, "SAVEPOINT sa_savepoint_1 does not exist")
    try:
        with pytest.raises(UpstreamUnavailable) as caught, UnitOfWorkFactory(engine)():
            try:
                if before is not None:
                    raise OperationalError("INSERT INTO generated_pictures ...", {}, before)
            finally:
                raise OperationalError("ROLLBACK TO SAVEPOINT sa_savepoint_1", {}, gone)
    finally:
        engine.dispose()

    assert isinstance(caught.value, TransientConflict) == (expected == "busy")


def _rollbacks(conn) -> int:
    return int(conn.exec_driver_sql("SHOW SESSION STATUS LIKE 'Com_rollback'").one()[1])


@pytest.mark.mysql
def test_a_unit_of_work_costs_one_rollback_and_an_open_transaction_is_still_reset(
    tmp_path: Path, mysql_url: str
) -> None:
    """The pool does not roll back a second time what a unit of work already ended, and a
    connection handed back mid-transaction (raw DBAPI use) is still rolled back."""
    settings = make_settings(tmp_path, database_url=mysql_url, db_pool_size=1, db_max_overflow=0)
    engine = make_engine(settings)
    try:
        factory = UnitOfWorkFactory(engine)
        with engine.connect() as conn:
            before = _rollbacks(conn)
        for _ in range(3):
            with factory.read() as uow:
                uow.users.get("nobody")
        with engine.connect() as conn:
            # 3 units of work + the first probe's own end; the pool added none.
            assert _rollbacks(conn) - before == 4
        raw = engine.raw_connection()
        with raw.cursor() as cur:
            cur.execute("SELECT 1 FROM users FOR UPDATE")
            cur.execute("SELECT @@in_transaction")
            assert cur.fetchone()[0] == 1
        raw.close()  # back to the pool with the transaction open
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT @@in_transaction").scalar() == 0
    finally:
        engine.dispose()


@pytest.mark.mysql
def test_only_a_connection_idle_for_a_while_is_pinged_and_a_dead_one_is_replaced(
    tmp_path: Path, mysql_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path, database_url=mysql_url, db_pool_size=1, db_max_overflow=0)
    engine = make_engine(settings)
    pings: list[object] = []
    real_ping = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda c: pings.append(c) or real_ping(c))
    try:
        with engine.connect() as conn:  # a new connection: never used, so pinged
            first_id = conn.exec_driver_sql("SELECT CONNECTION_ID()").scalar()
        for _ in range(5):  # handed back a moment ago each time: not pinged
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        assert len(pings) == 1

        # The server drops the pooled connection while it sits idle past the threshold.
        with make_engine(settings).connect() as admin:
            admin.exec_driver_sql(f"KILL {first_id}")
        record = engine.pool._pool.queue[0]  # type: ignore[attr-defined]
        record.info["zerowaste_used_at"] -= settings.db_pool_ping_idle_seconds + 1
        with engine.connect() as conn:
            second_id = conn.exec_driver_sql("SELECT CONNECTION_ID()").scalar()
        assert second_id != first_id  # replaced before use, not a failed request
        assert len(pings) >= 2
    finally:
        engine.dispose()


@pytest.mark.mysql
def test_a_connection_lost_mid_query_raises_the_lost_connection_not_a_rollback_error(
    tmp_path: Path, mysql_url: str
) -> None:
    """The fault drill's 500 (tests/integration/faults): the server went away during a query;
    ending the transaction on the invalidated connection asked it for its `info` and raised
    PendingRollbackError (a 500) in place of the OperationalError (503 database_unavailable)."""
    settings = make_settings(tmp_path, database_url=mysql_url)
    engine = make_engine(settings)
    try:
        with pytest.raises(OperationalError), engine.connect() as conn:
            own_id = conn.exec_driver_sql("SELECT CONNECTION_ID()").scalar()
            with make_engine(settings).connect() as admin:
                admin.exec_driver_sql(f"KILL {own_id}")
            conn.exec_driver_sql("SELECT 1")
        with engine.connect() as conn:  # the pool goes on with a fresh connection
            assert conn.exec_driver_sql("SELECT 1").scalar() == 1
    finally:
        engine.dispose()


@pytest.mark.mysql
def test_a_real_deadlock_inside_a_savepoint_is_a_transient_conflict(
    tmp_path: Path, mysql_url: str
) -> None:
    """The same on MariaDB: this unit of work holds row A and, inside a savepoint, waits for row
    B; another transaction that holds B (and wrote more, so it is kept) asks for A."""
    engine = make_engine(make_settings(tmp_path, database_url=mysql_url))
    rows = [("recipe", f"k{n}", "ready", "2026-01-01") for n in range(12)]
    insert = "INSERT INTO generated_pictures (kind, name_key, status, updated_at) VALUES "
    lock = (
        "UPDATE generated_pictures SET status = 'failed' WHERE kind = 'recipe' AND name_key = '{}'"
    )
    with engine.begin() as conn:
        conn.exec_driver_sql(insert + ", ".join(str(r) for r in rows))
    holds_b, other = threading.Event(), engine.raw_connection()

    def heavier() -> None:
        with other.cursor() as cur:
            for n in range(1, 12):  # B (k1) and ten more rows: the deadlock's lighter side loses
                cur.execute(lock.format(f"k{n}"))
            holds_b.set()
            time.sleep(0.5)  # the unit of work is waiting for B by now
            cur.execute(lock.format("k0"))
        other.rollback()

    thread = threading.Thread(target=heavier)
    try:
        with pytest.raises(UpstreamUnavailable) as caught, UnitOfWorkFactory(engine)() as uow:
            uow.session.execute(text(lock.format("k0")))
            thread.start()
            assert holds_b.wait(10)
            with uow.session.begin_nested():
                uow.session.execute(text(lock.format("k1")))
    finally:
        thread.join(10)
        other.close()
        engine.dispose()

    assert isinstance(caught.value, TransientConflict), caught.value.code
