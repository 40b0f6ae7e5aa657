"""Which database a read may use: the request scope that read-your-writes routing needs.

Services never choose: they open `uow_factory.read()` for a read and a writing unit of work
otherwise. The SQLAlchemy factory sends a read to the replica (when one is configured and
healthy) only inside a request scope, and only while the scope allows it:

- a request that opened a writing unit of work reads the primary from then on;
- a request whose caller's household wrote a moment ago (any process, any instance: the
  marker is shared) reads the primary;
- outside a request (Celery jobs, the CLI, tests without the HTTP layer) reads the primary;
  a job runs `acting_for(owner)`: its reads stay on the primary and its writes mark the
  owner's household like a request's (the next request must not read an older replica).

The HTTP layer opens a scope per request (`open_scope`/`close_scope`) and names the caller
once the token is verified, or once a login minted tokens (`bind_caller`). Closing the scope
runs what the writes of the request asked for (the household marker). A contextvar: each
thread (gthread) or greenlet (gevent) sees its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass, field

from zerowaste.domain.shared.errors import UpstreamUnavailable

log = logging.getLogger(__name__)


@dataclass
class ReadScope:
    caller: str | None = None  # the user the request acts for, once known
    wrote: bool = False  # a writing unit of work was opened: reads go to the primary
    recent: bool | None = None  # memo: the caller's household wrote within the window
    primary_only: bool = False  # every read on the primary (a job's scope)
    on_close: list[Callable[[ReadScope], None]] = field(default_factory=list)


class ReplicaLost(UpstreamUnavailable):
    """A read on the replica lost its connection mid-way; the replica is set aside and the
    same read on the primary will answer (the HTTP layer runs a GET once more)."""

    def __init__(self) -> None:
        super().__init__("The database is unavailable", code="database_unavailable")


_scope: ContextVar[ReadScope | None] = ContextVar("zerowaste_read_scope", default=None)


def current_scope() -> ReadScope | None:
    return _scope.get()


def open_scope() -> Token[ReadScope | None]:
    return _scope.set(ReadScope())


def bind_caller(user_id: str) -> None:
    scope = _scope.get()
    if scope is not None and scope.caller != user_id:
        scope.caller, scope.recent = user_id, None


def close_scope(token: Token[ReadScope | None]) -> None:
    """Run the scope's closing hooks (a hook that fails is logged, never raised), then reset."""
    scope = _scope.get()
    try:
        for hook in scope.on_close if scope is not None else ():
            try:
                hook(scope)  # type: ignore[arg-type]
            except Exception:
                log.exception("read routing: a closing hook failed")
    finally:
        _scope.reset(token)


@contextmanager
def acting_for(user_id: str) -> Iterator[None]:
    """Work done for a user outside a request (a job): reads on the primary, and the writes
    mark the user's household when it ends. Inside a request, the request's scope serves."""
    if _scope.get() is not None:
        yield
        return
    token = _scope.set(ReadScope(caller=user_id, primary_only=True))
    try:
        yield
    finally:
        close_scope(token)
