"""Whole list views rendered once per user, view and day, then served as cached bytes.

Building and encoding a few hundred stacks costs far more than reading them from the cache.
The body is stored under one key, prefixed with the inventory version read *before* the data
(InventoryQueries.version: new after every write and every day), so after any write, or at
midnight, it is never served again. The interface caches its own rendering; the application
only says which version is current.
"""

from __future__ import annotations

import json
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
        found.cache.set(key, stamp + body, ttl)
    return Response(body, status=200, mimetype="application/json")
