"""Whole list views rendered once per user, view and day, then served as cached bytes.

Building and encoding a few hundred stacks costs far more than reading them from the cache.
The body is stored under one key, prefixed with the version read *before* the data
(InventoryQueries.version, kept in the database: new after every write of the household, every
profile change of the caller, and every day), so after any of those it is never served again,
even by a cache that missed a delete or came back from an old snapshot. Correctness never
depends on expiry, so entries live long and expire at jittered times (no synchronized rebuilds).
The interface caches its own rendering; the application only says which version is current.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from flask import Response, current_app

from zerowaste.interface.http.json_provider import json_bytes
from zerowaste.interface.http.responses import json_bytes_response
from zerowaste.interface.http.security import current_user_id, services


def rendering_key(user_id: str, view: str) -> str:
    """Where the caller's rendering of a list view is cached (per user: allergy alerts)."""
    return f"inv:{user_id}:render:{view}"


class SingleFlight:
    """One build per key at a time in this process: concurrent callers of a key being built
    wait for that build and share its result instead of each building it (a burst of requests
    for a list whose version just changed renders it once per process, not once per request).
    Keys carry the version, so only callers that would build the very same body share one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[str, Future[bytes]] = {}

    def run(self, key: str, build: Callable[[], bytes]) -> bytes:
        with self._lock:
            running = self._running.get(key)
            leader = running is None
            if running is None:
                running = self._running[key] = Future()
        if not leader:
            return running.result()
        try:
            running.set_result(build())
        except BaseException as error:
            running.set_exception(error)
            raise
        finally:
            with self._lock:
                self._running.pop(key, None)
        return running.result()


_BUILDS = SingleFlight()


def cached_json(view: str, build: Callable[[], Any]) -> Response:
    """The caller's rendering of `view`: from the cache when current, else built once (the
    schema's dump, see responses.render) and stored."""
    owner, found = current_user_id(), services()
    version = found.inventory_queries.version(owner)
    stamp = version.encode() + b"\n"
    key = rendering_key(owner, view)
    cached = found.cache.get(key)
    if isinstance(cached, bytes) and cached.startswith(stamp):
        return json_bytes_response(cached[len(stamp) :])
    ttl = current_app.extensions["zerowaste.settings"].cache_ttl_seconds

    def render_and_store() -> bytes:
        body = json_bytes(build())
        found.cache.set(key, stamp + body, round(ttl * random.uniform(0.75, 1.25)))
        return body

    body = _BUILDS.run(f"{key}:{version}", render_and_store)
    return json_bytes_response(body)
