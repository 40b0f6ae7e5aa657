"""Two members of one household consume the same stack at once (issue #14 §6): 50 consumes of
one unit from a 30-unit stack, split between them, on SQLite and MariaDB: exactly 30 succeed,
nothing goes below zero, no update is lost, and the journal holds 30 consumptions by both.

The household's row lock (HouseholdRepository.claim_member) serialises every member's writes,
as it did a user alone's; membership adds no lock of its own."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from tests.conftest import make_settings
from tests.factories import add_user
from tests.integration.inventory.test_concurrency import CALLS, SHAPES, UNITS, all_at_once
from zerowaste.application.inventory.model import ItemRef, NewStock, Usage
from zerowaste.application.services import Services
from zerowaste.bootstrap import build_services
from zerowaste.domain.accounts.users import User
from zerowaste.domain.households.roles import Role
from zerowaste.domain.shared.errors import DomainError
from zerowaste.infrastructure.db.inventory.repository import JournalRow, StackRow
from zerowaste.infrastructure.db.session import make_engine

pytestmark = pytest.mark.integration


@pytest.fixture
def services(tmp_path: Path, db_url: str) -> Iterator[Services]:
    """Ana owns a household that Ben joined as an adult (through an invitation code)."""
    settings = make_settings(tmp_path, database_url=db_url)
    engine = make_engine(settings)
    built = build_services(settings, engine)
    now = datetime.now(UTC)
    with built.inventory._uow_factory() as uow:
        for uid in ("ana", "ben"):
            add_user(uow, User(uid, f"{uid}@example.com", uid.title(), "password", now, now))
        uow.commit()
    household = built.households.create("ana", "Casa").household.id
    code = built.households.invite("ana", household, Role.ADULT).code
    built.households.join("ben", code, bring_stock=True)
    yield built
    engine.dispose()


def seed(services: Services, shape: str) -> int:
    inventory = services.inventory
    [view] = inventory.add("ana", [NewStock(name="Huevos", quantity=UNITS, unit="unidades")])
    if shape == "kept":  # a second stack set to 0 keeps the item alive after the race
        [view] = inventory.add("ben", [NewStock(name="Huevos", quantity=1, unit="unidades")])
        extra = max(view.item.stacks, key=lambda s: s.added_at)
        inventory.set_quantity("ben", ItemRef(stack_id=extra.id), Decimal(0), None)
    assert view.item.id is not None
    return view.item.id


@pytest.mark.parametrize("shape", SHAPES)
def test_two_members_consuming_one_stack_at_once_never_oversell(
    services: Services, db_url: str, shape: str
) -> None:
    item_id = seed(services, shape)
    turn, lock = iter(range(CALLS)), threading.Lock()

    def consume() -> tuple[str, str]:
        with lock:
            who = "ana" if next(turn) % 2 else "ben"
        try:
            services.inventory.consume(who, ItemRef(item_id=item_id), Usage(quantity=1))
        except DomainError as error:
            return who, error.code
        return who, "ok"

    outcomes = all_at_once(consume)

    assert Counter(code for _, code in outcomes) == {"ok": UNITS, SHAPES[shape]: CALLS - UNITS}
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            stacks = conn.scalars(select(StackRow.quantity).where(StackRow.item_id == item_id))
            consumed = conn.execute(
                select(JournalRow.user_uid, JournalRow.quantity).where(
                    JournalRow.reason == "consumed"
                )
            ).all()
            left = list(stacks)
    finally:
        engine.dispose()
    assert left == ([Decimal("0.000")] if shape == "kept" else [])
    assert [q for _, q in consumed] == [Decimal("1.000")] * UNITS
    by_member = Counter(uid for uid, _ in consumed)
    assert by_member == Counter(who for who, code in outcomes if code == "ok")
    assert set(by_member) == {"ana", "ben"}  # both raced and both won some


def test_both_members_see_one_stock_after_the_race(services: Services) -> None:
    seed(services, "vanishes")
    ana = services.inventory_queries.snapshot("ana").items
    ben = services.inventory_queries.snapshot("ben").items
    assert [(i.id, i.total_quantity()) for i in ana] == [(i.id, i.total_quantity()) for i in ben]
