"""What a household can make from what it has: the engine's coverage of one recipe, as shown.

The figures come from `domain.recipes.engine` (one definition of coverage): `percent` is the
share of the recipe's non-optional lines the pantry covers; a covered line says how much of the
stock it would use, a missing line what is lacking (the whole line, or the part the stock does
not reach), each in the line's unit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from zerowaste.domain.recipes.engine import LineUse, PantryFood, Ranked, score, share, weight
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


class Covered(NamedTuple):
    """A candidate's place before amounts are measured: its share of lines covered and the
    engine's score, which depend only on which foods its lines name."""

    row: int  # among the candidates given to `covering`
    percent: int
    score: Decimal


def covering(foods: Sequence[Sequence[str]], stock: Mapping[str, Decimal]) -> list[Covered]:
    """The candidates that use a food in stock (`foods`: each one's non-optional lines' food
    keys, in line order; `stock`: each food's weight), most fulfilled first (share, then score;
    ties keep the candidates' order). The engine's figures (`engine.score`, `engine.share`),
    without looking at one amount; computed once per set of recipes alike (same foods covered,
    in the same order, of as many lines)."""
    places: list[tuple[int, Decimal, int, tuple[int, Decimal]]] = []
    figures: dict[tuple[tuple[str, ...], int], tuple[int, Decimal]] = {}
    in_stock = stock.__contains__
    for index, keys in enumerate(foods):
        covered = tuple(filter(in_stock, keys))
        if not covered:
            continue
        alike = (covered, len(keys))
        found = figures.get(alike)
        if found is None:
            weighed = [stock[key] for key in covered]
            found = figures[alike] = (share(len(covered), len(keys)), score(weighed, len(keys)))
        places.append((-found[0], -found[1], index, found))
    places.sort()  # ties: the candidates' order (their index)
    return [Covered(place[2], *place[3]) for place in places]


def weights(stock: Mapping[str, PantryFood]) -> dict[str, Decimal]:
    return {key: weight(food.days_left) for key, food in stock.items()}


def window(ordered: Sequence[Covered], start: int, end: int) -> tuple[int, int]:
    """Which of `ordered` (by `covering`) to measure for the page `[start, end)`: the page, and
    those tied with its first or last on share and score (amounts decide their order: what is
    left missing, then the title). Empty past the end."""
    if start >= len(ordered):
        return start, start
    low, high = start, min(end, len(ordered))
    first, last = ordered[start], ordered[high - 1]
    while low > 0 and _tied(ordered[low - 1], first):
        low -= 1
    while high < len(ordered) and _tied(ordered[high], last):
        high += 1
    return low, high


def _tied(one: Covered, other: Covered) -> bool:
    return (one.percent, one.score) == (other.percent, other.score)


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
