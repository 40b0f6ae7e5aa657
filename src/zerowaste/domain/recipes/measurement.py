"""Amounts in the measurement system of the profile (metric | imperial), for display.

Only mass and volume convert (a count is a count): metric masses become ounces below a pound and
pounds above, volumes become tablespoons below 60 ml and cups above; imperial amounts become grams
or millilitres (kilograms and litres from 1,000 up). Rounded to what a cook measures: two decimals
for imperial units, whole grams and millilitres.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from zerowaste.domain.recipes.recipe import RecipeIngredient
from zerowaste.domain.shared import units
from zerowaste.domain.shared.errors import InvalidInput

IMPERIAL = "imperial"
_TWO = Decimal("0.01")
_ONE = Decimal(1)


def in_system(line: RecipeIngredient, system: str) -> RecipeIngredient:
    if line.quantity is None or not line.unit:
        return line
    try:
        code = units.normalize_unit(line.unit)
        dimension = units.dimension_of(code)
        grams_or_ml = units.convert(units.parse_quantity(line.quantity, code), _base(code)).amount
    except (InvalidInput, ArithmeticError, KeyError):
        return line
    if dimension not in (units.Dimension.MASS, units.Dimension.VOLUME):
        return line
    target = _target(dimension, grams_or_ml, imperial=system == IMPERIAL)
    if target == code:
        return line
    amount = units.convert(units.parse_quantity(grams_or_ml, _base(code)), target).amount
    step = _TWO if target in ("oz", "lb", "cup", "tbsp") else _ONE
    if target in ("kg", "l"):
        step = _TWO
    return replace(line, quantity=amount.quantize(step, rounding=ROUND_HALF_UP), unit=target)


def _base(code: str) -> str:
    return "g" if units.dimension_of(code) is units.Dimension.MASS else "ml"


def _target(dimension: units.Dimension, base_amount: Decimal, *, imperial: bool) -> str:
    if dimension is units.Dimension.MASS:
        if imperial:
            return "oz" if base_amount < Decimal("453.59237") else "lb"
        return "g" if base_amount < 1000 else "kg"
    if imperial:
        return "tbsp" if base_amount < 60 else "cup"
    return "ml" if base_amount < 1000 else "l"
