"""Where an item is found in a Mexican supermarket: the ingredient master's category grouped into
aisles (Spanish labels, English beside them), in the order a shopper walks them."""

from __future__ import annotations

AISLES: tuple[tuple[str, str, str, frozenset[str]], ...] = (
    (
        "produce",
        "Frutas y verduras",
        "Fruits and vegetables",
        frozenset({"vegetable", "fruit", "herb"}),
    ),
    (
        "meat_fish",
        "Carnes, pescados y mariscos",
        "Meat, fish and seafood",
        frozenset({"meat", "fish", "shellfish"}),
    ),
    ("dairy_eggs", "Lácteos y huevo", "Dairy and eggs", frozenset({"dairy", "egg"})),
    (
        "grains",
        "Granos, pastas y cereales",
        "Grains, pasta and cereals",
        frozenset({"grain", "legume", "seed", "nut"}),
    ),
    ("pantry", "Despensa", "Pantry", frozenset({"condiment", "spice", "fat", "sugar", "sweet"})),
    ("drinks", "Bebidas", "Drinks", frozenset({"beverage"})),
)
OTHER = ("other", "Otros", "Other")
ORDER = {code: i for i, (code, *_rest) in enumerate(AISLES)} | {OTHER[0]: len(AISLES)}
_BY_CATEGORY = {c: (code, es, en) for code, es, en, cats in AISLES for c in cats}


def aisle_of(category: str | None) -> tuple[str, str, str]:
    """(code, Spanish label, English label) of the master category; "other" when unknown."""
    return _BY_CATEGORY.get((category or "").casefold(), OTHER)


def label(code: str, language: str) -> str:
    for aisle_code, es, en, _cats in AISLES:
        if aisle_code == code:
            return en if language.startswith("en") else es
    return OTHER[2] if language.startswith("en") else OTHER[1]
