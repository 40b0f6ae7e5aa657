"""SqlAlchemyInventoryRepository on SQLite and MariaDB: round trips, stack sync, cascades,
journal filters, enrichment and owner scoping."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import make_settings
from tests.factories import add_user
from zerowaste.domain.accounts.users import User
from zerowaste.domain.inventory.items import InventoryItem, JournalEntry, JournalReason, Stack
from zerowaste.domain.shared.storage import StoragePlace
from zerowaste.infrastructure.db.inventory.repository import ItemRow, JournalRow, StackRow
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.db.uow import SqlAlchemyUnitOfWork, UnitOfWorkFactory

pytestmark = pytest.mark.integration

OWNER, OTHER = "owner-uid", "other-uid"
NOW = datetime(2025, 6, 1, 12, 0, 0, tzinfo=UTC)


@pytest.fixture
def uows(tmp_path: Path, db_url: str) -> Iterator[UnitOfWorkFactory]:
    engine = make_engine(make_settings(tmp_path, database_url=db_url))
    factory = UnitOfWorkFactory(engine)
    with factory() as uow:
        for uid in (OWNER, OTHER):
            add_user(uow, User(uid, f"{uid}@example.com", "Ana", "password", NOW, NOW))
        uow.commit()
    yield factory
    engine.dispose()


def stack(qty: str, added: datetime, expires: date, unit: str = "kg") -> Stack:
    return Stack(
        quantity=Decimal(qty),
        unit=unit,
        added_at=added,
        expires_on=expires,
        storage=StoragePlace.FRIDGE,
        expiry_source="explicit",
    )


def new_item(name: str = "Tomate", owner: str = OWNER, *stacks: Stack) -> InventoryItem:
    item = InventoryItem(owner_id=owner, name=name, unit="kg", storage=StoragePlace.FRIDGE)
    item.stacks = list(stacks) or [stack("1.5", NOW, date(2025, 6, 10))]
    item.allergens = ["celery"]
    return item


def stored(uows: UnitOfWorkFactory, item: InventoryItem) -> InventoryItem:
    with uows() as uow:
        uow.inventory.add(item, NOW)
        uow.commit()
    return item


def count(uow: SqlAlchemyUnitOfWork, model: type) -> int:
    return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def test_add_and_get_round_trip_at_second_precision_in_aware_utc(uows: UnitOfWorkFactory) -> None:
    madrid = timezone(timedelta(hours=2))
    added = datetime(2025, 6, 1, 14, 0, 5, 987654, tzinfo=madrid)  # 12:00:05 UTC
    item = stored(
        uows,
        new_item(
            "Tomate cherry",
            OWNER,
            stack("0.125", added, date(2025, 6, 4)),
            stack("2", NOW, date(2025, 6, 9)),
        ),
    )

    with uows.read() as uow:
        found = uow.inventory.get(OWNER, item.id or 0)

    assert found is not None and found.id == item.id and found.name == "Tomate cherry"
    assert found.allergens == ["celery"] and found.storage is StoragePlace.FRIDGE
    first, second = found.stacks  # ordered by expiry
    assert first.added_at == datetime(2025, 6, 1, 12, 0, 5, tzinfo=UTC)
    assert first.added_at.tzinfo is UTC and first.added_at.utcoffset() == timedelta(0)
    assert (first.quantity, first.unit, first.expires_on) == (
        Decimal("0.125"),
        "kg",
        date(2025, 6, 4),
    )
    assert [s.id for s in found.stacks] == [s.id for s in item.stacks] and None not in [
        first.id,
        second.id,
    ]


def test_find_by_name_folds_case_and_spaces_but_keeps_accents(uows: UnitOfWorkFactory) -> None:
    item = stored(uows, new_item("Año nuevo"))

    with uows.read() as uow:
        assert [i.id for i in uow.inventory.find_by_name(OWNER, "ingredient", " AÑO   nuevo")] == [
            item.id
        ]
        assert uow.inventory.find_by_name(OWNER, "ingredient", "Ano nuevo") == []
        assert uow.inventory.find_by_name(OWNER, "food", "Año nuevo") == []


def test_names_differing_only_by_accents_are_two_items(uows: UnitOfWorkFactory) -> None:
    stored(uows, new_item("Año"))
    stored(uows, new_item("Ano"))

    with uows.read() as uow:
        assert sorted(i.name for i in uow.inventory.list_items(OWNER)) == ["Ano", "Año"]


def test_find_by_stack_matches_the_exact_second(uows: UnitOfWorkFactory) -> None:
    added = datetime(2025, 6, 1, 8, 30, 15, tzinfo=UTC)
    item = stored(uows, new_item("Leche", OWNER, stack("1", added, date(2025, 6, 8))))

    with uows.read() as uow:
        repo = uow.inventory
        found = repo.find_by_stack(OWNER, "ingredient", "leche", added)
        assert found is not None and found.id == item.id
        assert (
            repo.find_by_stack(OWNER, "ingredient", "leche", added + timedelta(seconds=1)) is None
        )
        assert repo.find_by_stack(OWNER, "ingredient", "Queso", added) is None
        of_stack = repo.item_of_stack(OWNER, item.stacks[0].id or 0)
        assert of_stack is not None and of_stack.id == item.id


def test_save_inserts_updates_and_deletes_stacks(uows: UnitOfWorkFactory) -> None:
    item = stored(
        uows,
        new_item(
            "Arroz",
            OWNER,
            stack("1", NOW, date(2025, 7, 1)),
            stack("2", NOW + timedelta(seconds=1), date(2025, 8, 1)),
        ),
    )
    kept_id, dropped_id = item.stacks[0].id, item.stacks[1].id

    with uows() as uow:
        loaded = uow.inventory.get(OWNER, item.id or 0)
        assert loaded is not None
        loaded.stacks[0].quantity = Decimal("0.250")
        loaded.stacks = [loaded.stacks[0], stack("3", NOW + timedelta(hours=1), date(2025, 9, 1))]
        uow.inventory.save(loaded, NOW)
        uow.commit()
    new_id = loaded.stacks[1].id

    with uows.read() as uow:
        rows = uow.session.scalars(select(StackRow).order_by(StackRow.id)).all()
        assert [(r.id, r.quantity) for r in rows] == [
            (kept_id, Decimal("0.250")),
            (new_id, Decimal("3.000")),
        ]
    assert new_id is not None and new_id not in (kept_id, dropped_id)


def test_delete_cascades_stacks_and_keeps_the_journal(uows: UnitOfWorkFactory) -> None:
    item = stored(uows, new_item())
    entry = JournalEntry(
        owner_id=OWNER,
        item_name=item.name,
        stack_added_at=NOW,
        quantity=Decimal("1.5"),
        unit="kg",
        reason=JournalReason.ADDED,
        occurred_at=NOW,
    )
    with uows() as uow:
        uow.inventory.add_journal([entry], item, OWNER)
        uow.commit()

    with uows() as uow:
        loaded = uow.inventory.get(OWNER, item.id or 0)
        assert loaded is not None
        uow.inventory.delete(loaded)
        uow.commit()

    with uows.read() as uow:
        assert count(uow, ItemRow) == 0 and count(uow, StackRow) == 0
        [row] = uow.session.scalars(select(JournalRow)).all()
        assert (row.item_id, row.item_name, row.quantity) == (None, "Tomate", Decimal("1.500"))


def journal_entries(item: InventoryItem) -> list[JournalEntry]:
    reasons = [JournalReason.ADDED, JournalReason.CONSUMED, JournalReason.WASTED]
    return [
        JournalEntry(
            owner_id=item.owner_id,
            item_name=item.name,
            stack_added_at=NOW,
            quantity=Decimal(n + 1),
            unit="kg",
            reason=reasons[n % 3],
            occurred_at=NOW + timedelta(hours=n // 2),  # pairs share a timestamp
            recipe_used="Sopa" if n == 1 else None,
        )
        for n in range(6)
    ]


def test_journal_filters_and_pages_newest_first(uows: UnitOfWorkFactory) -> None:
    item = stored(uows, new_item())
    theirs = stored(uows, new_item("Tomate", OTHER))
    with uows() as uow:
        uow.inventory.add_journal(journal_entries(item), item, OWNER)
        uow.inventory.add_journal(journal_entries(theirs), theirs, OTHER)
        uow.commit()

    with uows.read() as uow:
        repo = uow.inventory
        everything = repo.journal(OWNER)
        page = [r["quantity"] for r in repo.journal(OWNER, limit=2, offset=1)]
        by_reason = repo.journal(OWNER, reasons=["consumed", "wasted"])
        recent = repo.journal(OWNER, since=NOW + timedelta(hours=1))

    # Newest first; rows with the same timestamp come back in reverse insertion order.
    assert [r["quantity"] for r in everything] == [Decimal(n) for n in (6, 5, 4, 3, 2, 1)]
    assert page == [Decimal(5), Decimal(4)]
    assert [(r["reason"], r["quantity"]) for r in by_reason] == [
        ("wasted", Decimal(6)),
        ("consumed", Decimal(5)),
        ("wasted", Decimal(3)),
        ("consumed", Decimal(2)),
    ]
    assert [r["quantity"] for r in recent] == [Decimal(n) for n in (6, 5, 4, 3)]
    first = everything[-1]
    assert first["item_id"] == item.id and first["occurred_at"] == NOW
    assert first["occurred_at"].tzinfo is UTC and everything[-2]["recipe_used"] == "Sopa"


def test_enrichment_is_stored_and_read_back(uows: UnitOfWorkFactory) -> None:
    item = stored(uows, new_item())
    other = stored(uows, new_item("Pan"))
    enrichment = {"environmental_impact": {"co2_per_kg": 2.1}, "ideas": ["Salsa", "Gazpacho ñ"]}
    with uows() as uow:
        uow.inventory.set_enrichment(OWNER, item.id or 0, enrichment)
        uow.inventory.set_enrichment(OTHER, other.id or 0, {"stolen": True})  # not theirs
        uow.commit()

    with uows.read() as uow:
        found = uow.inventory.enrichments(OWNER, [item.id or 0, other.id or 0])
        assert uow.inventory.enrichments(OTHER, [item.id or 0]) == {}
        assert uow.inventory.enrichments(OWNER, []) == {}

    assert found == {item.id: enrichment}


def test_another_owners_items_are_invisible(uows: UnitOfWorkFactory) -> None:
    item = stored(uows, new_item())
    stack_id = item.stacks[0].id or 0

    with uows() as uow:
        repo = uow.inventory
        assert repo.get(OTHER, item.id or 0) is None
        assert repo.get(OTHER, item.id or 0) is None
        assert repo.find_by_name(OTHER, "ingredient", "Tomate") == []
        assert repo.find_by_stack(OTHER, "ingredient", "Tomate", NOW) is None
        assert repo.item_of_stack(OTHER, stack_id) is None
        assert repo.list_items(OTHER) == []
        repo.delete(
            InventoryItem(id=item.id, owner_id=OTHER, name="x", unit="kg", storage="fridge")
        )
        uow.commit()

    with uows.read() as uow:
        assert [i.id for i in uow.inventory.list_items(OWNER)] == [item.id]


def test_list_items_orders_by_kind_and_name_with_all_stacks(uows: UnitOfWorkFactory) -> None:
    for n, name in enumerate(["zanahoria", "Apio", "Berenjena"]):
        stored(
            uows,
            new_item(
                name,
                OWNER,
                *[
                    stack("1", NOW + timedelta(seconds=s), date(2025, 7, 1 + s))
                    for s in range(n + 1)
                ],
            ),
        )

    with uows.read() as uow:
        items = uow.inventory.list_items(OWNER)

    assert [(i.name, len(i.stacks)) for i in items] == [
        ("Apio", 2),
        ("Berenjena", 3),
        ("zanahoria", 1),
    ]


def test_duplicate_stack_second_is_refused_by_the_database(uows: UnitOfWorkFactory) -> None:
    from sqlalchemy.exc import IntegrityError

    item = stored(uows, new_item())
    with pytest.raises(IntegrityError), uows() as uow:
        loaded = uow.inventory.get(OWNER, item.id or 0)
        assert loaded is not None
        loaded.stacks.append(stack("1", NOW, date(2025, 6, 12)))  # same second as the first
        uow.inventory.save(loaded, NOW)
    with uows.read() as uow:
        assert count(uow, StackRow) == 1
