"""Read routing per request (README "Read replica"): each request gets a read scope (opened
with the request's other context variables, `middleware`), so the unit-of-work factory can send
its reads to the replica until it writes; a GET whose replica read lost its connection mid-way
runs once more, on the primary."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, request

from zerowaste.application.ports.read_routing import ReplicaLost

log = logging.getLogger(__name__)
SAFE_METHODS = frozenset({"GET", "HEAD"})


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
