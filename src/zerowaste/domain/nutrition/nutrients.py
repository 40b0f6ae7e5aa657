"""SR28 foods and their nutrients per 100 g of edible portion.

An empty SR28 cell means "not analysed", never zero: it is None here and stays None through
every sum (`scale`, `add`), so a total never hides a nutrient SR28 did not measure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

# Column names of foods_per_100g.csv, in its order; the suffix is the unit.
NUTRIENTS: tuple[str, ...] = (
    *("water_g", "energy_kcal", "protein_g", "fat_g", "carbs_g", "fiber_g", "sugars_g"),
    *("sat_fat_g", "mono_fat_g", "poly_fat_g", "cholesterol_mg", "sodium_mg", "potassium_mg"),
    *("calcium_mg", "iron_mg", "magnesium_mg", "phosphorus_mg", "zinc_mg", "selenium_ug"),
    *("vit_c_mg", "thiamin_mg", "riboflavin_mg", "niacin_mg", "vit_b6_mg", "folate_dfe_ug"),
    *("vit_b12_ug", "vit_a_rae_ug", "vit_d_ug", "vit_e_mg", "vit_k_ug"),
)
SOURCE_CITATION = (
    "U.S. Department of Agriculture, Agricultural Research Service. USDA National Nutrient "
    "Database for Standard Reference, Release 28 (slightly revised), 2016. Public domain."
)
DIGITS = 3

Nutrients = dict[str, float | None]


@dataclass(frozen=True)
class Food:
    """One SR28 food: nutrients per 100 g of the edible portion, and its refuse.

    `refuse_pct` is the inedible share (bones, peel, shell, stems) of the as-purchased weight.
    """

    ndb_no: str
    name: str
    food_group: str
    refuse_pct: float
    per_100g: Mapping[str, float | None]
    common_name: str = ""


def scale(per_100g: Mapping[str, float | None], grams: Decimal | float) -> Nutrients:
    """Nutrients of `grams` of edible food: per-100 g value x grams / 100 (None stays None)."""
    factor = float(grams) / 100
    return {
        key: None if per_100g.get(key) is None else round(_f(per_100g[key]) * factor, DIGITS)
        for key in NUTRIENTS
    }


def add(parts: Iterable[Mapping[str, float | None]]) -> tuple[Nutrients, dict[str, int]]:
    """Sum of the known values per nutrient and, per nutrient, how many parts lacked it.

    A nutrient no part knows is None; one that some parts lack is the sum of the others (the
    caller reports those parts: the total is then a lower bound)."""
    totals: dict[str, float | None] = dict.fromkeys(NUTRIENTS)
    lacking = dict.fromkeys(NUTRIENTS, 0)
    for part in parts:
        for key in NUTRIENTS:
            value = part.get(key)
            if value is None:
                lacking[key] += 1
            else:
                totals[key] = (totals[key] or 0.0) + value
    rounded = {k: None if v is None else round(v, DIGITS) for k, v in totals.items()}
    return rounded, {k: n for k, n in lacking.items() if n}


def divide(totals: Mapping[str, float | None], by: Decimal | int) -> Nutrients:
    """Totals per serving (None stays None)."""
    return {
        key: None if totals.get(key) is None else round(_f(totals[key]) / float(by), DIGITS)
        for key in NUTRIENTS
    }


def difference(new: Mapping[str, float | None], old: Mapping[str, float | None]) -> Nutrients:
    """new - old per nutrient; None when either side is unknown."""
    return {
        key: None
        if new.get(key) is None or old.get(key) is None
        else round(_f(new[key]) - _f(old[key]), DIGITS)
        for key in NUTRIENTS
    }


def _f(value: float | None) -> float:
    return 0.0 if value is None else value
