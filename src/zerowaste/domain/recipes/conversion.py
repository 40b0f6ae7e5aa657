"""Count <-> mass <-> volume for one food, from its household measures (USDA SR28 portions).

`to_quantity(Decimal(1), "cup", "g", rice)` -> 185 (SR28: 1 cup of raw long-grain rice). Rules:
- Units of one group convert exactly, food or not (domain.shared.units: kg -> g, cup -> ml).
- Otherwise the amount goes through grams: a mass directly; a unit the food has a portion for
  with that portion ("2 tbsp butter" = 2 x 14.2 g); another volume through the food's density,
  taken from its first volume portion (grams / the measure's US customary ml); a count through
  its piece portion ("1 onion" = 1 medium, 110 g, unless the line says small or large).
- A liquid (milk, oil, broth, beverages) without any volume portion weighs 1 g/ml, like water.
  Nothing else is guessed: a food without the portion or density needed gives None.
- A `unit` of a food counted in heads (lettuce, cabbage) is a head; a dozen is 12 units.
- SR28's cup is 236.59 ml, the inventory's 240 ml (domain.shared.units, label cups): a cup of a
  food with a cup portion weighs that portion, while 240 ml of it weigh 1.4 % more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from zerowaste.domain.recipes.lines import ParsedLine
from zerowaste.domain.recipes.portions import VOLUME_ML, Portion
from zerowaste.domain.shared.units import (
    Dimension,
    Quantity,
    are_convertible,
    convert,
    dimension_of,
    normalize_measure,
    unit_factor,
)

WATER_GRAMS_PER_ML = Decimal(1)
_SIZE_ORDER = ("medium", None)


@dataclass(frozen=True)
class FoodMeasures:
    """What converts one food between units: its SR28 portions, in SR28's order."""

    ingredient_id: str
    portions: tuple[Portion, ...] = ()
    liquid: bool = False
    source: str | None = None  # "USDA SR28 20444: Rice, white, long-grain, regular, raw"

    def portion(self, unit: str, size: str | None = None) -> Portion | None:
        """The portion for one `unit` of the food (size-aware for pieces), or None."""
        found = _pick([p for p in self.portions if p.unit == unit], size)
        if found is None and unit == "unit":
            return _pick([p for p in self.portions if p.unit == "head"], size)
        return found

    @property
    def grams_per_ml(self) -> Decimal | None:
        """Density from the first volume portion; 1 for a liquid without one; else None."""
        for unit in VOLUME_ML:
            found = self.portion(unit)
            if found is not None:
                return found.grams / VOLUME_ML[unit]
        return WATER_GRAMS_PER_ML if self.liquid else None

    def grams(self, amount: Decimal, unit: str, size: str | None = None) -> Decimal | None:
        """`amount` of `unit` in grams, or None when the measures do not say."""
        code = normalize_measure(unit)
        dimension = dimension_of(code)
        if dimension is Dimension.MASS:
            return amount * unit_factor(code)
        found = self.portion(code, size)
        if found is not None:
            return amount * found.grams
        if dimension is Dimension.VOLUME:
            density = self.grams_per_ml
            return None if density is None else amount * unit_factor(code) * density
        if code == "dozen":
            return self.grams(amount * 12, "unit", size)
        return None

    def amount_in(self, grams: Decimal, unit: str, size: str | None = None) -> Decimal | None:
        """`grams` of the food expressed in `unit`, or None when the measures do not say."""
        one = self.grams(Decimal(1), unit, size)
        return None if one is None or one <= 0 else grams / one


def _pick(candidates: Sequence[Portion], size: str | None) -> Portion | None:
    """The stated size first, then a measure naming the ingredient itself, then a medium, an
    unsized, then the first one (SR28's order); a cup of something mashed or whipped only
    when nothing else is there."""
    plain = [p for p in candidates if not p.derived] or list(candidates)

    def rank(portion: Portion) -> tuple[bool, bool, int]:
        unstated = size is None or portion.size != size
        order = _SIZE_ORDER.index(portion.size) if portion.size in _SIZE_ORDER else 2
        return unstated, not portion.named, order

    return min(plain, key=rank) if plain else None


def to_quantity(
    amount: Decimal,
    from_unit: str,
    to_unit: str,
    food: FoodMeasures | None = None,
    size: str | None = None,
) -> Decimal | None:
    """`amount` of `from_unit` in `to_unit` (canonical codes or spellings units.py knows), or
    None when the two measure different things and `food`'s measures cannot bridge them.

    `size` (small, medium, large) picks the piece weight when counting pieces."""
    if are_convertible(from_unit, to_unit):
        return convert(Quantity(amount, normalize_measure(from_unit)), to_unit).amount
    if food is None:
        return None
    grams = food.grams(amount, from_unit, size)
    return None if grams is None else food.amount_in(grams, to_unit, size)


def line_grams(line: ParsedLine, food: FoodMeasures | None) -> Decimal | None:
    """The line's amount in grams: its own measure, else the other one it states ("1 lata
    (400 g)": the can has no SR28 weight for tomatoes, the 400 g do)."""
    measures = [(line.quantity, line.unit)]
    if line.alternative is not None:
        measures.append((line.alternative.amount, line.alternative.unit))
    for amount, unit in measures:
        if amount is None or unit is None:
            continue
        grams = to_quantity(amount, unit, "g", food, line.size)
        if grams is not None:
            return grams
    return None
