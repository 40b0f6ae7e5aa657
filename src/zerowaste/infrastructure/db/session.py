"""Engine and session factory built from Settings: pool settings, SQLite WAL, MySQL utf8mb4."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from zerowaste.config import Settings

WRITE_OPTION = "zerowaste_write"


def make_engine(settings: Settings) -> Engine:
    """Create the engine for DATABASE_URL with the configured pool and per-dialect tuning."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url.render_as_string(hide_password=False))
    if "charset" not in url.query:
        url = url.update_query_dict({"charset": "utf8mb4"})
    engine = create_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_recycle=settings.db_pool_recycle,
        pool_pre_ping=settings.db_pool_pre_ping,
        pool_timeout=settings.db_pool_timeout,
        connect_args=_mysql_connect_args(url.get_driver_name()),
    )

    @event.listens_for(engine, "connect")
    def _utc_session(dbapi_conn: Any, _record: Any) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute("SET time_zone = '+00:00'")

    return engine


def _mysql_connect_args(driver: str) -> dict[str, Any]:
    # Fail fast when the server is gone so requests answer 503 instead of hanging.
    if driver == "pymysql":
        return {"connect_timeout": 5, "read_timeout": 30, "write_timeout": 30}
    return {"connect_timeout": 5}


def _sqlite_engine(url: str) -> Engine:
    # One file shared by several Gunicorn processes: WAL lets readers run beside the writer and
    # busy_timeout makes writers queue instead of failing with "database is locked".
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite's implicit BEGIN is disabled so that "BEGIN IMMEDIATE" below is ours to issue.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # A writing unit of work takes the write lock up front, so read-modify-write sequences
        # (consume a stack, rotate a refresh token) serialise instead of losing updates or
        # failing on a lock upgrade; readers stay deferred and run beside the writer (WAL).
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (routes dump them afterwards)."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)
