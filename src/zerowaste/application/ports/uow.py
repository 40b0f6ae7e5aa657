"""The unit of work: one transaction per use case, rolled back unless committed.

Each feature declares the repositories it needs as a Protocol extending `UnitOfWork`
(`application/<feature>/ports.py`); the SQLAlchemy unit of work has them all as typed
attributes, so mypy checks every feature's port against the one adapter.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self, TypeVar


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
