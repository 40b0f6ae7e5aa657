"""Supermarket product names -> the ingredient master.

The recipe-food matcher finds the food (the careful one: the name's head word must be the food,
so "Refresco de naranja" is not an orange). The PROFECO price map (reference.price_map) is keyed
by PROFECO's product names, which supermarket titles do not use, but its `exclude` words say
which presentations are another food under the same name (flavoured milk, tuna with soy, garlic
powder, toasted bread, imitation cheese): a product matched to an ingredient whose rules
exclude a word of its name stays unmapped, as it does for PROFECO's prices. An unmapped
product keeps its offer (ingredient_id None)."""

from __future__ import annotations

from zerowaste.application.ports.recipe_lines import IngredientMatcher
from zerowaste.domain.shared.text import strip_accents
from zerowaste.infrastructure.reference.price_map import rules_by_product

MAX_REMEMBERED = 10_000


def excluded_words() -> dict[str, tuple[str, ...]]:
    """For each ingredient, the words of the price map's rules that exclude a presentation."""
    found: dict[str, list[str]] = {}
    for rules in rules_by_product().values():
        for rule in rules:
            if rule.ingredient_id and rule.exclude:
                found.setdefault(rule.ingredient_id, []).extend(
                    strip_accents(w) for w in rule.exclude
                )
    return {key: tuple(dict.fromkeys(words)) for key, words in found.items()}


class MasterProductMapper:
    """Implements application.scraping.ports.ProductMapper."""

    def __init__(self, matcher: IngredientMatcher) -> None:
        self._matcher = matcher
        self._excluded = excluded_words()
        self._seen: dict[str, str | None] = {}

    def ingredient_of(self, product_name: str) -> str | None:
        key = " ".join(product_name.casefold().split())[:300]
        if key not in self._seen:
            if len(self._seen) > MAX_REMEMBERED:
                self._seen.clear()
            self._seen[key] = self._map(key)
        return self._seen[key]

    def _map(self, name: str) -> str | None:
        found = self._matcher.resolve(name, "es") if name else None
        if found is None:
            return None
        folded = strip_accents(name)
        if any(word in folded for word in self._excluded.get(found.ingredient_id, ())):
            return None
        return found.ingredient_id
