"""The household claim that starts every inventory write: one statement once the process knows
the user's household, and never the wrong household when membership changed since (the hint is
checked by the statement itself), on SQLite and MariaDB."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text

from tests.factories import add_user
from zerowaste.domain.accounts.users import User
from zerowaste.domain.households import Household, Membership
from zerowaste.infrastructure.db import households as module
from zerowaste.infrastructure.db.membership_hints import MembershipHints
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite_url", pytest.param("mysql_url", marks=pytest.mark.mysql)])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    built = create_engine(str(request.getfixturevalue(request.param)))
    yield built
    built.dispose()


@pytest.fixture
def uows(engine: Engine) -> UnitOfWorkFactory:
    """One app's units of work: they share the app's membership hints."""
    return UnitOfWorkFactory(engine)


def claim(uows: UnitOfWorkFactory, engine: Engine, uid: str) -> tuple[str | None, list[str]]:
    """The household the claim names and the statements it ran."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement.split()[0].upper())

    event.listen(engine, "before_cursor_execute", record)
    try:
        with uows() as uow:
            found = uow.households.claim(uid)
            uow.commit()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return found, seen


def versions(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, data_version FROM households"))
        return {str(i): int(v) for i, v in rows}


def test_a_known_household_is_claimed_in_one_statement(
    engine: Engine, uows: UnitOfWorkFactory
) -> None:
    with uows() as uow:
        add_user(uow, User("ana", "ana@example.com", "Ana", "local", NOW, NOW))
        uow.commit()
    uows.hints.forget("ana")

    first = claim(uows, engine, "ana")
    second = claim(uows, engine, "ana")

    assert first == ("ana", ["UPDATE", "SELECT"])  # the lookup by user
    assert second == ("ana", ["UPDATE"])  # the process knew it: checked in the UPDATE itself
    assert versions(engine) == {"ana": 2}


def test_a_user_who_moved_is_claimed_in_the_new_household_never_the_old(
    engine: Engine, uows: UnitOfWorkFactory
) -> None:
    with uows() as uow:
        add_user(uow, User("ana", "ana@example.com", "Ana", "local", NOW, NOW))
        uow.households.add(Household("family", "Familia", NOW))
        uow.commit()
    assert claim(uows, engine, "ana")[0] == "ana"
    with engine.begin() as conn:  # what joining another household does to the user's row
        conn.execute(text("UPDATE users SET household_id = 'family' WHERE uid = 'ana'"))

    found, seen = claim(uows, engine, "ana")

    assert found == "family" and seen == ["UPDATE", "UPDATE", "SELECT"]
    assert versions(engine) == {"ana": 1, "family": 1}
    assert claim(uows, engine, "ana") == ("family", ["UPDATE"])


def test_an_unknown_user_claims_nothing(engine: Engine, uows: UnitOfWorkFactory) -> None:
    assert claim(uows, engine, "nobody")[0] is None
    assert "nobody" not in uows.hints


def test_each_app_owns_its_hints_another_apps_are_neither_read_nor_filled(
    engine: Engine, uows: UnitOfWorkFactory
) -> None:
    with uows() as uow:
        add_user(uow, User("ana", "ana@example.com", "Ana", "local", NOW, NOW))
        uow.commit()
    other = UnitOfWorkFactory(engine)  # another app in the same process (tests build many)
    other.hints.remember("ana", Membership("elsewhere", "owner"))

    with uows() as uow:
        found = uow.households.claim("ana")
        uow.commit()

    assert found == "ana" and uows.hints.get("ana") == Membership("ana", "owner")
    assert other.hints.get("ana") == Membership("elsewhere", "owner")
    assert "ana" not in module.PROCESS_HINTS  # the default of hand-built repositories only


def test_hints_keep_the_most_recently_used_users_up_to_their_capacity() -> None:
    hints = MembershipHints(capacity=2)
    hints.remember("a", Membership("ha", "owner"))
    hints.remember("b", Membership("hb", "owner"))
    hints.get("a")  # used: b is now the oldest
    hints.remember("c", Membership("hc", "member"))

    assert ("a" in hints, "b" in hints, "c" in hints, len(hints)) == (True, False, True, 2)
    hints.clear()
    assert len(hints) == 0 and hints.get("a") is None
