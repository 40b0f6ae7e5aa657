"""Reference-data value types: what the ingredient master, footprint and hints say about a name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from zerowaste.domain.shared.storage import StoragePlace

MatchedOn = Literal["name_es", "name_en", "synonym", "alias", "fuzzy"]


@dataclass(frozen=True)
class IngredientMatch:
    """The ingredient-master entry a free-text name resolved to.

    `score` is 100 for an exact (normalised) name, synonym or alias; a fuzzy match carries the
    similarity (85-99). `allergens` are EU-14 codes always present in the plain ingredient,
    `may_contain` those that depend on brand or recipe.
    """

    ingredient_id: str
    name_es: str
    name_en: str
    category: str
    score: int
    matched_on: MatchedOn
    allergens: tuple[str, ...] = ()
    may_contain: tuple[str, ...] = ()

    @property
    def exact(self) -> bool:
        return self.score >= 100


@dataclass(frozen=True)
class Footprint:
    """Environmental footprint per kg (or litre) of a food product, with its required citation."""

    product: str
    product_es: str
    category: str
    ghg_kg_co2e_per_kg: float
    land_use_m2_per_kg: float
    freshwater_l_per_kg: float
    scarcity_weighted_water_l_per_kg: float | None
    attribution: str


@dataclass(frozen=True)
class UnitStorageHint:
    """A sensible default unit code (`g`, `ml`, `unit`) and storage place for a new item."""

    unit: str
    storage: StoragePlace


@dataclass(frozen=True)
class ShelfLife:
    """Reference storage times in days per place, each a (min, max) range or None if unknown."""

    pantry_days: tuple[int, int] | None = None
    fridge_days: tuple[int, int] | None = None
    freezer_days: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        for days in (self.pantry_days, self.fridge_days, self.freezer_days):
            if days is not None and not 0 <= days[0] <= days[1]:
                raise ValueError(f"Shelf-life ranges need 0 <= min <= max, got {days}")

    def days_for(self, place: StoragePlace) -> int | None:
        """The conservative (minimum) figure for one place, or None when there is none."""
        days = {
            StoragePlace.PANTRY: self.pantry_days,
            StoragePlace.FRIDGE: self.fridge_days,
            StoragePlace.FREEZER: self.freezer_days,
        }[place]
        return None if days is None else days[0]
