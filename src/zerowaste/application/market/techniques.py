"""`GET /api/culinary/techniques`: FoodKeeper's cooking methods and safe temperatures and the
project's techniques (es/en), filtered by an ingredient of the master, a method and a level
(`domain.market.techniques`)."""

from __future__ import annotations

from dataclasses import dataclass

from zerowaste.application.market.ports import CulinaryData
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.market.techniques import METHODS, Technique, matching
from zerowaste.domain.recipes.recipe import normalize_difficulty
from zerowaste.domain.reference import IngredientMatch
from zerowaste.domain.search.ranking import Page, page_of
from zerowaste.domain.shared.errors import InvalidInput

FOODKEEPER_ATTRIBUTION = (
    "Cooking guidance: USDA FSIS FoodKeeper (public domain), with Cornell University and the "
    "Food Marketing Institute."
)


@dataclass(frozen=True)
class TechniqueReport:
    ingredient: IngredientMatch | None  # what `ingredient` matched on the master (may be fuzzy)
    page: Page[Technique]


class Techniques:
    def __init__(self, culinary: CulinaryData, catalog: ReferenceCatalog) -> None:
        self._culinary = culinary
        self._catalog = catalog

    def find(
        self,
        ingredient: str | None,
        method: str | None,
        difficulty: str | None,
        page: int = 1,
        per_page: int = 20,
    ) -> TechniqueReport:
        if method is not None and method not in METHODS:
            raise InvalidInput(
                f"Unknown cooking method: {method}",
                code="unknown_cooking_method",
                details={"allowed": list(METHODS)},
            )
        found = self._catalog.match(ingredient) if ingredient else None
        if ingredient and found is None:
            raise InvalidInput(
                f"Unknown ingredient: {ingredient}",
                code="unknown_ingredient",
                details={"name": ingredient},
            )
        level = normalize_difficulty(difficulty) if difficulty else None
        ingredient_id = found.ingredient_id if found else None
        chosen = matching(self._culinary.techniques(), ingredient_id, method, level)
        return TechniqueReport(found, page_of(chosen, page, per_page))
