"""Port: the reference catalog (ingredient master, shelf life, allergens, footprint).

The adapter (`zerowaste.infrastructure.reference.catalog.DataPackCatalog`) is loaded once per
process from the imported data pack; every method is a pure in-memory lookup.
"""

from __future__ import annotations

from typing import Protocol

from zerowaste.domain.reference import Footprint, IngredientMatch, ShelfLife, UnitStorageHint
from zerowaste.domain.shared.storage import StoragePlace


class ReferenceCatalog(Protocol):
    def match(self, name: str) -> IngredientMatch | None:
        """The ingredient-master entry for a Spanish or English name (fuzzy), or None."""
        ...

    def shelf_life(self, name: str) -> ShelfLife | None:
        """FoodKeeper storage times (days per place) for a name, or None when unknown."""
        ...

    def storage_tips(self, name: str, place: StoragePlace) -> str | None:
        """FoodKeeper's storage advice for `place` (English), or None."""
        ...

    def allergens_for(self, name: str) -> list[str]:
        """EU-14 codes the named food contains (sorted); [] when none are known."""
        ...

    def allergen_codes_for_terms(self, terms: list[str]) -> set[str]:
        """EU-14 codes for a user's free-text allergies ("lácteos", "maní", "mariscos"...)."""
        ...

    def footprint(self, name: str) -> Footprint | None:
        """Poore & Nemecek footprint per kg for the name's nearest product, or None."""
        ...

    def default_unit_and_storage(self, name: str) -> UnitStorageHint | None:
        """A default unit and storage place for a new item of this name, or None."""
        ...
