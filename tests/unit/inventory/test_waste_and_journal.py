from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from tests.unit.inventory.builders import NOW, TODAY, item, snapshot, stack, three_stacks
from zerowaste.domain.inventory.expiry import ExpiryStatus
from zerowaste.domain.inventory.items import (
    InsufficientQuantity,
    JournalEntry,
    JournalReason,
    StackNotFound,
)
from zerowaste.domain.shared.units import InvalidQuantity

pytestmark = pytest.mark.unit

# --- waste, corrections and removals -----------------------------------------------------------


def test_waste_takes_expired_stacks_first_and_journals_them_as_expired() -> None:
    i = item(
        stack(1, "1", date(2025, 1, 20)),
        stack(2, "1", date(2025, 1, 12)),
        stack(3, "1", date(2025, 1, 3)),
    )
    entries = i.waste("1.5", "kg", TODAY, now=NOW, note="moho")
    assert [(e.stack_id, e.quantity, e.reason, e.note) for e in entries] == [
        (3, Decimal("1.000"), JournalReason.EXPIRED, "moho"),
        (2, Decimal("0.500"), JournalReason.WASTED, "moho"),
    ]
    assert snapshot(i) == [(1, Decimal("1.000"), "kg"), (2, Decimal("0.500"), "kg")]


def test_wasting_more_than_there_is_changes_nothing() -> None:
    i = three_stacks()
    with pytest.raises(InsufficientQuantity):
        i.waste("4", "kg", TODAY, now=NOW)
    assert len(i.stacks) == 3


def test_setting_a_quantity_to_zero_keeps_the_stack_and_journals_the_delta() -> None:
    i = three_stacks()
    entries = i.set_quantity(2, 0, now=NOW)
    assert [(e.stack_id, e.quantity, e.reason) for e in entries] == [
        (2, Decimal("1.000"), JournalReason.CORRECTED)
    ]
    assert snapshot(i)[1] == (2, Decimal("0.000"), "kg")
    assert [e.stack_id for e in i.consume("1", "kg", TODAY, now=NOW)] == [3]


def test_setting_a_quantity_upwards_journals_a_positive_delta() -> None:
    i = three_stacks()
    entries = i.set_quantity(1, "2.5", now=NOW)
    assert [(e.quantity, e.reason, e.note) for e in entries] == [
        (Decimal("1.500"), JournalReason.CORRECTED, "1.000→2.500")
    ]


def test_setting_a_quantity_converts_from_the_given_unit() -> None:
    i = three_stacks()
    i.set_quantity(1, 250, now=NOW, unit="g")
    assert snapshot(i)[0] == (1, Decimal("0.250"), "kg")


def test_setting_the_same_quantity_journals_nothing() -> None:
    assert three_stacks().set_quantity(1, "1.000", now=NOW) == []


@pytest.mark.parametrize("amount", [-1, "NaN", 1e9])
def test_setting_an_invalid_quantity_is_rejected(amount: object) -> None:
    i = three_stacks()
    with pytest.raises(InvalidQuantity):
        i.set_quantity(1, amount, now=NOW)  # type: ignore[arg-type]
    assert snapshot(i)[0] == (1, Decimal("1.000"), "kg")


def test_a_food_cannot_be_set_below_one_serving() -> None:
    food = item(stack(1, "4", date(2025, 1, 12), unit="serving"), unit="serving", kind="food")
    with pytest.raises(InvalidQuantity):
        food.set_quantity(1, 0, now=NOW)


def test_removing_an_expired_stack_is_journaled_as_expired_waste() -> None:
    i = item(stack(1, "1", date(2025, 1, 9)), stack(2, "2", date(2025, 1, 20)))
    entries = i.remove_stack(1, TODAY, now=NOW)
    assert [(e.stack_id, e.quantity, e.reason) for e in entries] == [
        (1, Decimal("1.000"), JournalReason.EXPIRED)
    ]
    assert snapshot(i) == [(2, Decimal("2.000"), "kg")]


def test_removing_a_fresh_stack_is_journaled_as_a_correction() -> None:
    i = item(stack(1, "1", TODAY))
    entries = i.remove_stack(1, TODAY, now=NOW)
    assert [(e.quantity, e.reason) for e in entries] == [
        (Decimal("1.000"), JournalReason.CORRECTED)
    ]
    assert i.stacks == []


def test_removing_an_empty_stack_journals_nothing() -> None:
    i = three_stacks()
    i.set_quantity(1, 0, now=NOW)
    assert i.remove_stack(1, TODAY, now=NOW) == []
    assert [s.id for s in i.stacks] == [2, 3]


def test_removing_an_unknown_stack_is_not_found() -> None:
    with pytest.raises(StackNotFound):
        three_stacks().remove_stack(42, TODAY, now=NOW)


# --- journal entries and queries ---------------------------------------------------------------


def test_journal_entries_carry_owner_item_stack_and_an_aware_timestamp() -> None:
    i = three_stacks()
    naive_now = datetime(2025, 1, 10, 15, 30)
    entries = i.consume("2", "kg", TODAY, now=naive_now) + i.waste("0.5", "kg", TODAY, now=NOW)
    assert len(entries) == 3
    for e in entries:
        assert (e.owner_id, e.item_name) == ("user-1", "Arroz")
        assert e.quantity > 0
        assert e.occurred_at == NOW
        assert e.occurred_at.tzinfo is not None
    assert entries[0].stack_added_at == datetime(2025, 1, 2, 9, 0, tzinfo=UTC)


def test_journal_entries_refuse_non_positive_quantities_and_naive_times() -> None:
    def entry(quantity: Decimal, occurred_at: datetime) -> JournalEntry:
        return JournalEntry(
            owner_id="u",
            item_name="Arroz",
            stack_added_at=NOW,
            quantity=quantity,
            unit="kg",
            reason=JournalReason.CONSUMED,
            occurred_at=occurred_at,
        )

    assert entry(Decimal("0.001"), NOW).quantity == Decimal("0.001")
    with pytest.raises(ValueError):
        entry(Decimal(0), NOW)
    with pytest.raises(ValueError):
        entry(Decimal(-1), NOW)
    with pytest.raises(ValueError):
        entry(Decimal(1), datetime(2025, 1, 1))


def test_nearest_expiration_and_total_quantity_span_all_stacks() -> None:
    i = item(stack(1, "1", date(2025, 1, 20)), stack(2, "250", date(2025, 1, 12), unit="g"))
    assert i.nearest_expiration() == date(2025, 1, 12)
    assert i.total_quantity() == Decimal("1.250")
    assert i.total_quantity("g") == Decimal("1250.000")
    assert i.total_quantity("libras") == Decimal("2.756")


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2025, 1, 5), ExpiryStatus.FRESH),
        (date(2025, 1, 9), ExpiryStatus.EXPIRING),
        (date(2025, 1, 12), ExpiryStatus.EXPIRING),
        (date(2025, 1, 13), ExpiryStatus.EXPIRED),
    ],
)
def test_item_status_follows_its_earliest_stack(today: date, status: ExpiryStatus) -> None:
    assert three_stacks().status(today) is status


def test_stack_expiry_is_judged_against_today() -> None:
    s = stack(1, "1", date(2025, 1, 12))
    assert not s.is_expired(date(2025, 1, 12))
    assert s.is_expired(date(2025, 1, 13))
