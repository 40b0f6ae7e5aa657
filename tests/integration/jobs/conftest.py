"""Jobs test helpers: a user to own jobs, and the test-only handlers' module."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from tests.factories import add_user
from zerowaste.domain.accounts.users import User
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

TEST_HANDLERS = "tests.fakes.job_handlers"
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def add_owner(engine: Engine, uid: str = "ana") -> str:
    with UnitOfWorkFactory(engine)() as uow:
        add_user(uow, User(uid, None, None, "guest", NOW, NOW))
        uow.commit()
    return uid
