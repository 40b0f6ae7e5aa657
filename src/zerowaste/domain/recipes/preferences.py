"""What the caller prefers, as bounded boosts on the engine's score (pure).

A recipe written in the caller's language counts a quarter more (x1.25), one that matches a
preferred food type a sixth more (x1.15), both together x1.4375: preferences that reorder
recipes saving about the same, never ones that outweigh saving what expires first (tomorrow's
spinach weighs six times a year's rice in `engine.weight`).

A preferred food type matches a recipe when its folded words appear among the recipe's tags,
category or title words ("pasta", "vegetarian", "desayuno"), or when it names a food of the
ingredient master that one of the recipe's lines uses ("pollo" matches a line of chicken
breast through the master's key). The catalog's tags are mostly English and the app's food
types mostly Spanish, so each term also matches its synonyms in `SYNONYMS`: a fixed bilingual
table of the catalog's own tag vocabulary (dishes, cuisines, meal types); a term outside it
matches only as spelled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from zerowaste.domain.recipes.engine import Ranked
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.shared.text import folded

LANGUAGE_BOOST = Decimal("1.25")
LIKED_BOOST = Decimal("1.15")

SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "postre postres dessert desserts sweet dulce dulces",
        "desayuno desayunos breakfast",
        "almuerzo comida lunch",
        "cena dinner",
        "botana botanas snack snacks",
        "sopa sopas soup soups",
        "ensalada ensaladas salad salads",
        "guiso guisos stew stews",
        "bebida bebidas drink drinks",
        "pan panes bread baking",
        "pasta pastas",
        "arroz rice",
        "pollo chicken",
        "res carne beef",
        "cerdo pork",
        "pescado pescados fish",
        "mariscos seafood",
        "huevo huevos eggs egg",
        "vegetariana vegetariano vegetarian",
        "vegana vegano vegan",
        "mexicana mexicano mexican",
        "italiana italiano italian",
        "francesa frances french",
        "americana americano american",
        "asiatica asiatico asian",
        "india indio indian",
        "mediterranea mediterraneo mediterranean",
        "rapida rapidas rapido quick",
        "facil faciles easy",
        "picante spicy",
    )
)
_SYNONYMS_OF = {word: group for group in SYNONYMS for word in group}


@dataclass(frozen=True)
class Likes:
    """The caller's language and preferred food types (as folded words and food keys)."""

    language: str
    words: frozenset[str] = frozenset()
    food_keys: frozenset[str] = frozenset()

    @classmethod
    def of(cls, language: str, preferred: Iterable[str], key_of: Callable[[str], str]) -> Likes:
        terms = [t for t in (folded(p) for p in preferred) if t]
        words = {w for t in terms for w in _SYNONYMS_OF.get(t, {t})}
        return cls(language[:2], frozenset(words), frozenset(key_of(t) for t in terms))

    def matches(self, recipe: Recipe, key_of: Callable[[RecipeIngredient], str | None]) -> bool:
        if not self.words:
            return False
        words = {folded(t) for t in recipe.tags} | {folded(recipe.category)}
        words |= set(folded(recipe.title).split())
        if self.words & words:
            return True
        return any(key_of(line) in self.food_keys for line in recipe.ingredients)

    def score(self, found: Ranked, key_of: Callable[[RecipeIngredient], str | None]) -> Decimal:
        score = found.score
        if found.recipe.lang == self.language:
            score *= LANGUAGE_BOOST
        if self.matches(found.recipe, key_of):
            score *= LIKED_BOOST
        return score


def preferred_first(
    ranked: list[Ranked],
    likes: Likes,
    key_of: Callable[[RecipeIngredient], str | None],
    count: int,
) -> list[Ranked]:
    """The `count` best by boosted score; ties go to fewer missing lines, then the title."""
    scored = [(likes.score(r, key_of), r) for r in ranked]
    scored.sort(key=lambda s: (-s[0], len(s[1].missing), s[1].recipe.title.casefold()))
    return [r for _score, r in scored[:count]]
