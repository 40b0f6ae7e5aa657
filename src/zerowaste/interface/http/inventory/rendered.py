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

import json
import random
from collections.abc import Callable
from typing import Any

from flask import Response, current_app

from zerowaste.application.inventory.model import inventory_cache_key
from zerowaste.interface.http.security import current_user_id, services


def cached_json(view: str, build: Callable[[], Any]) -> Response:
    """The caller's rendering of `view`: from the cache when current, else built (the schema's
    dump, see responses.render) and stored."""
    owner, found = current_user_id(), services()
    stamp = found.inventory_queries.version(owner).encode() + b"\n"
    key = f"{inventory_cache_key(owner)}:render:{view}"
    cached = found.cache.get(key)
    if isinstance(cached, bytes) and cached.startswith(stamp):
        body = cached[len(stamp) :]
    else:
        body = json.dumps(build(), separators=(",", ":")).encode()
        ttl = current_app.extensions["zerowaste.settings"].cache_ttl_seconds
        found.cache.set(key, stamp + body, round(ttl * random.uniform(0.75, 1.25)))
    return Response(body, status=200, mimetype="application/json")
