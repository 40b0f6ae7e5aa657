"""Rate limits per endpoint group (Flask-Limiter), Redis storage when configured.

Limits are callables read from Settings at request time, so they apply to the app that serves
the request (the original bound them at import, before the limiter existed, and lost them).
Each group (sign-in, refresh) is one shared budget per IP across the group's routes; every
other write (POST/PUT/PATCH/DELETE) gets the default limit per user (per IP when anonymous).
Reads are not counted per user: they are the bulk of the traffic, read the caller's own data
(mostly from the cache) and change nothing, so the per-IP limit at the edge (Nginx) bounds them;
counting them cost more than half of a cached read's Python time. They are filtered out before
Flask-Limiter resolves any limit (~0.2 ms per read), so no GET route can carry a limit of its
own: every limited group (sign-in, refresh) is POST-only (tests/integration/test_rate_limits.py).
When Redis fails, counting falls back to this process's memory (logged once) and returns to Redis
when it answers again, so the API keeps serving and keeps limiting. Without Redis the counters
live in storage shared by all processes (the composition root passes its URI: a SQLite file),
so limits are exact, not per worker. CORS preflights (OPTIONS) are never counted: they carry no
token, and counting them keyed by an unverified identity made Flask-Limiter give up its storage.

The default limit on writes is counted by `WriteBudget`, not Flask-Limiter's `default_limits`.
Flask-Limiter resolves each request's limits through its general machinery (exemption scopes,
blueprint and default limit sets, a per-request context): a py-spy profile of the write mix at
saturation put ~6 % of the workers' Python time there, beside the counter's own round trip
(~4 %). With Redis, that round trip is the one of the caller's revocation lookup: a write makes
one Redis round trip for both (`WriteBudget.spend_looking_up`). Flask-Limiter still counts the
groups (sign-in, refresh, AI, image transforms), and its request hooks run for those groups'
writes only (`_gate_limiter_hooks`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter, RequestLimit
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import FixedWindowRateLimiter
from sqlalchemy.exc import SQLAlchemyError

from zerowaste.config import Settings
from zerowaste.interface.http.errors import error_response
from zerowaste.interface.http.middleware import metrics, route_label
from zerowaste.interface.http.security import (
    optional_user_id,
    remember_revocation,
    token_to_look_up,
)

AI_GENERATION_SCOPE = "ai_generation"
AI_RECOGNITION_SCOPE = "ai_recognition"
AUTH_SCOPE = "auth_signin"
IMAGES_SCOPE = "image_transforms"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
REFRESH_SCOPE = "auth_refresh"
KEY_PREFIX = "zw"
# Set by the composition root when revocations are looked up in Redis: (keys, counter, window
# seconds) -> (revoked, None when the list is not loaded there; the counter after its hit, made
# only for a live token; the seconds left in its window).
COUNTING_LOOKUP = "zerowaste.counting_lookup"
CountingLookup = Callable[[list[str], str, int], tuple[bool | None, int, int]]
log = logging.getLogger(__name__)


def client_ip() -> str:
    # ProxyFix (configured in create_app) has already resolved X-Forwarded-For from Nginx.
    return request.remote_addr or "unknown"


def user_or_ip() -> str:
    try:
        uid = optional_user_id()
    except SQLAlchemyError:
        # The token's revocation lookup failed (database down): key by IP; the view answers 503.
        uid = None
    return f"user:{uid}" if uid else f"ip:{client_ip()}"


def auth_limit() -> str:
    return str(current_app.config["ZW_RATELIMIT_AUTH"])


def refresh_limit() -> str:
    return str(current_app.config["ZW_RATELIMIT_REFRESH"])


def ai_generation_limit() -> str:
    return str(current_app.config["ZW_RATELIMIT_AI_GENERATION"])


def ai_recognition_limit() -> str:
    return str(current_app.config["ZW_RATELIMIT_AI_RECOGNITION"])


def images_limit() -> str:
    return str(current_app.config["ZW_RATELIMIT_IMAGES"])


def _on_breach(limit: RequestLimit) -> Response:
    return _too_many(limit.limit, limit.reset_at)


def _too_many(limit: RateLimitItem, reset_at: float) -> Response:
    reset_in = max(1, int(reset_at - time.time()))
    metrics().rate_limited(route_label())  # zerowaste_rate_limit_rejections_total
    return error_response(
        429,
        "Rate limit exceeded",
        "rate_limited",
        {"limit": str(limit)},
        headers={"Retry-After": str(reset_in)},
    )


class WriteBudget:
    """The default limit: each write route's own fixed-window counter per user (per IP when
    anonymous), as Flask-Limiter's `default_limits` counted it, in the same storage and key
    space (`LIMITER/zw/<user:uid>/<endpoint>/...`).

    When the storage fails, this process's memory counts instead (logged once) and the storage
    is tried again every `RETRY_S` seconds (logged when it answers): the API keeps serving and
    keeps limiting, as Flask-Limiter's fallback does for the groups."""

    RETRY_S = 5.0

    def __init__(self, storage: Storage, limit: str) -> None:
        self._storage = storage
        self._redis = storage if isinstance(storage, RedisStorage) else None
        self._primary = FixedWindowRateLimiter(storage)
        self._fallback = FixedWindowRateLimiter(MemoryStorage())
        self._item = parse(limit)
        self._retry_at: float | None = None  # set while the storage is failing
        self._lock = threading.Lock()

    def spend(self, key: str, scope: str) -> Response | None:
        """Count one write; the 429 answer once the budget is spent, else None."""
        strategy = self._fallback if self._failing() else self._primary
        try:
            admitted = strategy.hit(self._item, KEY_PREFIX, key, scope)
        except Exception:  # noqa: BLE001 - any storage failure: count in memory, keep serving
            self._failed()
            strategy = self._fallback
            admitted = strategy.hit(self._item, KEY_PREFIX, key, scope)
        if admitted:
            return None
        reset_at = strategy.get_window_stats(self._item, KEY_PREFIX, key, scope).reset_time
        return _too_many(self._item, reset_at)

    def spend_looking_up(self, lookup: CountingLookup | None, scope: str) -> Response | None:
        """`spend` for the caller, counted in the round trip of their token's revocation lookup
        (`lookup`: RedisRevocationStore.any_revoked_counting, on the Redis of this storage:
        the composition root gives both REDIS_URL).

        A write that carries an access token makes one Redis round trip for both, where it made
        two (~0.08 ms of CPU per write in process): same counter key, window and limit as
        `spend`. A revoked token's write is not counted against the user: the lookup hits the
        counter only for a live token, and the revoked one's write counts against the IP, as an
        anonymous one. Without Redis, while it fails, when its revocation list is not loaded,
        or without a token to look up, it is `spend`."""
        if lookup is None or self._redis is None or self._failing():
            return self.spend(user_or_ip(), scope)
        pending = token_to_look_up()
        if pending is None:
            return self.spend(user_or_ip(), scope)
        subject, jti, keys = pending
        counter = self._item.key_for(KEY_PREFIX, f"user:{subject}", scope)
        try:
            revoked, count, left = lookup(
                keys, self._redis.prefixed_key(counter), self._item.get_expiry()
            )
        except Exception:  # noqa: BLE001 - Redis failing: count in memory, look up as usual
            self._failed()
            return self.spend(user_or_ip(), scope)
        if revoked is None:  # the list is not loaded: verified_claims loads it, then counts
            return self.spend(user_or_ip(), scope)
        remember_revocation(jti, revoked)
        if revoked:  # the view answers 401; the write is the IP's, as an anonymous one
            return self.spend(user_or_ip(), scope)
        if count <= self._item.amount:
            return None
        return _too_many(self._item, time.time() + max(left, 1))

    def _failing(self) -> bool:
        retry_at = self._retry_at
        if retry_at is None or time.monotonic() < retry_at:
            return retry_at is not None
        with self._lock:
            if self._retry_at is None:
                return False
            try:
                healthy = self._storage.check()
            except Exception:  # noqa: BLE001 - still down
                healthy = False
            if healthy:
                log.info("rate-limit storage answers again: write limits count there")
                self._retry_at = None
                return False
            self._retry_at = time.monotonic() + self.RETRY_S
            return True

    def _failed(self) -> None:
        with self._lock:
            if self._retry_at is None:
                log.warning("rate-limit storage unreachable: write limits count in this process")
            self._retry_at = time.monotonic() + self.RETRY_S


def make_limiter(app: Flask, settings: Settings, storage_uri: str) -> Limiter:
    app.config.update(
        RATELIMIT_ENABLED=settings.ratelimit_enabled,
        RATELIMIT_STORAGE_URI=storage_uri,
        RATELIMIT_STORAGE_OPTIONS={
            "socket_timeout": settings.redis_socket_timeout,
            "socket_connect_timeout": settings.redis_socket_timeout,
        }
        if settings.redis_url
        else {},
        RATELIMIT_IN_MEMORY_FALLBACK_ENABLED=True,
        RATELIMIT_SWALLOW_ERRORS=True,
        # X-RateLimit-* headers on every answer cost one more storage round trip per request;
        # a 429 still carries Retry-After (set by _on_breach).
        RATELIMIT_HEADERS_ENABLED=False,
        RATELIMIT_STRATEGY="fixed-window",
        RATELIMIT_KEY_PREFIX=KEY_PREFIX,
        ZW_RATELIMIT_AUTH=settings.ratelimit_auth,
        ZW_RATELIMIT_REFRESH=settings.ratelimit_refresh,
        ZW_RATELIMIT_AI_RECOGNITION=settings.ratelimit_ai_recognition,
        ZW_RATELIMIT_AI_GENERATION=settings.ratelimit_ai_generation,
        ZW_RATELIMIT_IMAGES=settings.ratelimit_images,
    )
    return Limiter(key_func=user_or_ip, app=app, on_breach=_on_breach)


def limit_writes(
    app: Flask, limiter: Limiter, limit: str, grouped: Iterable[str], exempt: Iterable[str]
) -> None:
    """Count the default `limit` on every write, except the `grouped` blueprints' (their own
    budgets, counted by Flask-Limiter) and the `exempt` ones'. Reads are never counted."""
    own_budgets, skipped = frozenset(grouped), frozenset(exempt) | frozenset(grouped)

    # Flask-Limiter sees only the groups' writes: it runs nothing for any other request. The
    # filter says the same to its view decorators (`@limiter.limit`, checked in the view).
    def counted() -> bool:
        return request.method not in READ_METHODS and request.blueprint in own_budgets

    limiter.request_filter(lambda: not counted())
    _gate_limiter_hooks(app, limiter, counted)
    if not limiter.enabled:
        return
    budget = WriteBudget(limiter.storage, limit)

    @app.before_request
    def spend_write_budget() -> Response | None:
        if request.method in READ_METHODS or request.blueprint in skipped:
            return None
        if request.endpoint is None:
            return None  # no route (404/405): nothing to protect
        return budget.spend_looking_up(app.extensions.get(COUNTING_LOOKUP), request.endpoint)


def _gate_limiter_hooks(app: Flask, limiter: Limiter, counted: Callable[[], bool]) -> None:
    """Run Flask-Limiter's three request hooks only for the requests it counts.

    Flask-Limiter registers a before-request check, an after-request header hook and a teardown
    on every request. Its request filters skip the counting, but only after it has named the
    view, resolved the route's exemption scope and made a per-request context, and its other two
    hooks run regardless: ~0.1 ms of CPU per write and ~0.03 ms per read in process
    (`bench/request_profile.py steady|profile` against `PROF_LIMITS=0`), for requests it counts
    nothing on. The hooks are found in the app's hook lists by their owner, the limiter."""

    def owned(hook: Callable[..., Any]) -> bool:
        return getattr(hook, "__self__", None) is limiter or limiter in getattr(hook, "args", ())

    def before(hook: Callable[[], Any]) -> Callable[[], Any]:
        return lambda: hook() if counted() else None

    def after(hook: Callable[[Response], Response]) -> Callable[[Response], Response]:
        return lambda response: hook(response) if counted() else response

    def teardown(hook: Callable[[BaseException | None], Any]) -> Callable[..., Any]:
        return lambda error=None: hook(error) if counted() else None

    found = 0
    for hooks, wrap in (
        (app.before_request_funcs, before),
        (app.after_request_funcs, after),
        (app.teardown_request_funcs, teardown),
    ):
        app_hooks: list[Callable[..., Any]] = hooks.get(None, [])
        for index, hook in enumerate(app_hooks):
            if owned(hook):
                app_hooks[index] = wrap(hook)
                found += 1
    expected = 3 if limiter.enabled else 0  # a disabled limiter registers none
    if found != expected:  # a Flask-Limiter that registers its hooks otherwise: fail at start
        raise RuntimeError(f"expected {expected} request hooks of Flask-Limiter, found {found}")
