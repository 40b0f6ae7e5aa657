"""Which substitutes fit the caller, and which first (rules over `domain.nutrition.swaps`'
Substitution rows of data/ingredient_substitutions).

- A substitute is made of **parts** ("milk + lemon juice or white vinegar" is two parts, the
  second with two alternatives); a note in parentheses or after a comma is not a part.
- A part is **at hand** when one of its alternatives is a food the caller has (their
  household's stock, not expired, or a name they listed), compared by master key. An
  alternative names its food once the words that only say how it is prepared are dropped
  ("melted butter" is butter, "lemon juice" is lemon, "a pinch of sugar" is sugar), and the
  caller's code must match that name exactly: "flax egg" or "plant-based butter" is not egg or
  butter, so having eggs never makes the egg substitute "at hand".
- `dietary_restrictions` keep the rules whose `diet_tags` (what the swap makes the dish) hold
  every restriction asked.
- Allergens: what the original holds (the master's EU-14 codes of its name, plus what the rule
  says it removes) against what the substitute holds (the rule's list plus the master's codes
  of a part with one alternative): `removes` = original - substitute, `adds` = substitute -
  original.
- Order: every part at hand first, then the most parts at hand, then the most diet tags, then
  the data's order (rule id).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from zerowaste.domain.nutrition.swaps import Substitution

DIET_TAGS = (
    "vegan",
    "dairy_free",
    "egg_free",
    "gluten_free",
    "nut_free",
    "peanut_free",
    "soy_free",
    "sesame_free",
    "fish_free",
)
PREPARATION = frozenset(
    {
        "a", "little", "pinch", "of", "melted", "mashed", "cooked", "stale", "neutral", "plain",
        "unsweetened", "toasted", "finely", "chopped", "grated", "fresh", "whole", "white",
        "granulated", "ground",
    }
)  # fmt: skip
_NOTE = re.compile(r"\([^)]*\)")
_OR = re.compile(r"\s+or\s+|\s*/\s*")


@dataclass(frozen=True)
class Candidate:
    substitution: Substitution
    parts: tuple[tuple[str, ...], ...]  # each part's alternatives (English names)
    at_hand: tuple[str, ...]  # the alternatives the caller has, one per part at hand
    removes: tuple[str, ...]
    adds: tuple[str, ...]

    @property
    def in_stock(self) -> bool:
        return len(self.at_hand) == len(self.parts)


def parts_of(substitute_en: str) -> tuple[tuple[str, ...], ...]:
    """The substitute's parts, each a tuple of alternatives (notes dropped)."""
    found = []
    for raw in _NOTE.sub(" ", substitute_en).split("+"):
        names = tuple(
            " ".join(alt.split(",")[0].split())
            for alt in _OR.split(raw)
            if alt.split(",")[0].strip()
        )
        if names:
            found.append(names)
    return tuple(found)


def food_name(alternative: str) -> str:
    """The food an alternative names: leading preparation words and a final "juice" dropped."""
    words = alternative.casefold().split()
    while len(words) > 1 and words[0] in PREPARATION:
        words = words[1:]
    if len(words) > 1 and words[-1] == "juice":
        words = words[:-1]
    return " ".join(words)


def fits(sub: Substitution, restrictions: Collection[str]) -> bool:
    return set(restrictions) <= set(sub.diet_tags)


def candidate(
    sub: Substitution,
    have: Collection[str],
    key: Callable[[str], str],
    original_allergens: Collection[str],
    allergens: Callable[[str], Collection[str]],
) -> Candidate:
    """`have`: master keys of what the caller has; `key`: the master key of a food name (exact
    names only); `allergens`: the master's EU-14 codes of a name (exact names only)."""
    parts = parts_of(sub.substitute_en)
    at_hand = []
    for alternatives in parts:
        hit = next((alt for alt in alternatives if key(food_name(alt)) in have), None)
        if hit is not None:
            at_hand.append(hit)
    before = set(original_allergens) | set(sub.removes_allergens)
    after = set(sub.substitute_contains_allergens)
    for alternatives in parts:
        if len(alternatives) == 1:
            after |= set(allergens(food_name(alternatives[0])))
    return Candidate(
        sub, parts, tuple(at_hand), tuple(sorted(before - after)), tuple(sorted(after - before))
    )


def ranked(candidates: Sequence[Candidate]) -> list[Candidate]:
    return sorted(
        candidates,
        key=lambda c: (
            not c.in_stock,
            -len(c.at_hand),
            -len(c.substitution.diet_tags),
            c.substitution.id,
        ),
    )
