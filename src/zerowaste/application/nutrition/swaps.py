"""Healthier or allergy-safe swaps for ingredient lines, with the SR28 nutrient delta.

The rules (which substitution applies, how the delta is taken, what a goal or an allergy keeps)
are in domain.nutrition.swaps; this use case finds each line's food and grams, looks the
substitute up the same way, and asks the reference catalog which EU-14 codes the allergy terms
name (an unknown term is a 400, never silently ignored).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from zerowaste.application.nutrition.calculator import (
    NutritionCalculator,
    NutritionLine,
    name_parts,
)
from zerowaste.application.nutrition.ports import NutritionData
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.nutrition.calculation import LineNutrition, MatchedFood, check_size
from zerowaste.domain.nutrition.nutrients import Nutrients, difference, scale
from zerowaste.domain.nutrition.swaps import GOALS, Substitution, applying, gain, safe_for
from zerowaste.domain.shared.errors import InvalidInput

DEFAULT_GRAMS = Decimal(100)


@dataclass(frozen=True)
class Swap:
    line: str
    substitution: Substitution
    original: MatchedFood | None
    replacement: MatchedFood | None
    grams: Decimal  # the edible grams both sides are compared at
    delta: Nutrients | None  # substitute - original; None when either has no SR28 food


@dataclass(frozen=True)
class SwapAdvice:
    goal: str | None
    allergens: list[str]
    swaps: list[Swap]


class SwapAdvisor:
    def __init__(
        self, calculator: NutritionCalculator, data: NutritionData, reference: ReferenceCatalog
    ) -> None:
        self._calculator = calculator
        self._data = data
        self._reference = reference

    def suggest(
        self, lines: Sequence[NutritionLine], goal: str | None, allergies: Sequence[str]
    ) -> SwapAdvice:
        check_size(len(lines), None)
        if goal is not None and goal not in GOALS:
            raise InvalidInput(
                "Unknown goal", code="invalid_goal", details={"allowed": list(GOALS)}
            )
        codes = self._allergens(allergies)
        swaps = [swap for line in lines for swap in self._for_line(line)]
        if codes:
            swaps = [s for s in swaps if safe_for(s.substitution, codes)]
        if goal is not None:
            gains = [(gain(s.delta, goal), s) for s in swaps]
            better = [(g, s) for g, s in gains if g is not None and g > 0]
            swaps = [s for _, s in sorted(better, key=lambda pair: -pair[0])]
        return SwapAdvice(goal, sorted(codes), swaps)

    def _allergens(self, allergies: Sequence[str]) -> set[str]:
        codes: set[str] = set()
        for term in allergies:
            found = self._reference.allergen_codes_for_terms([term])
            if not found:
                raise InvalidInput(
                    f"Unknown allergy: {term}", code="unknown_allergy", details={"term": term}
                )
            codes |= found
        return codes

    def _for_line(self, line: NutritionLine) -> list[Swap]:
        outcome = self._calculator.line(line)
        original = outcome.matched if isinstance(outcome, LineNutrition) else None
        original = original or self._calculator.match(line.name, line.ingredient_id)
        grams = outcome.weight.edible_grams if isinstance(outcome, LineNutrition) else None
        names = {line.name}
        found = self._reference.match(line.name)
        if found is not None and found.exact:
            names |= {found.name_en, found.name_es}
        return [
            self._swap(line.name, sub, original, grams or DEFAULT_GRAMS)
            for sub in applying(self._data.substitutions(), names)
        ]

    def _substitute(self, name: str) -> MatchedFood | None:
        """The substitute's food: SR28's own names, else an exact ingredient-master name (never
        a partial one: "flax egg" is no egg)."""
        parts = name_parts(name)
        ndb_no = self._data.names.best(parts.text, parts.preparation)
        if ndb_no is None:
            found = self._reference.match(parts.text)
            linked = self._data.linked(found.ingredient_id) if found and found.exact else None
            ndb_no = linked and (
                self._data.names.variant(linked, parts.preparation) if parts.preparation else linked
            )
        food = self._data.food(ndb_no) if ndb_no else None
        return (
            None
            if food is None or ndb_no is None
            else MatchedFood(food, self._data.measures(ndb_no), "sr28_name")
        )

    def _swap(
        self, name: str, sub: Substitution, original: MatchedFood | None, grams: Decimal
    ) -> Swap:
        food = sub.substitute_food
        replacement = self._substitute(food) if food else None
        delta = None
        if original is not None and replacement is not None:
            delta = difference(
                scale(replacement.food.per_100g, grams), scale(original.food.per_100g, grams)
            )
        return Swap(name, sub, original, replacement, grams, delta)
