"""Swaps from the substitutions data (CC0, hand-assembled) judged by SR28 nutrients.

Rules:
- A substitution applies to a line when its ingredient (English or Spanish, notes in
  parentheses dropped: "egg (binding)" is "egg") equals one of the line's names (as typed, or
  the ingredient master's English and Spanish names), accents and case folded, singular.
- The substitute's SR28 food is looked up only when it names one food: "X + Y" mixes have no
  single food (no delta), "X or Y" is read as X, and a note after a comma is dropped ("piloncillo,
  grated" is piloncillo).
- The delta compares the same edible grams of the substitute and of the original (the line's
  grams, else 100 g): the substitutions' ratios are free text, so a 1:1 swap by weight is the
  stated basis, returned with the figure.
- A goal keeps the swaps whose delta moves its nutrient the right way (less energy, fat, sodium
  or sugars; more protein), best first; a swap without a delta cannot show that and is left out.
- Allergies (EU-14 codes) keep the swaps that remove one of them and add none of them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from zerowaste.domain.nutrition.nutrients import Nutrients
from zerowaste.domain.recipes.portions import singular
from zerowaste.domain.shared.text import folded

GOALS: dict[str, tuple[str, int]] = {  # goal -> (nutrient, direction: -1 lower, +1 higher)
    "lower_calories": ("energy_kcal", -1),
    "lower_fat": ("fat_g", -1),
    "lower_sodium": ("sodium_mg", -1),
    "lower_sugar": ("sugars_g", -1),
    "higher_protein": ("protein_g", 1),
}
_NOTE = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class Substitution:
    id: int
    ingredient_en: str
    ingredient_es: str
    substitute_en: str
    substitute_es: str
    ratio: str
    contexts: tuple[str, ...] = ()
    diet_tags: tuple[str, ...] = ()
    removes_allergens: tuple[str, ...] = ()
    substitute_contains_allergens: tuple[str, ...] = ()
    note: str | None = None

    @property
    def names(self) -> frozenset[str]:
        """The ingredient's names, folded: "suero de leche (buttermilk)" -> both."""
        found = {name_form(_NOTE.sub(" ", n)) for n in (self.ingredient_en, self.ingredient_es)}
        found |= {name_form(n) for n in _NOTE.findall(self.ingredient_es + self.ingredient_en)}
        return frozenset(n for n in found if n)

    @property
    def substitute_food(self) -> str | None:
        """The one food the substitute names (English), or None for a mix."""
        if "+" in self.substitute_en:
            return None
        first = re.split(r"\bor\b", _NOTE.sub(" ", self.substitute_en))[0]
        return first.split(",")[0].strip() or None


def name_form(text: str) -> str:
    """Folded, singular, single-spaced: how names are compared here."""
    return " ".join(singular(w) for w in folded(text.strip("() ")).split())


def applying(subs: Iterable[Substitution], names: Collection[str]) -> list[Substitution]:
    """The substitutions whose ingredient is one of `names` (any spelling)."""
    wanted = {name_form(n) for n in names if n}
    return [s for s in subs if s.names & wanted]


def safe_for(sub: Substitution, allergens: Collection[str]) -> bool:
    """The swap removes one of `allergens` and brings none of them."""
    codes = set(allergens)
    return bool(codes & set(sub.removes_allergens)) and not codes & set(
        sub.substitute_contains_allergens
    )


def gain(delta: Nutrients | None, goal: str) -> float | None:
    """How far the swap moves the goal's nutrient the right way (> 0 is better), or None."""
    nutrient, direction = GOALS[goal]
    value = None if delta is None else delta.get(nutrient)
    return None if value is None else value * direction
