"""Shared caches: Redis when configured, else in-process; backend failures become misses."""

from __future__ import annotations

import logging
import pickle
import threading
import time
from typing import Any

import redis

log = logging.getLogger(__name__)


class RedisCache:
    def __init__(self, client: redis.Redis, prefix: str = "zw:cache:") -> None:
        self._redis = client
        self._prefix = prefix

    def get(self, key: str) -> Any | None:
        try:
            raw = self._redis.get(self._prefix + key)
        except redis.RedisError as exc:
            log.warning("cache get failed, treating as miss: %s", exc)
            return None
        return pickle.loads(raw) if raw is not None else None  # noqa: S301 (our own values)

    def set(self, key: str, value: Any, ttl_seconds: int) -> None:
        try:
            self._redis.set(self._prefix + key, pickle.dumps(value), ex=ttl_seconds)
        except redis.RedisError as exc:
            log.warning("cache set failed: %s", exc)

    def delete(self, *keys: str) -> None:
        if not keys:
            return
        try:
            self._redis.delete(*[self._prefix + k for k in keys])
        except redis.RedisError as exc:
            log.warning("cache delete failed: %s", exc)


class MemoryCache:
    """Per-process TTL cache for the embedded default (one Gunicorn worker or tests)."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._data: dict[str, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self._max = max_entries

    def get(self, key: str) -> Any | None:
        with self._lock:
            found = self._data.get(key)
            if found is None:
                return None
            expires, value = found
            if expires < time.monotonic():
                del self._data[key]
                return None
            return value

    def set(self, key: str, value: Any, ttl_seconds: int) -> None:
        with self._lock:
            if len(self._data) >= self._max:
                self._data.clear()
            self._data[key] = (time.monotonic() + ttl_seconds, value)

    def delete(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._data.pop(key, None)


class FileCache:
    """Embedded default shared by every Gunicorn process on the machine (cachelib files).

    An in-process dict would go stale when another worker process handles the write; files
    under var/cache are seen by all of them, so invalidation on write holds across processes.
    """

    def __init__(self, directory: str) -> None:
        from cachelib import FileSystemCache

        self._cache = FileSystemCache(directory, threshold=20_000, default_timeout=300)

    def get(self, key: str) -> Any | None:
        try:
            return self._cache.get(key)
        except OSError as exc:
            log.warning("file cache get failed: %s", exc)
            return None

    def set(self, key: str, value: Any, ttl_seconds: int) -> None:
        try:
            self._cache.set(key, value, timeout=ttl_seconds)
        except OSError as exc:
            log.warning("file cache set failed: %s", exc)

    def delete(self, *keys: str) -> None:
        for key in keys:
            try:
                self._cache.delete(key)
            except OSError as exc:
                log.warning("file cache delete failed: %s", exc)
