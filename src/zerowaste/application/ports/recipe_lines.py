"""Ports for reading recipe ingredient lines: a parser per language, the ingredient master's
guarded name matching, and the household measures (USDA SR28) that convert a food's units.

Adapters: `infrastructure.recipes.parsing.RecipeLineParser` (ingredient-parser-nlp for English,
the domain's rules for Spanish and as fallback), `infrastructure.reference.recipe_foods.
RecipeFoodMatcher`, `infrastructure.reference.portions.Sr28Measures`.
"""

from __future__ import annotations

from typing import Protocol

from zerowaste.domain.recipes.conversion import FoodMeasures
from zerowaste.domain.recipes.lines import ParsedLine
from zerowaste.domain.reference import IngredientMatch


class LineParser(Protocol):
    def parse(self, text: str, lang: str) -> ParsedLine:
        """One ingredient line ("2 tazas de arroz") read in its recipe's language (es/en)."""
        ...


class IngredientMatcher(Protocol):
    def resolve(self, name: str, lang: str) -> IngredientMatch | None:
        """The master entry a recipe's food name means (in the recipe's language, es/en), or
        None when no entry is a safe reading."""
        ...


class FoodMeasuresSource(Protocol):
    def measures(self, ingredient_id: str) -> FoodMeasures | None:
        """Household measures of a master ingredient, or None for an unknown id."""
        ...
