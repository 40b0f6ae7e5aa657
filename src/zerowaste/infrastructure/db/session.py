"""Engines built from Settings: pool settings, SQLite WAL, MySQL utf8mb4 and UTC.

`engine_options` is the one definition of how DATABASE_URL becomes an engine. The app hands it
to Flask-SQLAlchemy (SQLALCHEMY_DATABASE_URI + SQLALCHEMY_ENGINE_OPTIONS, `init_database`);
the CLI and tests that need no app pass it to `create_engine` (`make_engine`). Either way
`tune_engine` attaches the per-dialect listeners before the first connection is made.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import URL, Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from zerowaste.config import Settings
from zerowaste.infrastructure.db.base import db

WRITE_OPTION = "zerowaste_write"


def engine_options(settings: Settings) -> dict[str, Any]:
    """`create_engine` keyword arguments for DATABASE_URL, with its URL under "url"."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        # One file shared by several Gunicorn processes; `timeout` makes a writer wait for the
        # lock instead of failing with "database is locked".
        connect_args = {"check_same_thread": False, "timeout": 30}
        return {"url": _absolute_sqlite(url), "connect_args": connect_args}
    if "charset" not in url.query:
        url = url.update_query_dict({"charset": "utf8mb4"})
    return {
        "url": url,
        "pool_size": settings.db_pool_size,
        "max_overflow": settings.db_max_overflow,
        "pool_recycle": settings.db_pool_recycle,
        # Pinged on checkout only after an idle spell (`_ping_if_idle`), not on every one.
        "pool_pre_ping": False,
        "pool_timeout": settings.db_pool_timeout,
        # Reset by `_reset_if_open` instead: only a connection handed back with its
        # transaction still open needs the ROLLBACK round trip.
        "pool_reset_on_return": None,
        "connect_args": _mysql_connect_args(url.get_driver_name()),
    }


def make_engine(settings: Settings) -> Engine:
    """An engine outside any Flask app (CLI, migrations, tests), tuned like the app's."""
    options = engine_options(settings)
    return tune_engine(create_engine(options.pop("url"), **options), settings)


def make_replica_engine(settings: Settings) -> Engine | None:
    """The read replica's engine (DATABASE_REPLICA_URL), or None without one. Its pool pings
    every connection it hands out: a replica may be stopped at any time, and a read that finds
    no live connection moves to the primary before it starts rather than failing half-way."""
    if settings.database_replica_url is None:
        return None
    replica = replace(
        settings,
        database_url=settings.database_replica_url,
        db_pool_pre_ping=True,
        db_pool_ping_idle_seconds=0,
    )
    return make_engine(replica)


def init_database(app: Flask, settings: Settings) -> Engine:
    """Register Flask-SQLAlchemy on `app` from Settings; its engine, tuned, is returned."""
    options = engine_options(settings)
    app.config["SQLALCHEMY_DATABASE_URI"] = options.pop("url")
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    with app.app_context():
        engine = db.engine  # created by init_app; nothing has connected yet
    return tune_engine(engine, settings)


def tune_engine(engine: Engine, settings: Settings | None = None) -> Engine:
    """Attach the SQLite or MySQL listeners; call before the engine's first connection."""
    backend = engine.url.get_backend_name()
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    elif backend in ("mysql", "mariadb"):
        event.listen(engine, "connect", _mysql_utc)
        event.listen(engine, "checkout", _mark_unknown)
        event.listen(engine, "begin", _mark_open)
        event.listen(engine, "commit", _mark_ended)
        event.listen(engine, "rollback", _mark_ended)
        event.listen(engine, "reset", _reset_if_open)
        if settings is None or settings.db_pool_pre_ping:
            idle = settings.db_pool_ping_idle_seconds if settings else PING_IDLE_SECONDS
            event.listen(engine, "checkout", _ping_if_idle(engine, idle))
            event.listen(engine, "checkin", _mark_used)
    return engine


# Pinging every checkout (`pool_pre_ping`) costs a round trip per request, one of three on a
# simple read. A connection handed back a moment ago is as alive as the last query on it
# showed, so only one idle for longer than `idle` seconds is pinged: after a quiet spell (or a
# server restart during one) a dead connection is replaced before a request uses it. A server
# that dies mid-load fails the queries in flight (503 `database_unavailable`), and SQLAlchemy
# then invalidates the whole pool, so the next requests connect afresh.
PING_IDLE_SECONDS = 10
USED = "zerowaste_used_at"


def _ping_if_idle(engine: Engine, idle: int) -> Any:
    def ping(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        used = record.info.get(USED)
        if used is not None and time.monotonic() - used < idle:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool discards this connection and checks out another (up to three times).
            raise exc.DisconnectionError(str(error)) from error

    return ping


def _mark_used(_dbapi_conn: Any, record: Any) -> None:
    if record is not None:
        record.info[USED] = time.monotonic()


# The pool's own reset rolls back every connection it gets back, although a unit of work has
# just ended its transaction (a session's rollback/commit, then close): a second ROLLBACK round
# trip on every request. These listeners track whether SQLAlchemy ended the transaction it
# began on the connection; anything else (a raw DBAPI use, an error halfway) counts as open.
OPEN = "zerowaste_tx_open"


def _mark_unknown(_dbapi_conn: Any, record: Any, _proxy: Any) -> None:
    record.info[OPEN] = True


def _mark_open(conn: Any) -> None:
    conn.info[OPEN] = True


def _mark_ended(conn: Any) -> None:
    # A connection the server dropped mid-query is invalidated: its DBAPI connection is gone
    # (the next checkout starts unknown) and asking for `info` would raise PendingRollbackError,
    # a 500, in place of the lost connection's OperationalError (503 database_unavailable).
    if conn.invalidated:
        return
    conn.info[OPEN] = False


def _reset_if_open(dbapi_conn: Any, record: Any, _state: Any) -> None:
    if record is None or record.info.get(OPEN, True):
        dbapi_conn.rollback()
        if record is not None:
            record.info[OPEN] = False


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (routes dump them afterwards)."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


def _absolute_sqlite(url: URL) -> URL:
    # Flask-SQLAlchemy would put a relative path under the app's instance folder; a relative
    # DATABASE_URL has always meant relative to the working directory, for the CLI too.
    database = url.database or ":memory:"
    if database == ":memory:" or url.query.get("uri") or Path(database).is_absolute():
        return url
    return url.set(database=str(Path(database).resolve()))


def _mysql_connect_args(driver: str) -> dict[str, Any]:
    # Fail fast when the server is gone so requests answer 503 instead of hanging.
    if driver == "pymysql":
        return {"connect_timeout": 5, "read_timeout": 30, "write_timeout": 30}
    return {"connect_timeout": 5}


def _mysql_utc(dbapi_conn: Any, _record: Any) -> None:
    with dbapi_conn.cursor() as cur:
        cur.execute("SET time_zone = '+00:00'")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite's implicit BEGIN is disabled so that "BEGIN IMMEDIATE" below is ours to issue.
    # WAL lets readers run beside the writer; busy_timeout makes writers queue.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # A writing unit of work takes the write lock up front, so read-modify-write sequences
    # (consume a stack, rotate a refresh token) serialise instead of losing updates or
    # failing on a lock upgrade; readers stay deferred and run beside the writer (WAL).
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
