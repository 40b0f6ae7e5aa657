"""What a household can make from what it has: the engine's coverage of one recipe, as shown.

The figures come from `domain.recipes.engine` (one definition of coverage): `percent` is the
share of the recipe's non-optional lines the pantry covers; a covered line says how much of the
stock it would use, a missing line what is lacking (the whole line, or the part the stock does
not reach), each in the line's unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zerowaste.domain.recipes.engine import LineUse, Ranked
from zerowaste.domain.recipes.recipe import Recipe


@dataclass(frozen=True)
class LineFigure:
    name: str
    quantity: Decimal | None  # have: what it uses of the stock; missing: what is lacking
    unit: str | None
    stock_name: str | None = None  # the pantry food that covers it (have)


@dataclass(frozen=True)
class Fulfilment:
    recipe: Recipe
    score: float
    percent: int
    have: list[LineFigure]
    missing: list[LineFigure]


def most_fulfilled(ranked: list[Ranked]) -> list[Ranked]:
    """What can be made first: the highest share of lines covered, then the engine's score
    (what uses the most, and the most urgent, of the pantry), then the fewest lines missing."""
    return sorted(ranked, key=lambda r: (-r.utilization, -r.score, len(r.missing)))


def fulfilment(ranked: Ranked) -> Fulfilment:
    have = [_have(u) for u in ranked.covered]
    missing = [_missing(u) for u in ranked.missing]
    return Fulfilment(ranked.recipe, float(ranked.score), ranked.utilization, have, missing)


def _have(use: LineUse) -> LineFigure:
    line = use.line
    amount = use.uses if use.uses is not None else line.quantity
    return LineFigure(line.name, amount, line.unit, use.food.name if use.food else None)


def _missing(use: LineUse) -> LineFigure:
    line = use.line
    return LineFigure(line.name, use.missing, line.unit, use.food.name if use.food else None)
