"""InventoryService and InventoryQueries on in-memory fakes: expiry, stacks, FEFO, journal,
households and the version that tags cached views.

The fake unit of work copies the committed state on entry and writes it back only on commit,
so "nothing was committed" and "the household's version moved on with the commit" are
observable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.fakes import EPOCH, FakeUnitOfWorkFactory, FixedClock
from tests.fakes.accounts import FakeDataVersions, FakeHasher, FakeRevocationStore, FakeUserFiles
from tests.fakes.inventory import FakeAdvisor, FakeCatalog, FakeInventoryState
from zerowaste.application.accounts.auth import AuthService
from zerowaste.application.accounts.profiles import ProfileService
from zerowaste.application.inventory.model import (
    ItemRef,
    NewStock,
    StackChanges,
    Usage,
)
from zerowaste.application.inventory.queries import InventoryQueries
from zerowaste.application.inventory.refs import ItemNotFound
from zerowaste.application.inventory.service import InventoryService
from zerowaste.domain.accounts.users import User
from zerowaste.domain.inventory.items import InsufficientQuantity, InventoryItem
from zerowaste.domain.reference import ShelfLife
from zerowaste.domain.shared.errors import RuleViolation
from zerowaste.domain.shared.storage import StoragePlace

pytestmark = pytest.mark.unit

OWNER = "user-1"
OTHER = "user-2"
TODAY = EPOCH.date()  # 2025-06-01


class World:
    def __init__(self) -> None:
        self.clock = FixedClock()
        self.uows = FakeUnitOfWorkFactory()
        self.store = self.uows.store
        self.catalog = FakeCatalog(
            shelf_lives={
                "leche": ShelfLife(fridge_days=(7, 10), freezer_days=(90, 90)),
                "arroz": ShelfLife(pantry_days=(365, 730)),
            },
            allergens={"leche": ["milk"]},
            allergy_terms={"lácteos": "milk"},
        )
        self.service = InventoryService(self.uows, self.clock, self.catalog, FakeAdvisor())
        versions = FakeDataVersions(self.store)
        self.queries = InventoryQueries(self.uows, self.clock, self.catalog, versions)
        for uid in (OWNER, OTHER):
            self.store.add_user(User(uid, f"{uid}@x.org", "Ana", "password", EPOCH, EPOCH))

    @property
    def state(self) -> FakeInventoryState:
        return self.store.inventory  # replaced by every commit

    def add(self, name: str = "Leche", quantity: Any = 1, unit: str = "l", **kw: Any) -> Any:
        line = NewStock(name=name, quantity=quantity, unit=unit, **kw)
        return [view.item for view in self.service.add(OWNER, [line])]

    def stored(self) -> list[InventoryItem]:
        return [i for i in self.state.items.values() if i.owner_id == OWNER]

    def journal(self) -> list[tuple[str, Decimal]]:
        rows = sorted(self.state.journal, key=lambda r: r["id"])
        return [(r["reason"], r["quantity"]) for r in rows]


@pytest.fixture
def world() -> World:
    return World()


# --- add and expiry ---------------------------------------------------------------------------


def test_add_with_explicit_date_keeps_it(world: World) -> None:
    [item] = world.add(storage="Refrigerado", expires_on=date(2025, 6, 20))

    [stored] = world.stored()
    assert stored.id == item.id and stored.name == "Leche" and stored.unit == "l"
    [stack] = stored.stacks
    assert (stack.expires_on, stack.expiry_source) == (date(2025, 6, 20), "explicit")
    assert stack.storage is StoragePlace.FRIDGE and stack.added_at == EPOCH
    assert stored.allergens == ["milk"] and stored.tips == "Keep Leche in the fridge"
    assert world.journal() == [("added", Decimal("1.000"))]
    assert world.state.enrichment[stored.id or 0] == {"utilization_ideas": ["Cook Leche"]}


def test_add_with_declared_duration_in_spanish_units(world: World) -> None:
    [item] = world.add(storage="congelador", expiration_time=2, time_unit="Semanas")

    [stack] = item.stacks
    assert (stack.expires_on, stack.expiry_source) == (date(2025, 6, 15), "declared")
    assert stack.storage is StoragePlace.FREEZER and world.stored()[0].stacks[0].id == stack.id


def test_add_without_dates_estimates_from_shelf_life_of_the_storage_place(world: World) -> None:
    world.add(storage="Refrigerado")
    world.add("Arroz", 2, "kg")  # no storage: the catalog only knows the pantry for rice

    leche, arroz = sorted(world.stored(), key=lambda i: i.name)[::-1]
    stack = leche.stacks[0]
    assert (stack.expires_on, stack.expiry_source) == (TODAY + timedelta(days=7), "shelf_life")
    assert arroz.stacks[0].storage is StoragePlace.PANTRY
    assert arroz.stacks[0].expires_on == TODAY + timedelta(days=365)


def test_add_of_an_unknown_name_falls_back_to_the_default_days(world: World) -> None:
    world.add("Quinoa roja", 500, "g")

    [stack] = world.stored()[0].stacks
    assert (stack.expires_on, stack.expiry_source) == (TODAY + timedelta(days=7), "default")


def test_second_add_of_the_same_name_is_a_second_stack_on_the_same_item(world: World) -> None:
    [first] = world.add(storage="fridge")
    world.clock.advance(timedelta(minutes=5))
    [second] = world.add("  LECHE ", 500, "ml", storage="fridge")

    assert second.id == first.id
    [stored] = world.stored()
    assert [(s.quantity, s.unit) for s in stored.stacks] == [
        (Decimal("1.000"), "l"),
        (Decimal("500.000"), "ml"),
    ]
    assert stored.total_quantity() == Decimal("1.500")
    assert world.journal() == [("added", Decimal("1.000")), ("added", Decimal("500.000"))]


def test_adds_within_one_second_get_distinct_seconds(world: World) -> None:
    world.add(storage="fridge")
    world.add(storage="fridge")  # same clock second: the second stack takes the next second
    world.service.add(OWNER, [NewStock(name="Leche", quantity=1, unit="l") for _ in range(2)])

    [stored] = world.stored()
    assert [s.added_at for s in stored.stacks] == [EPOCH + timedelta(seconds=n) for n in range(4)]


# --- consume, waste, remove, set quantity ----------------------------------------------------


def two_stacks(world: World) -> InventoryItem:
    """Leche: 1 l expiring on 06-10 (added later) and 1 l expiring on 06-05 (added first)."""
    world.add(expires_on=date(2025, 6, 5))
    world.clock.advance(timedelta(hours=1))
    [item] = world.add(expires_on=date(2025, 6, 10))
    return item


def test_consume_takes_first_expired_first_out_and_journals_each_stack(world: World) -> None:
    item = two_stacks(world)

    result = world.service.consume(
        OWNER, ItemRef(item_id=item.id), Usage(quantity="1.5", unit="l", recipe_used="Flan")
    )

    [stored] = world.stored()
    [(left, expires)] = [(s.quantity, s.expires_on) for s in stored.stacks]
    assert (left, expires) == (Decimal("0.500"), date(2025, 6, 10))
    consumed = [r for r in world.state.journal if r["reason"] == "consumed"]
    assert [(r["quantity"], r["recipe_used"]) for r in consumed] == [
        (Decimal("1.000"), "Flan"),
        (Decimal("0.500"), "Flan"),
    ]
    assert [r["stack_added_at"] for r in consumed] == [EPOCH, EPOCH + timedelta(hours=1)]
    assert result.remaining == Decimal("0.500") and not result.item_removed


def test_over_consumption_changes_nothing_and_keeps_the_version(world: World) -> None:
    item = two_stacks(world)
    commits, version, journal = world.store.commits, world.queries.version(OWNER), world.journal()

    with pytest.raises(InsufficientQuantity) as caught:
        world.service.consume(OWNER, ItemRef(item_id=item.id), Usage(quantity=3, unit="l"))

    assert caught.value.code == "insufficient_quantity"
    assert caught.value.details == {"requested": "3.000", "available": "2.000"}
    assert world.store.commits == commits
    assert world.queries.version(OWNER) == version
    assert world.journal() == journal
    assert [s.quantity for s in world.stored()[0].stacks] == [Decimal("1.000")] * 2


def test_every_write_claims_the_household_first(world: World) -> None:
    item = two_stacks(world)
    calls = world.state.calls
    order: list[str] = []
    calls.hooks["claim"] = lambda: order.append("claim")
    calls.hooks["get"] = lambda: order.append("get")

    world.service.consume(OWNER, ItemRef(item_id=item.id), Usage(quantity=1, unit="l"))

    assert order[:2] == ["claim", "get"]  # the lock before any read of the rows it guards


def test_waste_of_an_expired_stack_is_journaled_as_expired(world: World) -> None:
    item = two_stacks(world)
    world.clock.advance(timedelta(days=6))  # 06-07: the 06-05 stack is expired, 06-10 is not

    world.service.waste(OWNER, ItemRef(item_id=item.id), Usage(quantity="1.25", unit="l"))

    wasted = [(r["reason"], r["quantity"]) for r in world.state.journal if r["reason"] != "added"]
    assert wasted == [("expired", Decimal("1.000")), ("wasted", Decimal("0.250"))]


def test_consume_prefers_fresh_stacks_over_expired_ones(world: World) -> None:
    item = two_stacks(world)
    world.clock.advance(timedelta(days=6))

    world.service.consume(OWNER, ItemRef(item_id=item.id), Usage(quantity="0.5", unit="l"))

    assert {s.expires_on: s.quantity for s in world.stored()[0].stacks} == {
        date(2025, 6, 5): Decimal("1.000"),
        date(2025, 6, 10): Decimal("0.500"),
    }


def test_removing_the_last_stack_deletes_the_item(world: World) -> None:
    [item] = world.add(expires_on=date(2025, 6, 5))
    stack_id = item.stacks[0].id

    world.service.remove(OWNER, ItemRef(stack_id=stack_id))

    assert world.stored() == []
    assert item.id not in world.state.enrichment
    assert [(r["reason"], r["item_id"]) for r in world.state.journal] == [
        ("added", None),
        ("corrected", None),
    ]  # journal rows outlive the item (ON DELETE SET NULL)


def test_removing_an_expired_stack_is_journaled_as_waste(world: World) -> None:
    item = two_stacks(world)
    world.clock.advance(timedelta(days=6))

    world.service.remove(OWNER, ItemRef(item_id=item.id))

    assert world.journal()[-2:] == [("expired", Decimal("1.000")), ("corrected", Decimal("1.000"))]


def test_consuming_everything_deletes_the_item(world: World) -> None:
    item = two_stacks(world)

    result = world.service.consume(OWNER, ItemRef(item_id=item.id), Usage())

    assert result.item_removed and result.remaining == 0 and world.stored() == []


def test_set_quantity_to_zero_keeps_the_stack(world: World) -> None:
    [item] = world.add(quantity=2)
    stack_id = item.stacks[0].id

    world.service.set_quantity(OWNER, ItemRef(stack_id=stack_id), Decimal(0), None)

    [stored] = world.stored()
    assert [(s.id, s.quantity) for s in stored.stacks] == [(stack_id, Decimal("0.000"))]
    assert world.state.journal[-1]["reason"] == "corrected"
    assert world.state.journal[-1]["note"] == "2.000→0.000"


def test_another_owners_item_is_not_found(world: World) -> None:
    [item] = world.add()

    with pytest.raises(ItemNotFound):
        world.service.consume(OTHER, ItemRef(item_id=item.id), Usage(quantity=1, unit="l"))
    with pytest.raises(ItemNotFound):
        world.service.remove(OTHER, ItemRef(stack_id=item.stacks[0].id))
    assert world.stored()[0].stacks[0].quantity == Decimal("1.000")


def test_a_food_holds_a_single_stack(world: World) -> None:
    food = NewStock(name="Lasaña", quantity=4, unit="porciones", kind="food")
    world.service.add(OWNER, [food])
    world.service.add(OWNER, [food])  # same name, same second: a second food, not a stack

    foods = [i for i in world.stored() if i.kind == "food"]
    assert [len(f.stacks) for f in foods] == [1, 1]
    assert foods[0].stacks[0].added_at != foods[1].stacks[0].added_at
    with pytest.raises(RuleViolation):
        foods[0].add_stack(foods[1].stacks[0])


# --- cache ------------------------------------------------------------------------------------


WRITES: dict[str, Callable[[World, InventoryItem], Any]] = {
    "add": lambda w, i: w.add(quantity=3),
    "consume": lambda w, i: w.service.consume(OWNER, ItemRef(item_id=i.id), Usage(quantity=1)),
    "waste": lambda w, i: w.service.waste(OWNER, ItemRef(item_id=i.id), Usage(quantity=1)),
    "set_quantity": lambda w, i: w.service.set_quantity(
        OWNER, ItemRef(stack_id=i.stacks[0].id), Decimal(5), "l"
    ),
    "update_stack": lambda w, i: w.service.update_stack(
        OWNER, ItemRef(stack_id=i.stacks[0].id), StackChanges(quantity=4, tips="Cerrar bien")
    ),
    "set_expiry": lambda w, i: w.service.set_expiry(OWNER, ItemRef(item_id=i.id), date(2025, 7, 1)),
    "remove": lambda w, i: w.service.remove(OWNER, ItemRef(item_id=i.id)),
}


@pytest.mark.parametrize("write", WRITES)
def test_every_write_gives_the_owners_inventory_a_new_version(world: World, write: str) -> None:
    [item] = world.add(quantity=2)
    first = world.queries.version(OWNER)

    WRITES[write](world, item)

    assert world.queries.version(OWNER) != first
    fresh, _ = world.queries.views(OWNER)
    assert _summary([v.item for v in fresh]) == _summary(world.stored())


def _summary(items: list[InventoryItem]) -> list[tuple[Any, ...]]:
    return [(i.name, i.tips, [(s.quantity, s.unit, s.expires_on) for s in i.stacks]) for i in items]


def test_the_version_holds_between_writes_and_changes_at_midnight(world: World) -> None:
    world.add()

    first, second = world.queries.version(OWNER), world.queries.version(OWNER)
    world.clock.advance(timedelta(days=1))

    assert first == second
    assert world.queries.version(OWNER) != first
    assert world.queries.version(OWNER).endswith(world.clock.today().isoformat())


def test_a_version_read_before_a_racing_write_is_never_current_after_it(world: World) -> None:
    """A reader takes the version, then loads the old state while a write commits: whatever
    it caches under that version must never be served after the write."""
    [item] = world.add(quantity=2)
    calls = world.state.calls
    racing_version = world.queries.version(OWNER)
    write = lambda: world.service.consume(  # noqa: E731
        OWNER, ItemRef(item_id=item.id), Usage(quantity=1, unit="l")
    )
    calls.hooks["list_items"] = write  # runs inside the reader's unit of work, after its read

    racing = world.queries.snapshot(OWNER)

    assert racing.items[0].stacks[0].quantity == Decimal("2.000")  # it read before the write
    assert world.queries.version(OWNER) != racing_version


def test_allergy_alerts_follow_a_profile_change(world: World) -> None:
    world.add()
    auth = AuthService(
        world.uows,
        world.clock,
        FakeHasher(),
        FakeRevocationStore(world.clock),
        None,
        timedelta(minutes=30),
        timedelta(days=30),
    )
    profiles = ProfileService(world.uows, world.clock, auth, FakeUserFiles())
    [before], _ = world.queries.views(OWNER)
    version = world.queries.version(OWNER)
    world.clock.advance(timedelta(seconds=1))

    profiles.update(OWNER, {"allergies": ["Lácteos"]})
    [after], _ = world.queries.views(OWNER)

    assert world.queries.version(OWNER) != version  # cached views of the owner are stale
    assert (before.allergy_alert, before.allergens) == (False, [])
    assert (after.allergy_alert, after.allergens) == (True, ["milk"])


def test_versions_and_reads_are_per_owner(world: World) -> None:
    world.add()
    world.service.add(OTHER, [NewStock(name="Arroz", quantity=1, unit="kg")])
    mine_before = world.queries.version(OWNER)

    mine, theirs = world.queries.snapshot(OWNER), world.queries.snapshot(OTHER)

    assert [i.name for i in mine.items] == ["Leche"] and [i.name for i in theirs.items] == ["Arroz"]
    world.service.remove(OTHER, ItemRef(name="Arroz"))
    assert world.queries.version(OWNER) == mine_before
    assert [i.name for i in world.queries.snapshot(OWNER).items] == ["Leche"]
    assert world.queries.snapshot(OTHER).items == []
