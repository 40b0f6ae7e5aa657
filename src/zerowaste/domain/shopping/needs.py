"""What to buy for planned meals (pure): needs summed per food across units, minus the stock
still good on the day each need falls, minus what the list already holds.

Rules (why, not how):
- One line per food (the ingredient master's key, else the folded name). Amounts are summed in
  the base unit of the food's first need: grams for masses, millilitres for volumes, pieces for
  counts; a group of its own (can, pack, bunch) stays in that unit. Other units join through the
  food's USDA portion weights (`domain.recipes.conversion.to_quantity`): "300 g onion" and then
  "2 onions" make 520 g with SR28's 110 g medium onion (the other way round, 5 onions). A need
  no measure bridges keeps a line in its own unit: never dropped, never guessed.
- Stock counts for a need only while it is good on the day the need falls (`expires_on >=
  needed_on`: the expiry day itself is still good, as in the inventory). Needs are served in
  date order, each from the stacks that expire first (FEFO), and a stack serves once across
  the window: stock for Monday's dinner is not counted again for Friday's.
- Items already on the list (not yet bought) for the same food and unit are subtracted.
- Amounts to buy round up: whole pieces (nobody buys 0.3 onions) and whole grams/millilitres.
- A need without an amount, or in words no unit rule reads ("sal al gusto", "un poco"), is
  listed without one, unless the food is in stock or already on the list.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, Decimal

from zerowaste.domain.recipes.conversion import FoodMeasures, to_quantity
from zerowaste.domain.shared import units

BASE_UNITS = {
    units.Dimension.MASS: "g",
    units.Dimension.VOLUME: "ml",
}
ZERO = Decimal(0)


@dataclass(frozen=True)
class Need:
    """An amount of a food a planned recipe needs on a day (`quantity` None: to taste)."""

    key: str
    name: str
    quantity: Decimal | None
    unit: str | None
    needed_on: date
    recipe: str = ""


@dataclass(frozen=True)
class StockLot:
    key: str
    quantity: Decimal
    unit: str
    expires_on: date


@dataclass(frozen=True)
class Listed:
    """An item already on the list, not bought yet."""

    key: str
    quantity: Decimal | None
    unit: str | None


@dataclass(frozen=True)
class ToBuy:
    key: str
    name: str
    quantity: Decimal | None  # None: to taste
    unit: str | None
    needed_on: date  # the first day the stock falls short
    needed: Decimal | None  # the window's total need, in `unit`
    from_stock: Decimal | None  # what stock covers of it
    already_listed: Decimal | None
    recipes: tuple[str, ...] = field(default_factory=tuple)


def base_unit(unit: str) -> str:
    """g, ml, unit, or the unit itself for a group of its own (can, pack, bunch...)."""
    code = units.normalize_measure(unit)
    dimension = units.dimension_of(code)
    if dimension in BASE_UNITS:
        return BASE_UNITS[dimension]
    return "unit" if units.are_convertible(code, "unit") else code


@dataclass
class _Line:
    key: str
    name: str
    unit: str | None
    needs: list[tuple[date, Decimal | None, str]] = field(default_factory=list)


def to_buy(
    needs: Iterable[Need],
    stock: Iterable[StockLot],
    listed: Iterable[Listed],
    measures: Mapping[str, FoodMeasures | None],
) -> list[ToBuy]:
    """What is left to buy, one line per food and unit, in the order foods were first needed."""
    lines = _lines(needs, measures)
    lots = list(stock)
    already = list(listed)
    bought: list[ToBuy] = []
    for line in lines.values():
        found = _short(line, lots, already, measures.get(line.key))
        if found is not None:
            bought.append(found)
    return bought


def _lines(
    needs: Iterable[Need], measures: Mapping[str, FoodMeasures | None]
) -> dict[tuple[str, str | None], _Line]:
    lines: dict[tuple[str, str | None], _Line] = {}
    first_unit: dict[str, str] = {}
    for need in sorted(needs, key=lambda n: n.needed_on):
        try:
            own = base_unit(need.unit) if need.quantity and need.unit else None
        except units.InvalidUnit:
            own = None  # "al gusto", "un poco": listed without an amount
        if own is None or need.quantity is None or need.unit is None:
            lines.setdefault((need.key, None), _Line(need.key, need.name, None))
            lines[(need.key, None)].needs.append((need.needed_on, None, need.recipe))
            continue
        basis = first_unit.setdefault(need.key, own)
        amount = to_quantity(need.quantity, need.unit, basis, measures.get(need.key))
        if amount is None:
            basis = own
            amount = to_quantity(need.quantity, need.unit, own, None)
        if amount is None:
            continue
        line = lines.setdefault((need.key, basis), _Line(need.key, need.name, basis))
        line.needs.append((need.needed_on, amount, need.recipe))
    return lines


def _short(
    line: _Line, lots: list[StockLot], listed: list[Listed], food: FoodMeasures | None
) -> ToBuy | None:
    recipes = tuple(dict.fromkeys(r for _d, _a, r in line.needs if r))
    mine = [lot for lot in lots if lot.key == line.key]
    if line.unit is None:
        if mine or any(x.key == line.key for x in listed):
            return None
        return ToBuy(line.key, line.name, None, None, line.needs[0][0], None, None, None, recipes)
    left = _available(mine, line.unit, food)
    total = covered = ZERO
    short_on: date | None = None
    for needed_on, amount, _recipe in line.needs:
        if amount is None:
            continue
        total += amount
        rest = amount
        for lot in left:
            if rest <= 0:
                break
            if lot.expires_on < needed_on or lot.left <= 0:
                continue
            taken = min(lot.left, rest)
            lot.left -= taken
            rest -= taken
            covered += taken
        if rest > 0 and short_on is None:
            short_on = needed_on
    listed_amount = sum(
        (_in(x.quantity, x.unit, line.unit, food) or ZERO for x in listed if x.key == line.key),
        ZERO,
    )
    quantity = total - covered - listed_amount
    if short_on is None or quantity <= 0:
        return None
    return ToBuy(
        line.key,
        line.name,
        quantity.to_integral_value(rounding=ROUND_CEILING),
        line.unit,
        short_on,
        total,
        covered,
        listed_amount,
        recipes,
    )


@dataclass
class _Lot:
    expires_on: date
    left: Decimal


def _available(lots: list[StockLot], unit: str, food: FoodMeasures | None) -> list[_Lot]:
    """The food's stacks in the line's unit, first to expire first (FEFO)."""
    found = []
    for lot in sorted(lots, key=lambda x: x.expires_on):
        amount = _in(lot.quantity, lot.unit, unit, food)
        if amount is not None and amount > 0:
            found.append(_Lot(lot.expires_on, amount))
    return found


def _in(
    amount: Decimal | None, unit: str | None, to: str, food: FoodMeasures | None
) -> Decimal | None:
    if amount is None or unit is None:
        return None
    try:
        return to_quantity(amount, unit, to, food)
    except units.InvalidUnit:
        return None
