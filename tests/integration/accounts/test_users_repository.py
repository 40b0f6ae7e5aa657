"""The user repository's guarantees the service relies on (SQLite and MariaDB)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.conftest import make_settings
from tests.factories import add_user
from zerowaste.domain.accounts.users import User
from zerowaste.domain.shared.errors import Conflict
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def uows(tmp_path, db_url) -> Iterator[Any]:
    engine = make_engine(make_settings(tmp_path, database_url=db_url))
    yield UnitOfWorkFactory(engine)
    engine.dispose()


def test_a_login_email_taken_after_the_check_is_a_conflict_not_a_database_error(uows):
    with uows() as uow:
        add_user(uow, User("u1", "ana@example.com", None, "local", NOW, NOW), password_hash="h1")
        add_user(uow, User("u2", None, None, "guest", NOW, NOW))
        uow.commit()

    with uows() as uow, pytest.raises(Conflict) as caught:
        uow.users.set_password("u2", "ana@example.com", "h2")  # as a concurrent signup would

    assert caught.value.code == "email_taken"
    with uows.read() as uow:
        assert uow.users.get_by_login_email("ana@example.com")[0].uid == "u1"
        assert uow.users.get("u2") is not None
