"""Read routing per request (README "Read replica"): each request gets a read scope, so the
unit-of-work factory can send its reads to the replica until it writes; a GET whose replica
read lost its connection mid-way runs once more, on the primary."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from flask import Flask, current_app, g, request

from zerowaste.application.ports.read_routing import ReplicaLost, close_scope, open_scope

log = logging.getLogger(__name__)
SAFE_METHODS = frozenset({"GET", "HEAD"})


def register_read_scope(app: Flask) -> None:
    """Open and close a read scope around each request (before the limiter names the caller)."""

    @app.before_request
    def open_read_scope() -> None:
        g.read_scope_token = open_scope()

    @app.teardown_request
    def close_read_scope(_: BaseException | None) -> None:
        token = g.pop("read_scope_token", None)
        if token is not None:
            with suppress(ValueError):  # torn down in another context: nothing to undo
                close_scope(token)


def retry_replica_losses(app: Flask) -> None:
    """Wrap every view: a GET or HEAD that raised ReplicaLost runs once more (the replica is
    set aside by then, so its reads go to the primary). Nothing was written: a request reads
    the replica only before its first write. Call once every view is registered."""
    for endpoint, view in list(app.view_functions.items()):
        app.view_functions[endpoint] = _once_more_on_replica_loss(view)


def _once_more_on_replica_loss(view: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(view)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return current_app.ensure_sync(view)(*args, **kwargs)
        except ReplicaLost:
            if request.method not in SAFE_METHODS:
                raise
            log.warning("a read lost the replica; %s %s runs again", request.method, request.path)
            return current_app.ensure_sync(view)(*args, **kwargs)

    return run
