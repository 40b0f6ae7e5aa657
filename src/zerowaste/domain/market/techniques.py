"""Cooking techniques and tips: FoodKeeper's cooking methods and safe temperatures (USDA FSIS,
English) and the entries written for this project (data/techniques, es/en), linked to the
ingredient master.

- Methods are one vocabulary (`METHODS`); FoodKeeper's are mapped onto it ("Broil/Grill" is
  grill, "Cover with liquid; simmer" is simmer...).
- FoodKeeper gives no difficulty: its entries have none and are left out when a difficulty is
  asked for (a level is never invented).
- Temperatures are given in °C (FoodKeeper's °F converted, rounded to the degree) and weights in
  kg (its pounds converted, two decimals).
- Order: the project's entries before FoodKeeper's, then by English name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

METHODS = (
    "oven",
    "grill",
    "braise",
    "simmer",
    "pan_fry",
    "boil",
    "slow_cooker",
    "steam",
    "saute",
    "blanch",
    "pickle",
    "freeze",
    "blend",
    "raw",
)
FOODKEEPER_METHODS = {
    "Oven": "oven",
    "Broil/Grill": "grill",
    "Broil/Grill/Fry": "grill",
    "Braise": "braise",
    "Cover with liquid; simmer": "simmer",
    "Skillet": "pan_fry",
    "Boil": "boil",
    "Slow Cooker (Low)": "slow_cooker",
    "Slow Cooker (High)": "slow_cooker",
}
POUND_KG = Decimal("0.45359237")


@dataclass(frozen=True)
class Technique:
    id: str
    source: str  # zerowaste | foodkeeper
    method: str  # one of METHODS
    name_es: str
    name_en: str
    difficulty: str | None  # Fácil | Intermedio | Difícil; None for FoodKeeper
    ingredient_ids: tuple[str, ...]
    steps_es: tuple[str, ...] = ()
    steps_en: tuple[str, ...] = ()
    tips_es: str | None = None
    tips_en: str | None = None
    temperature_c: int | None = None  # cooking (oven) temperature
    safe_min_temperature_c: int | None = None  # internal, FoodKeeper
    rest_minutes: int | None = None
    minutes_from: Decimal | None = None
    minutes_to: Decimal | None = None
    minutes_per: str | None = None  # "kg" when the time is per kg
    weight_kg_from: Decimal | None = None
    weight_kg_to: Decimal | None = None


def celsius(fahrenheit: float) -> int:
    return int(((Decimal(str(fahrenheit)) - 32) * 5 / 9).quantize(Decimal(1), ROUND_HALF_UP))


def kilograms(pounds: float) -> Decimal:
    return (Decimal(str(pounds)) * POUND_KG).quantize(Decimal("0.01"), ROUND_HALF_UP)


def minutes(amount: float, metric: str | None) -> Decimal:
    """A FoodKeeper time in minutes (hours x 60)."""
    value = Decimal(str(amount))
    return value * 60 if (metric or "").casefold().startswith("hour") else value


def matching(
    techniques: Iterable[Technique],
    ingredient_id: str | None,
    method: str | None,
    difficulty: str | None,
) -> list[Technique]:
    found = [
        t
        for t in techniques
        if (ingredient_id is None or ingredient_id in t.ingredient_ids)
        and (method is None or t.method == method)
        and (difficulty is None or t.difficulty == difficulty)
    ]
    return sorted(found, key=lambda t: (t.source != "zerowaste", t.name_en.casefold(), t.id))
