"""Plan slots: which recipe a household plans for a meal of a day.

One store of slots holds every plan: a slot is (household, date, meal type) -> a recipe the
household may read (its own, saved or generated, or the public catalog), by reference, never a
copy that drifts. At most one slot per position: the daily plans of the mobile client (rows
52-57), the week and month planner and plan generation all read and write the same slots.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from zerowaste.domain.recipes.recipe import Recipe, title_key
from zerowaste.domain.shared.errors import InvalidInput

MEAL_TYPES = ("breakfast", "lunch", "dinner", "dessert", "snack")
# The client's recipe categories (and our own names) -> the slot they fill (row 52's list shape).
CATEGORY_SLOTS = {
    "desayuno": "breakfast",
    "almuerzo": "lunch",
    "comida": "lunch",
    "cena": "dinner",
    "postre": "dessert",
    "snack": "snack",
    "merienda": "snack",
    **{name: name for name in MEAL_TYPES},
}
MAX_SERVINGS = 100
MAX_NOTES = 1000


@dataclass
class Slot:
    """A planned meal; `recipe` is filled by reads (the recipe it refers to)."""

    date: date
    meal_type: str
    recipe_uid: str
    servings: int | None = None
    notes: str = ""
    id: int | None = None
    added_by: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    recipe: Recipe | None = None


def meal_type(value: str) -> str:
    """A meal type by its name (breakfast|lunch|dinner|dessert|snack), else InvalidInput."""
    name = (value or "").strip().lower()
    if name not in MEAL_TYPES:
        raise InvalidInput(
            f"Unknown meal type: {value!r}",
            code="invalid_meal_type",
            details={"allowed": list(MEAL_TYPES)},
        )
    return name


def slot_of_category(category: str) -> str:
    """The slot a recipe of the list shape fills, from its category (desayuno -> breakfast)."""
    found = CATEGORY_SLOTS.get((category or "").strip().lower())
    if found is None:
        raise InvalidInput(
            f"Unknown meal category: {category!r}",
            code="invalid_meal_category",
            details={"allowed": sorted(CATEGORY_SLOTS)},
        )
    return found


def check_servings(servings: int | None) -> int | None:
    if servings is not None and not 1 <= servings <= MAX_SERVINGS:
        raise InvalidInput(
            f"Servings must be between 1 and {MAX_SERVINGS}", code="invalid_servings"
        )
    return servings


def check_unique(positions: list[tuple[date, str]]) -> None:
    """One recipe per meal of a day: a second one for the same position is refused."""
    seen: set[tuple[date, str]] = set()
    for position in positions:
        if position in seen:
            day, meal = position
            raise InvalidInput(
                f"Two recipes for {meal} on {day.isoformat()}",
                code="duplicate_meal",
                details={"date": day.isoformat(), "meal_type": meal},
            )
        seen.add(position)


def meal_order(slot: Slot) -> tuple[date, int]:
    return slot.date, MEAL_TYPES.index(slot.meal_type)


def same_recipe(a: Recipe, b: Recipe) -> bool:
    """Whether two recipes say the same (the client re-sending a plan's recipe): title (case
    and spaces aside), lines, steps, time, difficulty, category and description."""

    def content(r: Recipe) -> tuple[object, ...]:
        lines = [
            (i.name.strip().lower(), i.quantity, (i.unit or "").lower()) for i in r.ingredients
        ]
        return (
            title_key(r.title),
            lines,
            [s.strip() for s in r.steps],
            r.duration.strip(),
            r.difficulty,
            r.category,
            r.description.strip(),
        )

    return content(a) == content(b)
