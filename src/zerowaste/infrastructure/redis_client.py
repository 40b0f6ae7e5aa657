"""One Redis client per process, with short timeouts so a dead Redis degrades fast."""

from __future__ import annotations

import redis


def make_redis(url: str, socket_timeout: float) -> redis.Redis:
    return redis.Redis.from_url(
        url,
        socket_timeout=socket_timeout,
        socket_connect_timeout=socket_timeout,
        health_check_interval=30,
    )
