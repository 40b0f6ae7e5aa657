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


def queue_depth(url: str, queue: str = "celery") -> Callable[[], int | None]:
    """Messages waiting on the broker's queue (passive declare: never creates it)."""

    def depth() -> int | None:
        from kombu.connection import Connection
        from kombu.exceptions import ChannelError

        with Connection(url, connect_timeout=1) as conn:  # type: ignore[no-untyped-call]
            try:
                declared = conn.default_channel.queue_declare(queue=queue, passive=True)
            except ChannelError:  # Redis drops an empty queue's key: nothing is waiting
                return 0
        return int(declared.message_count)

    return depth
