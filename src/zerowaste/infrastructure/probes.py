"""Dependency probes for readiness: cheap round trips with short timeouts."""

from __future__ import annotations

from collections.abc import Callable

import redis
from sqlalchemy import Engine, text


def database_probe(engine: Engine) -> Callable[[], bool]:
    def probe() -> bool:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True

    return probe


def redis_probe(client: redis.Redis) -> Callable[[], bool]:
    return lambda: bool(client.ping())


def broker_probe(url: str) -> Callable[[], bool]:
    def probe() -> bool:
        from kombu.connection import Connection

        with Connection(url, connect_timeout=1) as conn:  # type: ignore[no-untyped-call]
            conn.ensure_connection(max_retries=1, timeout=1)
        return True

    return probe
