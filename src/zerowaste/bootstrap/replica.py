"""The read replica's parts, from Settings: its engine and the router that picks it per read
(README "Read replica"); nothing at all without DATABASE_REPLICA_URL."""

from __future__ import annotations

import redis
from sqlalchemy import Engine

from zerowaste.config import Settings
from zerowaste.infrastructure.db.replica import ReadRouter, RecentWrites, ReplicaHealth
from zerowaste.infrastructure.db.session import make_replica_engine
from zerowaste.infrastructure.metrics.pool import instrument_pool


def read_replica(
    settings: Settings, primary: Engine, redis_client: redis.Redis | None
) -> tuple[Engine | None, ReadRouter | None]:
    """The replica's engine and its router, or (None, None): every read on the primary."""
    engine = make_replica_engine(settings)
    if engine is None:
        return None, None
    instrument_pool(engine)
    health = ReplicaHealth(engine, settings.replica_max_lag_s, settings.replica_retry_s)
    writes = RecentWrites(primary, settings.replica_ryw_window_s, redis_client)
    return engine, ReadRouter(health, writes)
