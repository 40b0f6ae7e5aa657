"""SQLAlchemy unit of work: one session per service call, rolled back unless committed.

Repositories are attached by name from REPOSITORIES so each feature adds one line here.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from zerowaste.domain.shared.errors import UpstreamUnavailable
from zerowaste.infrastructure.db.session import WRITE_OPTION

REPOSITORIES: dict[str, Any] = {}


def register_repository(name: str, cls: Any) -> None:
    """Attach `cls(session)` as attribute `name` of every unit of work."""
    REPOSITORIES[name] = cls


class SqlAlchemyUnitOfWork:
    """`with uow:` opens a session and transaction; leaving without commit() rolls back."""

    session: Session

    def __init__(self, session_factory: sessionmaker[Session], *, write: bool) -> None:
        self._session_factory = session_factory
        self._write = write
        self.committed = False

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        self.session = self._session_factory()
        if self._write:
            self.session.connection(execution_options={WRITE_OPTION: True})
        for name, cls in REPOSITORIES.items():
            setattr(self, name, cls(self.session))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
        if isinstance(exc, OperationalError | DBAPIError) and _is_connection_error(exc):
            raise UpstreamUnavailable("The database is unavailable", code="database_unavailable")

    def commit(self) -> None:
        self.session.commit()
        self.committed = True

    def rollback(self) -> None:
        self.session.rollback()


def _is_connection_error(exc: DBAPIError) -> bool:
    return bool(getattr(exc, "connection_invalidated", False)) or isinstance(exc, OperationalError)


class UnitOfWorkFactory:
    """Callable that opens a writing unit of work; `.read()` opens a read-only one."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def __call__(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self._session_factory, write=True)

    def read(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self._session_factory, write=False)
