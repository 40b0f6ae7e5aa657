"""Revocation stores: the database table (SQLite and MariaDB) and Redis with the table behind it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import redis
from sqlalchemy import select

from tests.conftest import make_settings
from tests.fakes import FixedClock
from zerowaste.infrastructure.accounts.revocation import (
    LOADED_MARKER,
    PREFIX,
    DatabaseRevocationStore,
    RedisRevocationStore,
)
from zerowaste.infrastructure.db.accounts import RevokedTokenRow
from zerowaste.infrastructure.db.session import make_engine, make_session_factory
from zerowaste.infrastructure.redis_client import make_redis

pytestmark = pytest.mark.integration

TTL = timedelta(minutes=30)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def session_factory(tmp_path, db_url) -> Iterator[Any]:
    engine = make_engine(make_settings(tmp_path, database_url=db_url))
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def database(session_factory, clock) -> DatabaseRevocationStore:
    return DatabaseRevocationStore(session_factory, clock.now)


def _stored_keys(session_factory: Any) -> set[str]:
    with session_factory() as s:
        return set(s.scalars(select(RevokedTokenRow.key)))


def test_database_store_answers_for_revoked_keys_only(database):
    assert not database.any_revoked(["jti-1", "sid:s1"])

    database.revoke("jti-1", TTL)

    assert database.any_revoked(["jti-1"])
    assert database.any_revoked(["other", "jti-1"])
    assert not database.any_revoked(["jti-2", "sid:s1"])


def test_database_store_forgets_keys_once_they_expire(database, clock, session_factory):
    database.revoke("jti-short", timedelta(seconds=5))
    database.revoke("jti-long", TTL)

    clock.advance(timedelta(seconds=6))

    assert not database.any_revoked(["jti-short"])  # expires_at in the past: not revoked
    assert database.any_revoked(["jti-long"])
    database.revoke("jti-new", TTL)  # writing sweeps expired rows
    assert _stored_keys(session_factory) == {"jti-long", "jti-new"}


def test_database_store_revoking_twice_extends_the_expiry(database, clock):
    database.revoke("sid:s1", timedelta(seconds=5))
    database.revoke("sid:s1", TTL)

    clock.advance(timedelta(minutes=1))

    assert database.any_revoked(["sid:s1"])


@pytest.fixture
def redis_client(redis_url) -> Iterator[redis.Redis]:
    client = make_redis(redis_url, 1.0)
    yield client
    client.close()


@pytest.mark.redis
def test_redis_store_writes_both_and_expires_with_a_ttl(redis_client, database, session_factory):
    store = RedisRevocationStore(redis_client, database)

    store.revoke("jti-1", TTL)

    assert store.any_revoked(["jti-1", "sid:none"])
    assert not store.any_revoked(["jti-2"])
    assert 0 < redis_client.ttl(PREFIX + "jti-1") <= TTL.total_seconds()
    assert _stored_keys(session_factory) == {"jti-1"}
    assert store.ping()


@pytest.mark.redis
def test_once_loaded_redis_alone_answers(redis_client, database):
    store = RedisRevocationStore(redis_client, database)
    assert not store.any_revoked(["jti-0"])  # first lookup on an empty Redis loads the table
    assert redis_client.exists(LOADED_MARKER) == 1
    store.revoke("jti-1", TTL)
    redis_client.delete(PREFIX + "jti-1")  # Redis says no: the table is not consulted

    assert not store.any_revoked(["jti-1"])


@pytest.mark.redis
def test_a_lookup_counting_answers_and_counts_a_live_token_in_one_round_trip(
    redis_client, database
):
    """`any_revoked_counting`: the lookup (None, nothing counted, until the list is loaded),
    and a fixed-window counter hit for a live token only, expiring after its window from its
    first hit, with the seconds left in it."""
    store = RedisRevocationStore(redis_client, database)
    store.revoke("jti-1", TTL)
    redis_client.delete(LOADED_MARKER)  # as after a restart: not trusted until loaded

    assert store.any_revoked_counting(["jti-1"], "count:a", 60) == (None, 0, 0)
    assert store.any_revoked(["jti-1"])  # loads the list
    assert store.any_revoked_counting(["jti-1", "sid:s"], "count:a", 60) == (True, 0, 0)
    assert redis_client.exists("count:a") == 0  # a revoked token's write is not the user's
    revoked, count, left = store.any_revoked_counting(["jti-2", "sid:s"], "count:a", 60)
    assert (revoked, count) == (False, 1) and 0 < left <= 60
    assert store.any_revoked_counting(["jti-2"], "count:a", 60)[:2] == (False, 2)
    assert 0 < redis_client.ttl("count:a") <= 60
    assert store.any_revoked_counting(["jti-2"], "count:b", 5)[:2] == (False, 1)
    assert 0 < redis_client.ttl("count:b") <= 5
    redis_client.script_flush()  # a Redis that lost its scripts: loaded again, still one call
    assert store.any_revoked_counting(["jti-2"], "count:b", 5)[:2] == (False, 2)


@pytest.mark.redis
def test_redis_store_reloads_from_the_table_after_redis_lost_its_data(redis_client, database):
    store = RedisRevocationStore(redis_client, database)
    store.revoke("jti-1", TTL)

    redis_client.flushdb()  # a restart without persistence

    assert store.any_revoked(["jti-1"])
    assert redis_client.exists(PREFIX + "jti-1") == 1
    assert not store.any_revoked(["jti-2"])


def test_redis_down_falls_back_to_the_database_without_raising(database, caplog):
    dead = make_redis("redis://127.0.0.1:1/0", 0.2)
    store = RedisRevocationStore(dead, database)

    store.revoke("jti-1", TTL)  # kept in the table, the Redis failure is logged

    assert store.any_revoked(["jti-1"])
    assert not store.any_revoked(["jti-2"])
    assert not store.ping()
    assert caplog.text.count("redis unavailable") == 1  # the outage, not each failed call


def test_a_refused_redis_fails_at_once_without_retries_or_backoff(database):
    """redis-py's clients may retry with exponential backoff (seconds on a refused port); the
    app's client gives up at once, so an outage costs a request a refused connect, no more."""
    store = RedisRevocationStore(make_redis("redis://127.0.0.1:1/0", 0.2), database)
    started = time.perf_counter()
    for _ in range(5):
        store.any_revoked(["jti-1"])
    assert time.perf_counter() - started < 0.5
