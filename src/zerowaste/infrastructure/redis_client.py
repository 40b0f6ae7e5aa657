"""One Redis client per process, with short timeouts so a dead Redis degrades fast, and one
outage log shared by the process's Redis adapters (the composition root hands it to each): the
transitions (down, back), not a warning for every failed call."""

from __future__ import annotations

import logging
import threading

import redis

log = logging.getLogger(__name__)


def make_redis(url: str, socket_timeout: float) -> redis.Redis:
    return redis.Redis.from_url(
        url,
        socket_timeout=socket_timeout,
        socket_connect_timeout=socket_timeout,
        health_check_interval=30,
    )


class OutageLog:
    """Logs when a dependency stops answering and when it answers again, once each.

    During an outage every request would otherwise log several warnings (cache, revocation
    list...), burying everything else; what an operator needs is when it started and ended.
    """

    def __init__(self, name: str) -> None:
        self._name = name
        self._down = False
        self._lock = threading.Lock()

    @property
    def down(self) -> bool:
        return self._down

    def failed(self, what: str, error: Exception) -> None:
        with self._lock:
            if self._down:
                return
            self._down = True
        log.warning("%s unavailable (%s): %s; degrading until it answers", self._name, what, error)

    def answered(self) -> None:
        if not self._down:
            return
        with self._lock:
            if not self._down:
                return
            self._down = False
        log.warning("%s answers again", self._name)
