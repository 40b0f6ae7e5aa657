"""In-memory fakes of plan generation's ports (nutrition, plan store, safety guard, audit log),
a unit of work that also holds recipes, and the stand-ins the timing test and
bench/plan_generation.py share (a 200-stack pantry of master foods, kcal from grams)."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from tests.fakes import FakeStore, FakeUnitOfWork
from zerowaste.application.recipes.ports import Page, RecipeFilter
from zerowaste.domain.planning.plan import Nutrition, PlannedSlot, ScreeningRequired
from zerowaste.domain.recipes.engine import PantryFood
from zerowaste.domain.recipes.recipe import Recipe


@dataclass
class FakeNutrition:
    table: dict[str, Nutrition] = field(default_factory=dict)
    asked: list[list[str]] = field(default_factory=list)

    def per_serving(self, recipes: Sequence[Recipe]) -> Mapping[str, Nutrition | None]:
        self.asked.append([r.uid for r in recipes])
        return {r.uid: self.table.get(r.uid) for r in recipes}


@dataclass
class FakePlanSlots:
    written: list[tuple[str, list[PlannedSlot]]] = field(default_factory=list)

    def fill(self, user_uid: str, slots: Sequence[PlannedSlot]) -> int:
        self.written.append((user_uid, list(slots)))
        return len(slots)


@dataclass
class FakeSafetyGuard:
    refuse: str | None = None  # the reason, when the guard refuses
    asked: list[tuple[str, int | None, list[str]]] = field(default_factory=list)

    def require(self, user_uid: str, daily_kcal: int | None, diets: Sequence[str]) -> None:
        self.asked.append((user_uid, daily_kcal, list(diets)))
        if self.refuse:
            raise ScreeningRequired(self.refuse)


@dataclass
class FakeAuditLog:
    rows: list[tuple[str, str, bool, str, str, float]] = field(default_factory=list)

    def record(
        self, user_uid: str, action: str, allowed: bool, reason: str, model: str, cost_usd: float
    ) -> None:
        self.rows.append((user_uid, action, allowed, reason, model, cost_usd))


@dataclass
class FakeRecipeStore(FakeStore):
    recipes: list[Recipe] = field(default_factory=list)


class FakeRecipes:
    """The read side of the recipe repository plan generation uses."""

    def __init__(self, recipes: list[Recipe]) -> None:
        self._recipes = recipes

    def visible(self, household_id: str, wanted: RecipeFilter, limit: int, offset: int) -> Page:
        found = [
            r
            for r in self._recipes
            if r.household_id == household_id and r.source in wanted.sources
        ]
        return Page(copy.deepcopy(found[offset : offset + limit]), len(found))

    def catalog(self, limit: int) -> list[Recipe]:
        return copy.deepcopy([r for r in self._recipes if r.household_id is None][:limit])

    def catalog_version(self) -> str:
        return f"v{len(self._recipes)}"


class FakePlanningUnitOfWork(FakeUnitOfWork):
    def __enter__(self) -> FakePlanningUnitOfWork:
        super().__enter__()
        self.recipes = FakeRecipes(self._state.recipes)  # type: ignore[attr-defined]
        return self


class FakePlanningUowFactory:
    def __init__(self, store: FakeRecipeStore) -> None:
        self.store = store

    def __call__(self) -> FakePlanningUnitOfWork:
        return FakePlanningUnitOfWork(self.store, write=True)

    def read(self) -> FakePlanningUnitOfWork:
        return FakePlanningUnitOfWork(self.store, write=False)


def master_pantry(data_dir: Path, foods: int = 100, stacks: int = 2) -> list[PantryFood]:
    """`foods` foods of the ingredient master x `stacks` lots each (the bench's 200 stacks):
    250-1,000 g, expiring in 1 to 60 days, spread deterministically."""
    rows = json.loads((data_dir / "ingredients_allergens" / "ingredients.json").read_text())
    pantry = []
    for n, row in enumerate(rows[:foods]):
        for s in range(stacks):
            days = 1 + (n * 7 + s * 23) % 60
            grams = Decimal(250 * (1 + (n + s) % 4))
            pantry.append(PantryFood(row["id"], row["name_es"], grams, "g", days))
    return pantry


def kcal_from_grams(recipe: Recipe) -> Nutrition | None:
    """A stand-in for the nutrition feature (not built yet): 1.5 kcal per gram weighed, per
    serving, with a 20/30/50 split; None when no line was weighed."""
    grams = sum((line.grams for line in recipe.ingredients if line.grams), Decimal(0))
    if not grams:
        return None
    kcal = (grams * Decimal("1.5") / (recipe.servings or 4)).quantize(Decimal(1))
    return Nutrition(kcal, kcal * Decimal("0.05"), kcal * Decimal("0.0333"), kcal / 8)
