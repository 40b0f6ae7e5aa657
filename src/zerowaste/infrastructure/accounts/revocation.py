"""Revocation list: Redis keys with TTL when REDIS_URL is set, a database table otherwise.

With Redis configured, revocations are written to both: Redis answers the per-request lookup
(one round trip), the table keeps them when Redis is unreachable (the lookup then falls back to
the table, logged, so the API keeps serving) or restarts empty: a marker key tells whether Redis
holds the table's entries, and when it is missing they are copied back before Redis is trusted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

import redis
from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects.mysql import insert as mysql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from zerowaste.infrastructure.db.accounts import RevokedTokenRow
from zerowaste.infrastructure.redis_client import OutageLog

log = logging.getLogger(__name__)
PREFIX = "zw:revoked:"
LOADED_MARKER = PREFIX + "__loaded__"
_ANY_REVOKED = (
    select(RevokedTokenRow.key)
    .where(
        RevokedTokenRow.key.in_(bindparam("keys", expanding=True)),
        RevokedTokenRow.expires_at > bindparam("now"),
    )
    .limit(1)
)


# KEYS: the loaded marker, the counter, then the revocation keys; ARGV: the counter's window (s).
# Returns {revoked: -1 not loaded, 1 yes, 0 no; the counter after its hit (0: not hit); its TTL}.
# The counter is hit only for a token that is not revoked (limits' incr_expire.lua, inlined).
_COUNTING_LOOKUP = """
if redis.call("EXISTS", KEYS[1]) == 0 then return {-1, 0, 0} end
if #KEYS > 2 and redis.call("EXISTS", unpack(KEYS, 3)) > 0 then return {1, 0, 0} end
local count = redis.call("INCR", KEYS[2])
if count == 1 then redis.call("EXPIRE", KEYS[2], ARGV[1]) end
return {0, count, redis.call("TTL", KEYS[2])}
"""


class DatabaseRevocationStore:
    def __init__(
        self, session_factory: sessionmaker[Session], now: Callable[[], datetime] | None = None
    ) -> None:
        self._session_factory = session_factory
        self._engine = session_factory.kw["bind"]
        self._now = now or (lambda: datetime.now(UTC))

    def revoke(self, key: str, ttl: timedelta) -> None:
        now = self._now()
        with self._session_factory.begin() as s:
            values = {"key": key, "expires_at": now + ttl}
            if s.get_bind().dialect.name == "sqlite":
                stmt = sqlite_insert(RevokedTokenRow).values(values)
                s.execute(stmt.on_conflict_do_update(index_elements=["key"], set_=values))
            else:
                stmt2 = mysql_insert(RevokedTokenRow).values(values)
                s.execute(stmt2.on_duplicate_key_update(expires_at=values["expires_at"]))
            # Keep the table small: drop entries whose tokens have expired anyway.
            s.execute(delete(RevokedTokenRow).where(RevokedTokenRow.expires_at < now))

    def any_revoked(self, keys: Iterable[str]) -> bool:
        # Runs on every authenticated request without Redis: a prebuilt Core statement on a
        # pooled connection (no ORM session) keeps it near the cost of the query itself.
        with self._engine.connect() as conn:
            found = conn.execute(_ANY_REVOKED, {"keys": list(keys), "now": self._now()}).first()
        return found is not None

    def active(self) -> list[tuple[str, datetime]]:
        """Every entry that has not expired: (key, expires_at)."""
        with self._session_factory() as s:
            rows = s.execute(
                select(RevokedTokenRow.key, RevokedTokenRow.expires_at).where(
                    RevokedTokenRow.expires_at > self._now()
                )
            )
            return [(key, expires_at) for key, expires_at in rows]

    def now(self) -> datetime:
        return self._now()

    def ping(self) -> bool:
        return True


class RedisRevocationStore:
    def __init__(
        self,
        client: redis.Redis,
        fallback: DatabaseRevocationStore,
        outage: OutageLog | None = None,
    ) -> None:
        self._redis = client
        self._counting = client.register_script(_COUNTING_LOOKUP)  # EVALSHA, loaded once
        self._fallback = fallback
        self._outage = outage or OutageLog("redis")

    def revoke(self, key: str, ttl: timedelta) -> None:
        self._fallback.revoke(key, ttl)
        try:
            self._redis.set(PREFIX + key, b"1", ex=max(1, int(ttl.total_seconds())))
        except redis.RedisError as exc:
            self._outage.failed("revocation write, kept in the database", exc)
        else:
            self._outage.answered()

    def any_revoked(self, keys: Iterable[str]) -> bool:
        keys = list(keys)
        try:
            pipe = self._redis.pipeline(transaction=False)
            pipe.exists(LOADED_MARKER)
            pipe.exists(*[PREFIX + k for k in keys])
            loaded, found = pipe.execute()
            self._outage.answered()
            if loaded:
                return bool(found)
            self._reload()
        except redis.RedisError as exc:
            self._outage.failed("revocation lookup, using the database", exc)
        return self._fallback.any_revoked(keys)

    def any_revoked_counting(
        self, keys: Iterable[str], counter: str, expiry: int
    ) -> tuple[bool | None, int, int]:
        """`any_revoked`, and a hit on a fixed-window counter when nothing is revoked, in one
        round trip (one atomic script, `_COUNTING_LOOKUP`): (whether a key is revoked, or None
        when the list is not loaded in Redis: ask `any_revoked`, which loads it; the counter's
        value after the hit, 0 when it was not hit; the seconds left in its window). A counter's
        window starts at its first hit and lasts `expiry` seconds, as in `limits`' fixed window.
        The write budget counts here: one round trip for both (issue #7). Raises
        redis.RedisError (the caller counts elsewhere and looks up with `any_revoked`)."""
        keys = [PREFIX + k for k in keys]
        revoked, count, left = self._counting([LOADED_MARKER, counter, *keys], [expiry])
        self._outage.answered()
        return (None if revoked < 0 else bool(revoked)), int(count), int(left)

    def _reload(self) -> None:
        """Redis lost its data (restart, flush): copy the table's live entries back."""
        now = self._fallback.now()
        pipe = self._redis.pipeline(transaction=False)
        for key, expires_at in self._fallback.active():
            pipe.set(PREFIX + key, b"1", ex=max(1, int((expires_at - now).total_seconds())))
        pipe.set(LOADED_MARKER, b"1")
        pipe.execute()
        log.info("revocation list reloaded into redis from the database")

    def ping(self) -> bool:
        try:
            return bool(self._redis.ping())
        except redis.RedisError:
            return False
