"""Near-duplicate recipes (pure): what drops with a recipe the user disliked.

Two recipes are near-duplicates when either
- their title stems are equal: the folded title's words minus connectives ("de", "con", "the"),
  numbers and a final plural "s", as a set ("Tacos de pollo" ~ "Taco con pollo"), or
- they share at least `SHARED_INGREDIENTS` (60 %) of their ingredients: |A ∩ B| / min(|A|, |B|)
  over the foods' keys, counted only when both have at least `MIN_FOODS` (3) foods (two recipes
  of salt and oil are not the same dish).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from zerowaste.domain.shared.text import folded

SHARED_INGREDIENTS = 0.6
MIN_FOODS = 3
_CONNECTIVES = frozenset(
    {"de", "del", "la", "las", "el", "los", "con", "y", "en", "a", "al", "para", "sin", "o"}
    | {"un", "una", "estilo", "the", "with", "and", "of", "in", "an", "for", "on", "style"}
)


@lru_cache(maxsize=20_000)  # catalog titles repeat on every request
def title_stem(title: str) -> frozenset[str]:
    words = folded(title).replace(",", " ").replace("-", " ").split()
    stem = set()
    for word in words:
        if word in _CONNECTIVES or word.isdigit():
            continue
        stem.add(word[:-1] if len(word) > 3 and word.endswith("s") else word)
    return frozenset(stem)


def near_duplicates(
    title_a: str, foods_a: frozenset[str], title_b: str, foods_b: frozenset[str]
) -> bool:
    stem_a = title_stem(title_a)
    if stem_a and stem_a == title_stem(title_b):
        return True
    if len(foods_a) < MIN_FOODS or len(foods_b) < MIN_FOODS:
        return False
    shared = len(foods_a & foods_b) / min(len(foods_a), len(foods_b))
    return shared >= SHARED_INGREDIENTS


class Likeness:
    """Recipes kept so far, indexed so that "is this one a near-duplicate of any of them" costs
    the lists of its foods instead of one comparison per recipe kept: the same answer as
    `near_duplicates` against each, for pickers that skip a long run of copies."""

    def __init__(self) -> None:
        self._stems: set[frozenset[str]] = set()
        self._sizes: list[int] = []
        self._by_food: dict[str, list[int]] = defaultdict(list)

    def add(self, title: str, foods: frozenset[str]) -> None:
        stem = title_stem(title)
        if stem:
            self._stems.add(stem)
        if len(foods) >= MIN_FOODS:
            for food in foods:
                self._by_food[food].append(len(self._sizes))
        self._sizes.append(len(foods))

    def like_any(self, title: str, foods: frozenset[str]) -> bool:
        stem = title_stem(title)
        if stem and stem in self._stems:
            return True
        if len(foods) < MIN_FOODS:
            return False
        shared = Counter(kept for food in foods for kept in self._by_food.get(food, ()))
        return any(
            n / min(len(foods), self._sizes[kept]) >= SHARED_INGREDIENTS
            for kept, n in shared.items()
        )


def overlap(foods_a: frozenset[str], foods_b: Iterable[str]) -> float:
    """Jaccard similarity of two sets of foods (0 when either is empty)."""
    other = frozenset(foods_b)
    union = foods_a | other
    return len(foods_a & other) / len(union) if union else 0.0
