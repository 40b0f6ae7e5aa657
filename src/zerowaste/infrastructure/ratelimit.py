"""Rate-limit counters shared by every Gunicorn process on one machine, without Redis.

Flask-Limiter's `memory://` storage counts per process, so N workers would allow N times the
limit (sign-in 5/min per IP became 20/min). The embedded default keeps the fixed-window
counters in one SQLite file under var/ instead: each `incr` is one short write transaction
(WAL; `BEGIN IMMEDIATE` serialises the processes), so the count is exact across processes.
Production uses Redis (`REDIS_URL`). Registered with the `limits` library as `zwsqlite://`.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from limits.storage import Storage

SCHEME = "zwsqlite"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS counters "
    "(key TEXT PRIMARY KEY, hits INTEGER NOT NULL, expires_at REAL NOT NULL)"
)


def storage_uri(var_dir: Path) -> str:
    """The URI of the shared counter file under `var_dir` (see SqliteLimitStorage)."""
    return f"{SCHEME}:///{(var_dir / 'ratelimit.db').resolve()}"


class SqliteLimitStorage(Storage):
    """Fixed-window counters in a SQLite file: `key -> (hits, expires_at)`."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options: Any) -> None:
        self._path = uri.split("://", 1)[1]
        Path(self._path).parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        with self._connection() as conn:
            conn.execute(_SCHEMA)

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return sqlite3.Error

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        conn = self._connection()
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM counters WHERE key = ? AND expires_at <= ?", (key, now))
            conn.execute(
                "INSERT INTO counters (key, hits, expires_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET hits = hits + excluded.hits",
                (key, amount, now + expiry),
            )
            row = conn.execute("SELECT hits FROM counters WHERE key = ?", (key,)).fetchone()
        return int(row[0])

    def get(self, key: str) -> int:
        row = self._live(key)
        return int(row[0]) if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._live(key)
        return float(row[1]) if row else time.time()

    def check(self) -> bool:
        try:
            self._connection().execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        with self._connection() as conn:
            return conn.execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        with self._connection() as conn:
            conn.execute("DELETE FROM counters WHERE key = ?", (key,))

    def _live(self, key: str) -> tuple[int, float] | None:
        row = (
            self._connection()
            .execute(
                "SELECT hits, expires_at FROM counters WHERE key = ? AND expires_at > ?",
                (key, time.time()),
            )
            .fetchone()
        )
        return (int(row[0]), float(row[1])) if row else None

    def _connection(self) -> sqlite3.Connection:
        """One connection per thread (gthread workers), autocommit with explicit BEGINs."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self._path, timeout=10, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn
