"""The candidates a plan is chosen from, made ready for the solver (pure).

- More than MAX_CANDIDATES candidates is refused (`too_many_candidates`): the caller sends the
  catalog (about 500) and a household's saved recipes (at most 500), far below it.
- Left out, and counted in `Plan.excluded`: recipes that fit none of the requested meal types,
  recipes with no (non-optional) ingredient line, and, when a calorie target is set, recipes
  whose kcal per serving is unknown.
- The rest are ranked by `domain.recipes.engine.rank` (urgency-weighted use of the pantry, then
  fewer missing lines, then the title; candidates are first ordered by uid, so the same input
  in any order gives the same plan). For each requested meal type the solver gets the best
  POOL_PER_DAY x days + POOL_EXTRA that fit it, and, with a calorie target, as many more whose
  kcal per serving is nearest the target's share per meal. Measured on the catalog's week
  (bench/plan_generation.py): 120 per meal saved within 0.4 % of what the whole catalog saves,
  in less than half the time, and 15 % more than 48 per meal (the engine's order is per recipe;
  the plan's reward is shared stock).
- A recipe's need of a pantry food is the sum of its lines of that food, converted to the
  pantry's unit (the engine's line matches; `grams` when the line's own unit does not convert),
  scaled to the plan's servings by the recipe's own (a recipe with no servings is taken to
  serve the plan's). None when no line names an amount that converts.
- Stock is a list of lots: one `PantryFood` per food and expiry date; a lot is usable on the
  days up to its `days_left` (counted from the plan's first day), weighs `engine.weight` and is
  its quantity's share of the food's stock (a lot whose unit does not convert to the food's
  counts as none; a food with no known quantity shares equally among its lots).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from zerowaste.domain.planning.plan import Candidate, PlanRequest, fits
from zerowaste.domain.recipes.engine import Convert, PantryFood, Ranked, rank, weight
from zerowaste.domain.recipes.recipe import RecipeIngredient
from zerowaste.domain.shared.errors import InvalidInput

MAX_CANDIDATES = 6000
POOL_PER_DAY = 10
POOL_EXTRA = 50
KeyOf = Callable[[RecipeIngredient], str | None]


@dataclass(frozen=True)
class Lot:
    key: str
    name: str
    quantity: float  # in the food's unit (the most urgent lot's); 0: unknown
    unit: str
    days_left: int
    weight: float
    share: float = 1.0  # of the food's stock: quantity / the food's total (1 / lots unmeasured)
    measured: bool = True  # some lot of the food has a known quantity


@dataclass(frozen=True)
class Option:
    candidate: Candidate
    meals: tuple[str, ...]  # the requested meal types it fits
    needs: dict[str, float | None]  # food key -> amount in the food's unit; None: unknown
    coverage: float  # share of its lines the pantry covers
    rank: int  # its place in the engine's order (the deterministic tie-break)

    @property
    def kcal(self) -> float | None:
        nutrition = self.candidate.nutrition
        return float(nutrition.kcal) if nutrition else None


@dataclass
class Pool:
    options: list[Option]
    lots: list[Lot]  # most urgent first
    excluded: dict[str, int] = field(default_factory=dict)


def prepare(
    candidates: list[Candidate],
    pantry: list[PantryFood],
    key_of: KeyOf,
    convert: Convert | None,
    request: PlanRequest,
) -> Pool:
    if len(candidates) > MAX_CANDIDATES:
        raise InvalidInput(
            f"Too many candidate recipes ({len(candidates)}); at most {MAX_CANDIDATES}",
            code="too_many_candidates",
            details={"max": MAX_CANDIDATES, "given": len(candidates)},
        )
    excluded: dict[str, int] = {}
    by_uid = {c.recipe.uid: c for c in sorted(candidates, key=lambda c: c.recipe.uid)}
    kept = []
    for candidate in by_uid.values():
        meals = tuple(m for m in request.meal_types if m in fits(candidate.recipe))
        if not meals:
            _count(excluded, "no_meal_fit")
        elif request.calories_per_day is not None and candidate.nutrition is None:
            _count(excluded, "unknown_kcal")
        else:
            kept.append((candidate, meals))
    lots = _lots(pantry, convert)
    foods = _foods(lots)
    by_recipe = {id(c.recipe): (c, meals) for c, meals in kept}
    ranked = rank(
        [c.recipe for c, _m in kept], foods, key_of, convert, limit=len(kept), minimum_covered=0
    )
    if len(ranked) < len(kept):
        excluded["no_ingredients"] = len(kept) - len(ranked)
    options = []
    for place, found in enumerate(ranked):
        candidate, meals = by_recipe[id(found.recipe)]
        needs = _needs(found, convert, request.servings)
        coverage = len(found.covered) / len(found.uses) if found.uses else 0.0
        options.append(Option(candidate, meals, needs, coverage, place))
    return Pool(_pruned(options, request), lots, excluded)


def max_fillable(options: list[Option], slots: list[tuple[int, str]]) -> int:
    """How many slots can hold a different recipe each (bipartite matching, Kuhn's method)."""
    by_meal = {m: [i for i, o in enumerate(options) if m in o.meals] for _d, m in slots}
    holder: dict[int, int] = {}  # option index -> slot index

    def place(slot: int, seen: set[int]) -> bool:
        for i in by_meal[slots[slot][1]]:
            if i in seen:
                continue
            seen.add(i)
            if i not in holder or place(holder[i], seen):
                holder[i] = slot
                return True
        return False

    return sum(1 for s in range(len(slots)) if place(s, set()))


def _count(excluded: dict[str, int], reason: str) -> None:
    excluded[reason] = excluded.get(reason, 0) + 1


def _lots(pantry: list[PantryFood], convert: Convert | None) -> list[Lot]:
    fresh = sorted((p for p in pantry if p.days_left >= 0), key=lambda p: (p.days_left, p.key))
    units: dict[str, str] = {}
    lots = []
    for food in fresh:
        unit = units.setdefault(food.key, food.unit)
        amount: Decimal | None = food.quantity
        if food.unit != unit:
            amount = convert(food.quantity, food.unit, unit, food.key) if convert else None
        quantity = float(amount) if amount and amount > 0 else 0.0
        lots.append(Lot(food.key, food.name, quantity, unit, food.days_left, _w(food.days_left)))
    totals: dict[str, float] = {}
    counts: dict[str, int] = {}
    for lot in lots:
        totals[lot.key] = totals.get(lot.key, 0.0) + lot.quantity
        counts[lot.key] = counts.get(lot.key, 0) + 1
    return [
        replace(
            lot,
            share=lot.quantity / totals[lot.key] if totals[lot.key] else 1 / counts[lot.key],
            measured=totals[lot.key] > 0,
        )
        for lot in lots
    ]


def _w(days_left: int) -> float:
    return float(weight(days_left))


def _foods(lots: list[Lot]) -> list[PantryFood]:
    """One entry per food for the engine's ranking: the soonest expiry, the total known stock."""
    merged: dict[str, PantryFood] = {}
    for lot in lots:
        seen = merged.get(lot.key)
        total = Decimal(str(lot.quantity)) + (seen.quantity if seen else 0)
        days = seen.days_left if seen else lot.days_left
        merged[lot.key] = PantryFood(lot.key, lot.name, total, lot.unit, days)
    return list(merged.values())


def _needs(found: Ranked, convert: Convert | None, servings: int) -> dict[str, float | None]:
    scale = Decimal(servings) / Decimal(found.recipe.servings or servings)
    needs: dict[str, float | None] = {}
    for use in found.covered:
        food = use.food
        if food is None:
            continue
        amount = _in_unit(use.line, food, convert)
        known = needs.get(food.key)
        if amount is None:
            needs.setdefault(food.key, None)
        else:
            needs[food.key] = (known or 0.0) + float(amount * scale)
    return needs


def _in_unit(line: RecipeIngredient, food: PantryFood, convert: Convert | None) -> Decimal | None:
    if line.quantity is not None and line.unit:
        if line.unit == food.unit:
            return line.quantity
        found = convert(line.quantity, line.unit, food.unit, food.key) if convert else None
        if found is not None:
            return found
    if line.grams is not None and convert is not None:
        return convert(line.grams, "g", food.unit, food.key)
    return None


def _pruned(options: list[Option], request: PlanRequest) -> list[Option]:
    size = POOL_PER_DAY * request.days + POOL_EXTRA
    chosen: set[int] = set()
    share = None
    if request.calories_per_day is not None:
        share = request.calories_per_day / len(request.meal_types)
    for meal in request.meal_types:
        fitting = [o for o in options if meal in o.meals]
        chosen.update(o.rank for o in fitting[:size])
        if share is not None:
            nearest = sorted(fitting, key=lambda o: (abs((o.kcal or 0.0) - share), o.rank))
            chosen.update(o.rank for o in nearest[:size])
    return [o for o in options if o.rank in chosen]
