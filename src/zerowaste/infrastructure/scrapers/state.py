"""Where the fetcher keeps its state: the response cache and each host's next free slot.

With Redis (REDIS_URL) both are shared by every worker process and host: a page fetched by one
worker is a hit for the others, and the per-host pace holds for the whole deployment (a Lua
script reserves the next slot atomically on Redis's own clock). Without it, both live in the
process: the embedded default runs jobs in one process. A Redis failure degrades to the
process's own state, logged once per outage (never to "no limit").
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

import redis

log = logging.getLogger(__name__)

PREFIX = "zw:scrape:"
MEMORY_ENTRIES = 512


class ResponseCache(Protocol):
    def get(self, key: str) -> dict[str, Any] | None: ...

    def put(self, key: str, value: dict[str, Any], ttl: int) -> None: ...


class HostPace(Protocol):
    def reserve(self, host: str, interval: float) -> float:
        """Book the host's next slot; seconds to wait before using it."""
        ...


class MemoryResponseCache:
    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._entries: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None or found[0] <= self._now():
                self._entries.pop(key, None)
                return None
            return found[1]

    def put(self, key: str, value: dict[str, Any], ttl: int) -> None:
        with self._lock:
            self._entries[key] = (self._now() + ttl, value)
            self._entries.move_to_end(key)
            while len(self._entries) > MEMORY_ENTRIES:
                self._entries.popitem(last=False)


class MemoryHostPace:
    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def reserve(self, host: str, interval: float) -> float:
        with self._lock:
            now = self._now()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + interval
            return slot - now


# KEYS[1] host key; ARGV[1] interval in ms. Returns the wait in ms (Redis's clock).
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local interval = tonumber(ARGV[1])
redis.call('SET', KEYS[1], slot + interval, 'PX', slot - now + interval + 1000)
return slot - now
"""


class RedisStores:
    """The response cache and host pace on Redis, each falling back to the process's own.

    After a Redis failure the process's state is used for RETRY_AFTER seconds before Redis is
    tried again: a job must not wait on a dead server's connect timeout at every request."""

    RETRY_AFTER = 30.0

    def __init__(self, client: redis.Redis, now: Callable[[], float] = time.monotonic) -> None:
        self._client = client
        self._reserve = client.register_script(_RESERVE)
        self._memory_cache = MemoryResponseCache()
        self._memory_pace = MemoryHostPace()
        self._now = now
        self._down_until = 0.0

    def get(self, key: str) -> dict[str, Any] | None:
        if self._down():
            return self._memory_cache.get(key)
        try:
            raw = self._client.get(PREFIX + key)
        except redis.RedisError as exc:
            self._failed("read the cache", exc)
            return self._memory_cache.get(key)
        return json.loads(raw) if raw else None

    def put(self, key: str, value: dict[str, Any], ttl: int) -> None:
        if self._down():
            self._memory_cache.put(key, value, ttl)
            return
        try:
            self._client.set(PREFIX + key, json.dumps(value), ex=ttl)
        except redis.RedisError as exc:
            self._failed("write the cache", exc)
            self._memory_cache.put(key, value, ttl)

    def reserve(self, host: str, interval: float) -> float:
        if self._down():
            return self._memory_pace.reserve(host, interval)
        try:
            waited = self._reserve(keys=[f"{PREFIX}host:{host}"], args=[int(interval * 1000)])
        except redis.RedisError as exc:
            self._failed("pace a host", exc)
            return self._memory_pace.reserve(host, interval)
        return max(0.0, int(waited) / 1000)

    def _down(self) -> bool:
        return self._now() < self._down_until

    def _failed(self, what: str, exc: Exception) -> None:
        log.warning(
            "scraping: Redis could not %s (%r); this process's state for %.0f s",
            what,
            exc,
            self.RETRY_AFTER,
        )
        self._down_until = self._now() + self.RETRY_AFTER
