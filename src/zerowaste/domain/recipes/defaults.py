"""Row 49's default categories, chosen from the public catalog by rules on its data:

- `destacadas`: complete recipes (quantities on most lines, at least 3 steps), Spanish first;
- `rapidas_faciles`: at most 30 minutes, or tagged quick, and not difficult;
- `vegetarianas`: no meat or fish among the tags or ingredient lines;
- `postres`: desserts and sweets (tags or the `postre` category);
- `saludables`: salads, soups and vegetable dishes without frying or sugar-heavy desserts.
The rules read tags and ingredient text, so they are approximate, never a health claim.
"""

from __future__ import annotations

import re

from zerowaste.domain.recipes.recipe import Recipe

FEATURED = "destacadas"
DEFAULT_CATEGORIES = (FEATURED, "rapidas_faciles", "vegetarianas", "postres", "saludables")
PER_CATEGORY = 12
_MEAT = (
    "beef",
    "pork",
    "chicken",
    "bacon",
    "ham",
    "sausage",
    "lamb",
    "turkey",
    "fish",
    "salmon",
    "tuna",
    "shrimp",
    "anchov",
    "carne",
    "res",
    "cerdo",
    "pollo",
    "tocino",
    "jamón",
    "jamon",
    "chorizo",
    "pescado",
    "atún",
    "atun",
    "camarón",
    "camaron",
    "salchicha",
    "cordero",
    "pavo",
    "costilla",
    "chicharr",
    "mariscos",
    "mojarra",
    "bagre",
)
_DESSERT = ("dessert", "sweet", "postre", "dulce", "cake", "cookie", "pastel")
_HEALTHY = ("salad", "ensalada", "soup", "sopa", "vegetable", "verdura", "vegan", "vegano")
_FRIED = ("fried", "frito", "frita", "deep-fry")


def _words(recipe: Recipe) -> str:
    lines = " ".join(i.text or i.name for i in recipe.ingredients)
    return f" {' '.join(recipe.tags)} {recipe.title} {lines} ".casefold()


def _has(text: str, words: tuple[str, ...]) -> bool:
    """Any of `words` starting a word of `text` ("res" is beef, not the end of "fresas")."""
    return re.search(r"\b(?:" + "|".join(map(re.escape, words)) + ")", text) is not None


def is_vegetarian(recipe: Recipe) -> bool:
    return not _has(_words(recipe), _MEAT)


def is_quick(recipe: Recipe) -> bool:
    quick = recipe.minutes is not None and recipe.minutes <= 30
    tagged = "quick" in (t.casefold() for t in recipe.tags)
    return (quick or tagged) and recipe.difficulty != "Difícil"


def is_dessert(recipe: Recipe) -> bool:
    return recipe.category == "postre" or _has(" ".join(recipe.tags).casefold(), _DESSERT)


def is_healthy(recipe: Recipe) -> bool:
    text = _words(recipe)
    return _has(text, _HEALTHY) and not _has(text, _FRIED) and not is_dessert(recipe)


def is_featured(recipe: Recipe) -> bool:
    measured = sum(
        1 for i in recipe.ingredients if i.quantity is not None or any(c.isdigit() for c in i.text)
    )
    return len(recipe.steps) >= 3 and measured * 2 >= max(1, len(recipe.ingredients))


RULES = {
    FEATURED: is_featured,
    "rapidas_faciles": is_quick,
    "vegetarianas": is_vegetarian,
    "postres": is_dessert,
    "saludables": is_healthy,
}


def group(catalog: list[Recipe]) -> dict[str, list[Recipe]]:
    """Each default category's recipes, Spanish first, then by title (stable)."""
    ordered = sorted(catalog, key=lambda r: (r.lang != "es", r.title.casefold()))
    return {name: [r for r in ordered if rule(r)] for name, rule in RULES.items()}
