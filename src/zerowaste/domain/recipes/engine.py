"""The local recipe engine's ranking (pure): which recipes use what is in stock, most urgent
first, what each would use of it and what is missing.

A recipe's score is the sum of the weights of the foods in stock it uses, each weighted by how
soon it expires, `1 + URGENCY / (1 + days_left)` (spinach that expires tomorrow counts about six
times rice that keeps a year), times `(1 + coverage) / 2`, where coverage is the share of its
(non-optional) lines the pantry covers: what saves the most urgent food comes first, and of two
recipes that save the same, the one that needs less shopping. Expired stock is not offered.
Quantities: a line that names an amount in a unit the pantry's stock converts to uses at most
what is in stock, and the rest is missing; a line without an amount uses the food as available.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.shared import units
from zerowaste.domain.shared.errors import InvalidInput

URGENCY = Decimal(10)
EXPIRING_DAYS = 3  # a stack within this many days is "about to expire"

Convert = Callable[[Decimal, str, str, str], Decimal | None]  # amount, from, to, food key


@dataclass(frozen=True)
class PantryFood:
    """What a household has of one food: its key (the ingredient master's id, else the folded
    name), total quantity in `unit`, and the days until its soonest usable stack expires."""

    key: str
    name: str
    quantity: Decimal
    unit: str
    days_left: int


@dataclass(frozen=True)
class LineUse:
    line: RecipeIngredient
    food: PantryFood | None  # None: not in stock
    uses: Decimal | None = None  # in the line's unit, when it could be computed
    missing: Decimal | None = None  # in the line's unit; None when unknown or nothing missing


@dataclass(frozen=True)
class Ranked:
    recipe: Recipe
    score: Decimal
    uses: list[LineUse] = field(default_factory=list)

    @property
    def covered(self) -> list[LineUse]:
        return [u for u in self.uses if u.food is not None]

    @property
    def missing(self) -> list[LineUse]:
        return [u for u in self.uses if u.food is None or u.missing]

    @property
    def utilization(self) -> int:
        """% of the recipe's lines the pantry covers."""
        return share(len(self.covered), len(self.uses))

    @property
    def uses_expiring(self) -> bool:
        return any(u.food.days_left <= EXPIRING_DAYS for u in self.covered if u.food)


def convert_units(amount: Decimal, from_unit: str, to_unit: str, _food: str) -> Decimal | None:
    """A `Convert` by the units rules alone: mass to mass, volume to volume, count to count
    (what the pantry's stock and a line's amount share); None across them."""
    if not _convertible(from_unit, to_unit):
        return None  # answered without raising: a ranking asks this for every line
    try:
        quantity = units.parse_quantity(amount, from_unit, allow_zero=True)
        return units.convert(quantity, to_unit).amount
    except (InvalidInput, ValueError, ArithmeticError):
        return None


@functools.lru_cache(maxsize=4096)
def _convertible(stocked: str, measure: str) -> bool:
    """Whether a stocked unit converts to a recipe measure (known, same group), as
    `units.convert` would find; kept per pair, as rankings ask the same pairs again and again."""
    try:
        return units.are_convertible(units.normalize_unit(stocked), measure)
    except InvalidInput:
        return False


def weight(days_left: int) -> Decimal:
    return 1 + URGENCY / (1 + max(0, days_left))


def stock_of(pantry: list[PantryFood]) -> dict[str, PantryFood]:
    """The pantry by food key, without expired stock (of one key, the last listed counts)."""
    return {food.key: food for food in pantry if food.days_left >= 0}


def score(weights: list[Decimal], lines: int) -> Decimal:
    """A recipe's score from the weights of its covered lines (in line order) and its count of
    (non-optional) lines: what it saves times `(1 + coverage) / 2`."""
    saved = sum(weights, Decimal(0))
    coverage = Decimal(len(weights)) / lines
    return saved * (1 + coverage) / 2


def share(covered: int, lines: int) -> int:
    """% of a recipe's lines covered (its utilization)."""
    return round(100 * covered / lines) if lines else 0


def rank(
    recipes: list[Recipe],
    pantry: list[PantryFood],
    key_of: Callable[[RecipeIngredient], str | None],
    convert: Convert | None = None,
    *,
    limit: int = 5,
    minimum_covered: int = 1,
) -> list[Ranked]:
    """The best `limit` recipes that use at least `minimum_covered` foods in stock."""
    stock = stock_of(pantry)
    found = (rank_one(r, stock, key_of, convert, minimum_covered) for r in recipes)
    return best([r for r in found if r is not None], limit)


def rank_one(
    recipe: Recipe,
    stock: dict[str, PantryFood],
    key_of: Callable[[RecipeIngredient], str | None],
    convert: Convert | None = None,
    minimum_covered: int = 1,
) -> Ranked | None:
    """One recipe against the stock (`stock_of`): None when it uses fewer than
    `minimum_covered` foods in stock. It depends only on the stock of its lines' foods."""
    lines = [line for line in recipe.ingredients if not line.optional]
    if not lines:
        return None
    uses = [_use(line, stock.get(key_of(line) or ""), convert) for line in lines]
    covered = [u for u in uses if u.food is not None]
    if len(covered) < minimum_covered:
        return None
    weights = [weight(u.food.days_left) for u in covered if u.food]
    return Ranked(recipe, score(weights, len(lines)), uses)


def best(ranked: list[Ranked], limit: int) -> list[Ranked]:
    """The first `limit` by score, then fewer missing lines, then title."""
    return sorted(ranked, key=lambda r: (-r.score, len(r.missing), r.recipe.title.casefold()))[
        :limit
    ]


def _use(line: RecipeIngredient, food: PantryFood | None, convert: Convert | None) -> LineUse:
    if food is None:
        return LineUse(line, None, None, line.quantity)
    if line.quantity is None or not line.unit:
        return LineUse(line, food)
    available = _in_unit(food, line.unit, convert)
    if available is None:
        return LineUse(line, food)
    uses = min(line.quantity, available)
    missing = line.quantity - uses
    return LineUse(line, food, uses, missing if missing > 0 else None)


def _in_unit(food: PantryFood, unit: str, convert: Convert | None) -> Decimal | None:
    if food.unit == unit:
        return food.quantity
    return convert(food.quantity, food.unit, unit, food.key) if convert else None
