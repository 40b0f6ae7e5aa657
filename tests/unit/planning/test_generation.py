"""PlanGeneration with a fake for every port: what it reads, filters, asks, writes and audits."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from tests.fakes import EPOCH, FixedClock
from tests.fakes.inventory import FakeCatalog
from tests.fakes.planning import (
    FakeAuditLog,
    FakeNutrition,
    FakePlanningUowFactory,
    FakePlanSlots,
    FakeRecipeStore,
    FakeSafetyGuard,
)
from tests.unit.planning.helpers import recipe
from zerowaste.application.planning.generation import ACTION, PlanGeneration
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.foods import FoodKeys
from zerowaste.application.recipes.suitability import Suitability
from zerowaste.domain.accounts.users import Profile, User
from zerowaste.domain.inventory.items import InventoryItem, Stack
from zerowaste.domain.planning.plan import Nutrition, ScreeningRequired
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.shared.errors import InvalidInput, NotFound

pytestmark = pytest.mark.unit

TODAY = EPOCH.date()  # 2025-06-01


def saved(found: Recipe, household: str) -> Recipe:
    found.household_id, found.source, found.created_at = household, "saved", EPOCH
    return found


def stack(quantity: str, expires_in: int, unit: str = "g") -> Stack:
    return Stack(
        quantity=Decimal(quantity),
        unit=unit,
        added_at=EPOCH,
        expires_on=TODAY + timedelta(days=expires_in),
        storage="fridge",
    )


class World:
    def __init__(self) -> None:
        self.store = FakeRecipeStore()
        self.catalog = FakeCatalog(
            allergens={"peanuts": ["peanuts"]}, allergy_terms={"maní": "peanuts"}
        )
        self.nutrition = FakeNutrition()
        self.slots = FakePlanSlots()
        self.guard = FakeSafetyGuard()
        self.audit = FakeAuditLog()
        self.service = PlanGeneration(
            FakePlanningUowFactory(self.store),
            FixedClock(),
            Suitability(self.catalog),
            FoodKeys(self.catalog),
            PublicCatalog(),
            self.nutrition,
            self.slots,
            self.guard,
            self.audit,
        )

    def user(self, uid: str, **profile: object) -> User:
        user = User(uid, f"{uid}@x.org", uid, "password", EPOCH, EPOCH, profile=Profile(**profile))
        return self.store.add_user(user)

    def item(self, owner: str, name: str, *stacks: Stack) -> None:
        state = self.store.inventory
        item = InventoryItem(
            id=state.next_id,
            owner_id=owner,
            name=name,
            unit="g",
            storage="fridge",
            stacks=list(stacks),
        )
        state.items[state.next_id] = item
        state.next_id += 1


@pytest.fixture
def world() -> World:
    found = World()
    found.store.recipes = [
        recipe("spinach soup", "sopa", ("spinach", "200", "g")),
        recipe("rice soup", "sopa", ("rice", "200", "g")),
        recipe("peanut salad", "ensalada", ("peanuts", "100", "g"), "lettuce"),
        recipe("oats", "desayuno", ("oats", "80", "g")),
    ]
    found.user("ana")
    return found


def test_a_plan_uses_the_stock_that_expires_first_and_is_written_and_audited(world):
    world.item("ana", "spinach", stack("300", 1))
    world.item("ana", "rice", stack("5000", 300))

    plan = world.service.generate("ana", TODAY, 2, ["breakfast", "dinner"])

    assert [(s.day, s.meal_type, s.recipe_uid) for s in plan.slots] == [
        (TODAY, "breakfast", "oats"),
        (TODAY, "dinner", "spinach soup"),
        (TODAY + timedelta(days=1), "dinner", "rice soup"),
    ]
    assert [(u.key, u.quantity, u.unit) for u in plan.slots[1].uses] == [
        ("spinach", Decimal("200.000"), "g")
    ]
    assert [(u.day, u.meal_type) for u in plan.unfilled] == [
        (TODAY + timedelta(days=1), "breakfast")
    ]
    assert world.slots.written == [("ana", list(plan.slots))]
    assert world.audit.rows == [("ana", ACTION, True, "", "local-optimiser/cbc", 0.0)]
    assert world.guard.asked == [("ana", None, [])]


def test_stock_expired_by_the_first_day_is_not_offered(world):
    world.item("ana", "spinach", stack("300", 2))  # good until day 3 of a plan starting today

    later = world.service.generate("ana", TODAY + timedelta(days=3), 1, ["dinner"])
    today = world.service.generate("ana", TODAY, 1, ["dinner"])

    assert [u.key for s in later.slots for u in s.uses] == []
    assert [u.key for s in today.slots for u in s.uses] == ["spinach"]


def test_allergies_and_the_users_household_recipes_are_respected(world):
    world.user("bea", allergies=["maní"])
    world.store.recipes.append(saved(recipe("bea's stew", "almuerzo", "spinach"), "bea"))
    world.store.recipes.append(saved(recipe("cy's stew", "almuerzo", "spinach"), "cy"))

    bea = world.service.generate("bea", TODAY, 4, ["lunch", "dinner"])

    uids = {s.recipe_uid for s in bea.slots}
    assert "peanut salad" not in uids and "cy's stew" not in uids
    assert "bea's stew" in uids


def test_nutrition_is_asked_once_and_reported_per_day(world):
    world.nutrition.table = {
        "oats": Nutrition(Decimal(350), Decimal(12), Decimal(6), Decimal(60)),
        "spinach soup": Nutrition(Decimal(1500)),
        "rice soup": Nutrition(Decimal(1700)),
    }
    world.item("ana", "spinach", stack("300", 4))

    plan = world.service.generate("ana", TODAY, 1, ["breakfast", "dinner"], calories_per_day=1900)

    assert len(world.nutrition.asked) == 1
    assert plan.excluded == {"unknown_kcal": 1}  # the peanut salad
    day = plan.days[0]
    assert day.kcal == Decimal(1850) and day.within_target is True
    assert world.guard.asked == [("ana", 1900, [])]


def test_a_refused_screening_is_a_403_audited_and_nothing_is_written(world):
    world.user("dee", special_diet_items=["diabético"])
    world.guard.refuse = "A restrictive plan needs a valid screening"

    with pytest.raises(ScreeningRequired) as refused:
        world.service.generate("dee", TODAY, 7, ["lunch"], calories_per_day=1000)

    assert refused.value.code == "screening_required"
    assert world.guard.asked == [("dee", 1000, ["diabético"])]
    assert world.audit.rows == [
        ("dee", ACTION, False, "A restrictive plan needs a valid screening", "local-optimiser", 0.0)
    ]
    assert world.slots.written == []


@pytest.mark.parametrize(
    ("start", "days", "meals", "code"),
    [
        (TODAY - timedelta(days=1), 3, ["lunch"], "invalid_start_date"),
        (TODAY + timedelta(days=400), 3, ["lunch"], "invalid_start_date"),
        (TODAY, 15, ["lunch"], "invalid_days"),
        (TODAY, 3, ["brunch"], "invalid_meal_type"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(world, start, days, meals, code):
    with pytest.raises(InvalidInput) as refused:
        world.service.generate("ana", start, days, meals)

    assert refused.value.code == code
    assert world.slots.written == [] and world.audit.rows == [] and world.guard.asked == []


def test_negative_servings_are_refused(world):
    with pytest.raises(InvalidInput) as refused:
        world.service.generate("ana", TODAY, 3, ["lunch"], servings=-2)
    assert refused.value.code == "invalid_servings"


def test_an_unknown_user_is_not_found(world):
    with pytest.raises(NotFound) as missing:
        world.service.generate("nobody", TODAY, 3, ["lunch"])
    assert missing.value.code == "profile_not_found"


def test_no_fitting_recipe_at_all_is_not_found_and_nothing_is_written(world):
    with pytest.raises(NotFound) as missing:
        world.service.generate("ana", TODAY, 3, ["dessert"])

    assert missing.value.code == "no_plan_possible"
    assert world.slots.written == []
