"""Supermarket product names -> the ingredient master, with the recipe-food matcher (the careful
one: the name's head word must be the food, so "Refresco de naranja" is not an orange). The
PROFECO price map (reference.price_map) is keyed by PROFECO's product names, which supermarket
titles do not use, so its rules cannot apply here; a product the matcher is unsure of stays
unmapped and keeps its offer (ingredient_id None)."""

from __future__ import annotations

from zerowaste.application.ports.recipe_lines import IngredientMatcher


class MasterProductMapper:
    """Implements application.scraping.ports.ProductMapper."""

    def __init__(self, matcher: IngredientMatcher) -> None:
        self._matcher = matcher
        self._seen: dict[str, str | None] = {}

    def ingredient_of(self, product_name: str) -> str | None:
        key = " ".join(product_name.casefold().split())[:300]
        if key not in self._seen:
            found = self._matcher.resolve(key, "es") if key else None
            if len(self._seen) > 10_000:
                self._seen.clear()
            self._seen[key] = found.ingredient_id if found else None
        return self._seen[key]
