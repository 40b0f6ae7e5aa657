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


@dataclass(frozen=True)
class Tied:
    """Candidates alike before amounts are measured: the same share of lines covered and the
    same engine score (both depend only on which foods the lines name)."""

    percent: int
    score: Decimal
    rows: list[int]  # among the candidates given to `covering`, in their order


def covering(foods: Sequence[Sequence[str]], stock: Mapping[str, Decimal]) -> list[Tied]:
    """The candidates that use a food in stock (`foods`: each one's non-optional lines' food
    keys, in line order; `stock`: each food's weight), most fulfilled first (share, then score),
    in groups of ties (in the candidates' order). The engine's figures (`engine.share`,
    `engine.score`) without looking at one amount, computed once per kind of candidate (the same
    foods covered, in the same order, of as many lines)."""
    groups: dict[tuple[int, Decimal], Tied] = {}
    kinds: dict[tuple[tuple[str, ...], int], list[int]] = {}
    in_stock = stock.__contains__
    for row, keys in enumerate(foods):
        covered = tuple(filter(in_stock, keys))
        if not covered:
            continue
        kind = (covered, len(keys))
        rows = kinds.get(kind)
        if rows is None:
            weighed = [stock[key] for key in covered]
            figures = (share(len(covered), len(keys)), score(weighed, len(keys)))
            group = groups.get(figures)
            if group is None:
                group = groups[figures] = Tied(*figures, [])
            rows = kinds[kind] = group.rows
        rows.append(row)
    return sorted(groups.values(), key=lambda g: (-g.percent, -g.score))


def weights(stock: Mapping[str, PantryFood]) -> dict[str, Decimal]:
    return {key: weight(food.days_left) for key, food in stock.items()}


def window(ordered: Sequence[Tied], start: int, end: int) -> tuple[int, list[int]]:
    """What to measure for the page `[start, end)` of `ordered` (by `covering`): every group
    the page overlaps, whole (amounts decide the order within a group: what is left missing,
    then the title), and the place of its first row. Nothing past the end."""
    first, rows, offset = start, [], 0
    for group in ordered:
        if offset >= end:
            break
        if offset + len(group.rows) > start:
            first = min(first, offset)
            rows.extend(group.rows)
        offset += len(group.rows)
    return first, rows


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
