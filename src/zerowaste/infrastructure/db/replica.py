"""Read replica: whether a read may go there (health, read-your-writes), decided per read.

`ReplicaHealth` asks the replica how far behind it is (`SHOW REPLICA STATUS`, at most once a
second per process, by whichever request finds the answer stale, the others keep the cached
one): lag within REPLICA_MAX_LAG_S is "up"; beyond it "lagging"; no lag at all (NULL: a
replication thread stopped or failed, or the server replicates from nobody) "broken"; an error
(connection refused, timeout, a missing privilege) "down", not asked again for
REPLICA_RETRY_S. Anything but "up" sends reads to the primary; each change is logged once and
shown by the `zerowaste_db_replica_up` / `_lag_seconds` gauges and /healthz/ready ("degraded").

`RecentWrites` remembers, in Redis shared by every web process, that a household (and the user)
wrote: `zw:ryw:<household>` and `zw:ryw:u:<user>` live REPLICA_RYW_WINDOW_S seconds. While
either exists, the user's reads go to the primary. Redis down: reads go to the primary (read
your writes is kept; the primary carries the reads until Redis answers). Without REDIS_URL the
markers live in the process (one process, as the embedded default runs).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import redis
from sqlalchemy import Engine, text
from sqlalchemy.exc import ProgrammingError, SQLAlchemyError

from zerowaste.application.ports.read_routing import ReadScope, current_scope
from zerowaste.infrastructure.metrics import DB_REPLICA_LAG, DB_REPLICA_UP

log = logging.getLogger(__name__)

CHECK_INTERVAL_S = 1.0
UP, LAGGING, BROKEN, DOWN = "up", "lagging", "broken", "down"
_STATUS_QUERIES = ("SHOW REPLICA STATUS", "SHOW SLAVE STATUS")  # MariaDB >= 10.5, MySQL >= 8.0.22
_LAG_COLUMNS = ("Seconds_Behind_Master", "Seconds_Behind_Source")


class ReplicaHealth:
    def __init__(
        self,
        engine: Engine,
        max_lag_s: int,
        retry_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._max_lag = max_lag_s
        self._retry = retry_s
        self._clock = clock
        self._lock = threading.Lock()
        self._state = "unknown"
        self._next_check = 0.0
        self._query = 0  # which of _STATUS_QUERIES this server understands

    @property
    def state(self) -> str:
        return self._state

    def usable(self) -> bool:
        """Whether reads may go to the replica now (checks it when the last answer is stale)."""
        if self._clock() >= self._next_check and self._lock.acquire(blocking=False):
            try:
                self._check()
            finally:
                self._lock.release()
        return self._state == UP

    def mark_down(self, error: BaseException) -> None:
        """A read found the replica unreachable: set it aside until the retry time."""
        self._next_check = self._clock() + self._retry
        self._set(DOWN, f"{type(error).__name__}: {_first_line(error)}")

    def _check(self) -> None:
        try:
            lag = self._lag()
        except SQLAlchemyError as error:
            self.mark_down(error)
            return
        self._next_check = self._clock() + CHECK_INTERVAL_S
        if lag is None:
            self._set(BROKEN, "replication is not running (no Seconds_Behind_Master)")
        elif lag > self._max_lag:
            self._set(LAGGING, f"{lag} s behind the primary (limit {self._max_lag} s)", lag)
        else:
            self._set(UP, f"{lag} s behind the primary", lag)

    def _lag(self) -> int | None:
        with self._engine.connect() as conn:
            while True:
                try:
                    rows = conn.execute(text(_STATUS_QUERIES[self._query])).mappings().all()
                    break
                except ProgrammingError:  # a server that only knows SHOW SLAVE STATUS
                    if self._query + 1 >= len(_STATUS_QUERIES):
                        raise
                    self._query += 1
                    conn.rollback()
        lags = [_lag_of(row) for row in rows]
        if not lags or any(lag is None for lag in lags):
            return None
        return max(lag for lag in lags if lag is not None)

    def _set(self, state: str, why: str, lag: int | None = None) -> None:
        DB_REPLICA_UP.set(1 if state == UP else 0)
        DB_REPLICA_LAG.set(-1 if lag is None else lag)
        if state == self._state:
            return
        previous, self._state = self._state, state
        if state == UP:
            log.warning("read replica in use (%s; was %s)", why, previous)
        else:
            log.warning("read replica set aside, reads go to the primary: %s (%s)", state, why)


def _lag_of(row: Any) -> int | None:
    for column in _LAG_COLUMNS:
        if column in row:
            value = row[column]
            return None if value is None else int(value)
    return None


def _first_line(error: BaseException) -> str:
    cause = getattr(error, "orig", None) or error
    return str(cause).splitlines()[0][:200] if str(cause) else ""


class RecentWrites:
    """Households (and users) that wrote within the window, shared through Redis."""

    PREFIX = "zw:ryw:"

    def __init__(
        self,
        primary: Engine,
        window_s: int,
        client: redis.Redis | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._window = window_s
        self._client = client
        self._clock = clock
        self._households = HouseholdDirectory(primary, clock)
        self._local: dict[str, float] = {}  # without Redis: key -> expiry
        self._redis_down = False

    def remember(self, user_id: str) -> None:
        """The user wrote: their household reads the primary for the window."""
        household = self._households.of(user_id, fresh=True)
        keys = [self._user_key(user_id)]
        if household is not None:
            keys.append(self.PREFIX + household)
        if self._client is None:
            expiry = self._clock() + self._window
            self._local.update(dict.fromkeys(keys, expiry))
            if len(self._local) > 10_000:
                self._local = {k: v for k, v in self._local.items() if v > self._clock()}
            return
        try:
            with self._client.pipeline(transaction=False) as pipe:
                for key in keys:
                    pipe.set(key, 1, ex=self._window)
                pipe.execute()
            self._answered()
        except redis.RedisError as error:
            self._failed(error)

    def recent(self, user_id: str) -> bool:
        """Whether the user or their household wrote within the window (True when unsure)."""
        household = self._households.of(user_id)
        keys = [self._user_key(user_id)]
        if household is not None:
            keys.append(self.PREFIX + household)
        if self._client is None:
            now = self._clock()
            return any(self._local.get(key, 0.0) > now for key in keys)
        try:
            found = self._client.exists(*keys)
        except redis.RedisError as error:
            self._failed(error)
            return True  # cannot tell: the primary has every write
        self._answered()
        return bool(found)

    def _user_key(self, user_id: str) -> str:
        return f"{self.PREFIX}u:{user_id}"

    def _failed(self, error: redis.RedisError) -> None:
        if not self._redis_down:
            self._redis_down = True
            log.warning("read replica: Redis unavailable (%s); reads go to the primary", error)

    def _answered(self) -> None:
        if self._redis_down:
            self._redis_down = False
            log.warning("read replica: Redis answers again; reads may use the replica")


class HouseholdDirectory:
    """user -> household, read on the primary and kept a minute per process (a user who moves
    to another household marks both: `remember` reads the new one fresh)."""

    TTL_S = 60.0
    MAX = 10_000

    def __init__(self, primary: Engine, clock: Callable[[], float]) -> None:
        self._engine = primary
        self._clock = clock
        self._known: dict[str, tuple[str | None, float]] = {}

    def of(self, user_id: str, *, fresh: bool = False) -> str | None:
        now = self._clock()
        known = self._known.get(user_id)
        if known is not None and known[1] > now and not fresh:
            return known[0]
        try:
            with self._engine.connect() as conn:
                found = conn.execute(
                    text("SELECT household_id FROM users WHERE uid = :uid"), {"uid": user_id}
                ).scalar()
        except SQLAlchemyError:
            # The primary does not answer: the user's own marker still routes their reads.
            return known[0] if known is not None else None
        if len(self._known) >= self.MAX:
            self._known.clear()
        household = None if found is None else str(found)
        self._known[user_id] = (household, now + self.TTL_S)
        return household


class ReadRouter:
    """Decides, for each read unit of work, whether the replica may serve it."""

    def __init__(self, health: ReplicaHealth, writes: RecentWrites) -> None:
        self.health = health
        self._writes = writes

    def replica_allowed(self) -> bool:
        scope = current_scope()
        if scope is None or scope.wrote or scope.primary_only:
            return False
        if scope.caller is not None:
            if scope.recent is None:
                scope.recent = self._writes.recent(scope.caller)
            if scope.recent:
                return False
        return self.health.usable()

    def wrote(self) -> None:
        """A writing unit of work opened: this request reads the primary from now on, and its
        caller's household for the window once the request ends."""
        scope = current_scope()
        if scope is None or scope.wrote:
            return
        scope.wrote = True
        scope.on_close.append(self._remember)  # once per scope

    def _remember(self, scope: ReadScope) -> None:
        if scope.caller is not None:
            self._writes.remember(scope.caller)

    def lost(self, error: BaseException) -> None:
        self.health.mark_down(error)
