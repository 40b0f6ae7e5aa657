"""The unit of work: one transaction per use case, rolled back unless committed.

Each feature declares the repositories it needs as a Protocol extending `UnitOfWork`
(`application/<feature>/ports.py`); the SQLAlchemy unit of work has them all as typed
attributes, so mypy checks every feature's port against the one adapter.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from types import TracebackType
from typing import ParamSpec, Protocol, Self, TypeVar

from zerowaste.domain.shared.errors import TransientConflict

log = logging.getLogger(__name__)


class UnitOfWork(Protocol):
    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


U_co = TypeVar("U_co", bound=UnitOfWork, covariant=True)


class UnitOfWorkFactory(Protocol[U_co]):
    def __call__(self) -> U_co: ...  # a writing unit of work

    def read(self) -> U_co: ...  # a read-only unit of work (a replica may serve it later)


P = ParamSpec("P")
R = TypeVar("R")
RETRY_ATTEMPTS = 4
RETRY_BASE_SECONDS = 0.01


def retrying(use_case: Callable[P, R]) -> Callable[P, R]:
    """Run a writing use case again when its transaction lost a deadlock or a lock wait.

    The unit of work rolled the whole transaction back, so the next attempt starts clean; a
    few attempts with jittered backoff (10-80 ms) outlast any contention between requests.
    After the last, the TransientConflict reaches the caller (503 `database_busy`, logged).
    Only for use cases that do nothing outside their transaction before it commits.
    """

    @functools.wraps(use_case)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, RETRY_ATTEMPTS + 1):
            try:
                return use_case(*args, **kwargs)
            except TransientConflict as conflict:
                if attempt == RETRY_ATTEMPTS:
                    name = use_case.__qualname__
                    log.error("%s gave up after %d attempts: %s", name, attempt, _cause(conflict))
                    raise
                name = use_case.__qualname__
                log.warning("%s retried (attempt %d): %s", name, attempt, _cause(conflict))
                time.sleep(RETRY_BASE_SECONDS * 2 ** (attempt - 1) * (0.5 + random.random()))
        raise AssertionError("unreachable")

    return run


def _cause(conflict: TransientConflict) -> str:
    """The first line of what the database said (kept out of responses, shown in the log)."""
    cause = conflict.__cause__
    return str(getattr(cause, "orig", cause)).splitlines()[0][:200] if cause else conflict.message
