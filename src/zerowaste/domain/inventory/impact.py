"""What eating food instead of throwing it away saves: CO2e and water, from per-kg footprints.

Footprints (Poore & Nemecek 2018) are per kg; a litre is taken as a kilogram (water-like foods).
Counted units (pieces, packs, servings) have no weight to apply them to: no figure, not a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from zerowaste.domain.inventory.items import JournalEntry
from zerowaste.domain.reference import Footprint
from zerowaste.domain.shared import units

_PER_KG_UNIT = {units.Dimension.MASS: "kg", units.Dimension.VOLUME: "l"}


@dataclass(frozen=True)
class Impact:
    co2_saved_kg: float
    water_saved_l: float
    source: str


def kilograms_of(amount: Decimal, unit: str) -> Decimal | None:
    """kg of a mass or volume amount (a litre counts as a kilogram); None for counted units."""
    target = _PER_KG_UNIT.get(units.dimension_of(unit))
    if target is None:
        return None
    return units.convert(units.Quantity(amount, units.normalize_unit(unit)), target).amount


def kilograms(entries: list[JournalEntry]) -> Decimal | None:
    """The weight the entries moved, or None when any of them is in a counted unit."""
    total = Decimal(0)
    for entry in entries:
        kg = kilograms_of(entry.quantity, entry.unit)
        if kg is None:
            return None
        total += kg
    return total


def impact_of(kg: Decimal, footprint: Footprint) -> Impact:
    """CO2e (kg, 3 decimals) and water (l, 1 decimal) of `kg` of the footprint's food."""
    return Impact(
        co2_saved_kg=round(float(kg) * footprint.ghg_kg_co2e_per_kg, 3),
        water_saved_l=round(float(kg) * footprint.freshwater_l_per_kg, 1),
        source=footprint.attribution,
    )


def saved_by_eating(entries: list[JournalEntry], footprint: Footprint | None) -> Impact | None:
    """CO2e (kg, 3 decimals) and water (l, 1 decimal) not wasted; None when unknown."""
    if footprint is None:
        return None
    kg = kilograms(entries)
    return None if kg is None else impact_of(kg, footprint)
