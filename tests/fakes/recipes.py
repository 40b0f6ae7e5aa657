"""Recipe-line ports for tests: a matcher and measures that know only what a test gives them,
and record what they were asked."""

from __future__ import annotations

from dataclasses import dataclass, field

from zerowaste.domain.recipes.conversion import FoodMeasures
from zerowaste.domain.reference import IngredientMatch


def entry(ingredient_id: str, name_es: str = "", name_en: str = "") -> IngredientMatch:
    return IngredientMatch(
        ingredient_id=ingredient_id,
        name_es=name_es or ingredient_id,
        name_en=name_en or ingredient_id,
        category="other",
        score=100,
        matched_on="name_es",
    )


@dataclass
class FakeMatcher:
    """Exact names only (casefolded), per language or for both ("*")."""

    names: dict[tuple[str, str], str] = field(default_factory=dict)
    asked: list[tuple[str, str]] = field(default_factory=list)

    def knows(self, name: str, ingredient_id: str, lang: str = "*") -> FakeMatcher:
        self.names[(lang, name.casefold())] = ingredient_id
        return self

    def resolve(self, name: str, lang: str) -> IngredientMatch | None:
        self.asked.append((name, lang))
        key = name.casefold()
        found = self.names.get((lang, key)) or self.names.get(("*", key))
        return entry(found) if found else None


@dataclass
class FakeMeasures:
    table: dict[str, FoodMeasures] = field(default_factory=dict)

    def add(self, measures: FoodMeasures) -> FakeMeasures:
        self.table[measures.ingredient_id] = measures
        return self

    def measures(self, ingredient_id: str) -> FoodMeasures | None:
        return self.table.get(ingredient_id)
