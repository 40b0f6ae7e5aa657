"""The savings of a list of ingredient lines: kg CO2e, litres of water and MXN, each cited.

Rules (why, not how):
- Footprints are per kg (Poore & Nemecek); a litre counts as a kilogram, as in the inventory's
  impact rules (`domain.inventory.impact`, reused here), and prices per litre meet masses by
  the same rule, so both figures of a line rest on one amount.
- Pieces weigh something only when the caller knows the food's weight per piece
  (`grams_per_piece`, e.g. USDA portion weights). Without it a counted line has no CO2e or
  water figure (reported in `missing_data`, never guessed), but its money still counts when the
  food has a price per piece (eggs, lettuce) or, for bunches, per bunch.
- Other counted units (packs, cans, slices, cloves, servings) have no known size: the caller
  converts them first (USDA portions) or the line is reported missing.
- A footprint the caller marks as an AI estimate (a food missing from the table, contract D.8's
  fallback) is used like the table's, cited with its own source and the line marked `estimated`.
- Totals are sums of the known line figures; `missing_data` says which lines and figures they
  leave out. Energy is not in the footprint data: 0 MJ with `energy_available` false.
- Rounding: kg CO2e to 3 decimals, litres to 1, MXN to 2 (half up), per line; totals are the rounded
  sum of the rounded lines, so the lines shown always add up to the total shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from zerowaste.domain.inventory.impact import impact_of, kilograms_of
from zerowaste.domain.prices import CENT, PRICE_BASES, Price, PriceBasis
from zerowaste.domain.reference import Footprint
from zerowaste.domain.shared import units
from zerowaste.domain.shared.errors import InvalidInput

UNIT_CARBON = "kg CO2e"
UNIT_WATER = "L"
UNIT_ENERGY = "MJ"
UNIT_COST = "MXN"
DECIMALS = {"carbon": 3, "water": 1, "energy": 2, "cost": 2}

FigureName = Literal["carbon", "water", "cost"]
MissingReason = Literal[
    "no_quantity",  # no amount ("al gusto") or an amount the units rules refuse
    "unknown_unit",  # a unit the domain does not know
    "no_footprint",  # the food is not in the footprint table
    "no_weight",  # counted without a known weight per piece
    "no_price",  # the food has no market price
    "no_price_for_unit",  # priced, but not in a basis the line's amount reaches
]
_GRAMS_PER_KG = Decimal(1000)


@dataclass(frozen=True)
class IngredientLine:
    """One food of a recipe with what the caller resolved about it (none of it is guessed)."""

    name: str
    quantity: Decimal | None
    unit: str | None
    footprint: Footprint | None = None
    prices: tuple[Price, ...] = ()
    grams_per_piece: Decimal | None = None
    footprint_estimated: bool = False  # the footprint is an AI estimate, not the table's


@dataclass(frozen=True)
class Figure:
    """A value (None = unknown), its unit and the citation of the data behind it."""

    value: float | None
    unit: str
    source: str | None


@dataclass(frozen=True)
class MissingData:
    line: int
    name: str
    figures: tuple[FigureName, ...]
    reason: MissingReason


@dataclass(frozen=True)
class LineSavings:
    name: str
    kilograms: float | None
    carbon: Figure
    water: Figure
    energy: Figure
    cost: Figure
    price_basis: PriceBasis | None
    estimated: bool = False  # carbon and water come from an AI estimate (cited as such)


@dataclass(frozen=True)
class Savings:
    lines: tuple[LineSavings, ...]
    carbon: Figure
    water: Figure
    energy: Figure
    cost: Figure
    missing_data: tuple[MissingData, ...]
    energy_available: bool = False

    @property
    def complete(self) -> bool:
        return not self.missing_data

    @property
    def estimated(self) -> tuple[str, ...]:
        """Lines whose carbon and water are AI estimates (foods missing from the table)."""
        return tuple(line.name for line in self.lines if line.estimated)


@dataclass(frozen=True)
class _Amounts:
    """A line's amount in every basis it reaches; `natural` is the basis it was given in."""

    by_basis: dict[PriceBasis, Decimal]
    natural: PriceBasis | None

    @property
    def kg(self) -> Decimal | None:
        return self.by_basis.get("kg")


def _amounts(line: IngredientLine) -> _Amounts | MissingReason:
    if line.quantity is None or line.unit is None:
        return "no_quantity"
    try:
        quantity = units.parse_quantity(line.quantity, line.unit, allow_zero=True)
    except units.InvalidUnit:
        return "unknown_unit"
    except InvalidInput:
        return "no_quantity"
    dimension = units.dimension_of(quantity.unit)
    per_piece = line.grams_per_piece if line.grams_per_piece and line.grams_per_piece > 0 else None
    found: dict[PriceBasis, Decimal] = {}
    kg = kilograms_of(quantity.amount, quantity.unit)
    if kg is not None:
        natural: PriceBasis | None = "l" if dimension is units.Dimension.VOLUME else "kg"
        if per_piece:
            found["unit"] = kg * _GRAMS_PER_KG / per_piece
    elif units.are_convertible(quantity.unit, "unit"):
        natural = "unit"
        found["unit"] = units.convert(quantity, "unit").amount
        kg = found["unit"] * per_piece / _GRAMS_PER_KG if per_piece else None
    elif quantity.unit == "bunch":
        natural, found["bunch"] = "bunch", quantity.amount
    else:
        natural = None
    if kg is not None:
        found["kg"] = found["l"] = kg
    return _Amounts(found, natural)


def _cost(amounts: _Amounts, prices: Sequence[Price]) -> tuple[Decimal, Price] | None:
    """Money in the line's own basis first, then any other basis its amount reaches."""
    by_basis = {price.basis: price for price in prices}
    order = [amounts.natural] if amounts.natural else []
    order += [basis for basis in PRICE_BASES if basis != amounts.natural]
    for basis in order:
        amount, price = amounts.by_basis.get(basis), by_basis.get(basis)
        if amount is not None and price is not None:
            return amount * Decimal(repr(price.median_mxn)), price
    return None


def _line(index: int, line: IngredientLine) -> tuple[LineSavings, list[MissingData]]:
    amounts = _amounts(line)
    if isinstance(amounts, str):
        lacking = MissingData(index, line.name, ("carbon", "water", "cost"), amounts)
        return _unknown(line.name), [lacking]
    missing: list[MissingData] = []
    carbon = Figure(None, UNIT_CARBON, None)
    water = Figure(None, UNIT_WATER, None)
    if line.footprint is None:
        missing.append(MissingData(index, line.name, ("carbon", "water"), "no_footprint"))
    elif amounts.kg is None:
        missing.append(MissingData(index, line.name, ("carbon", "water"), "no_weight"))
    else:
        impact = impact_of(amounts.kg, line.footprint)
        carbon = Figure(impact.co2_saved_kg, UNIT_CARBON, impact.source)
        water = Figure(impact.water_saved_l, UNIT_WATER, impact.source)
    cost = Figure(None, UNIT_COST, None)
    priced = _cost(amounts, line.prices)
    if priced is None:
        reason: MissingReason = "no_price_for_unit" if line.prices else "no_price"
        missing.append(MissingData(index, line.name, ("cost",), reason))
    else:
        money = float(priced[0].quantize(CENT, rounding=ROUND_HALF_UP))
        cost = Figure(money, UNIT_COST, priced[1].citation)
    kg = None if amounts.kg is None else round(float(amounts.kg), 3)
    saved = LineSavings(
        name=line.name,
        kilograms=kg,
        carbon=carbon,
        water=water,
        energy=Figure(0.0, UNIT_ENERGY, None),
        cost=cost,
        price_basis=priced[1].basis if priced else None,
        estimated=line.footprint_estimated and carbon.value is not None,
    )
    return saved, missing


def _unknown(name: str) -> LineSavings:
    return LineSavings(
        name=name,
        kilograms=None,
        carbon=Figure(None, UNIT_CARBON, None),
        water=Figure(None, UNIT_WATER, None),
        energy=Figure(0.0, UNIT_ENERGY, None),
        cost=Figure(None, UNIT_COST, None),
        price_basis=None,
    )


def _total(figures: Sequence[Figure], unit: str, decimals: int) -> Figure:
    known = [f for f in figures if f.value is not None]
    sources = list(dict.fromkeys(f.source for f in known if f.source))
    value = round(sum(f.value for f in known if f.value is not None), decimals)
    return Figure(value, unit, " | ".join(sources) or None)


def calculate(lines: Sequence[IngredientLine]) -> Savings:
    """Per-line and total savings of eating `lines` instead of wasting them."""
    results: list[LineSavings] = []
    missing: list[MissingData] = []
    for index, line in enumerate(lines):
        saved, lacking = _line(index, line)
        results.append(saved)
        missing.extend(lacking)
    return Savings(
        lines=tuple(results),
        carbon=_total([r.carbon for r in results], UNIT_CARBON, DECIMALS["carbon"]),
        water=_total([r.water for r in results], UNIT_WATER, DECIMALS["water"]),
        energy=Figure(0.0, UNIT_ENERGY, None),
        cost=_total([r.cost for r in results], UNIT_COST, DECIMALS["cost"]),
        missing_data=tuple(missing),
        energy_available=False,
    )
