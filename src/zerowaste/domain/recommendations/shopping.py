"""What to buy (pure): the foods that unlock the most recipes the user would like, in season.

A recipe "waits on" the foods of its required lines that are not in stock, leaving out pantry
staples (`STAPLES`: salt, pepper, oil, sugar, water...). A recipe that waits on one or two foods
gives each of them its affinity (its blended score for the user) divided by how many it waits
on; a food's value is the sum over recipes, times `IN_SEASON` (1.3) when the seasonal calendar
says it is in season this month, `OUT_OF_SEASON` (0.8) when it says it is not, 1 when the
calendar does not know the food. Recipes that wait on more than `MAX_MISSING` foods count for
nothing: one purchase would not make them cookable.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from zerowaste.domain.shared.text import folded

MAX_MISSING = 2
IN_SEASON, OUT_OF_SEASON = 1.3, 0.8
_SEASON = {True: IN_SEASON, False: OUT_OF_SEASON}
STAPLES = frozenset(
    {"sal", "salt", "pimienta", "pepper", "aceite", "oil", "azucar", "sugar"}
    | {"agua", "water", "vinagre", "vinegar"}
)


def is_staple(name: str) -> bool:
    words = set(folded(name).replace(",", " ").split())
    return bool(words & STAPLES) and len(words) <= 3


@dataclass(frozen=True)
class Waiting:
    """A recipe and the foods (key -> display name) it still needs."""

    title: str
    affinity: float
    missing: dict[str, str]


@dataclass
class Purchase:
    key: str
    name: str
    score: float = 0.0
    unlocks: list[str] = field(default_factory=list)  # recipes it alone makes cookable
    helps: list[str] = field(default_factory=list)  # recipes it brings one food closer
    in_season: bool | None = None


def counted(waiting: list[Waiting]) -> set[str]:
    """The foods `to_buy` weighs: those of the recipes that wait on one to `MAX_MISSING`."""
    return {key for recipe in waiting if _counts(recipe) for key in recipe.missing}


def _counts(recipe: Waiting) -> bool:
    return 0 < len(recipe.missing) <= MAX_MISSING and recipe.affinity > 0


def to_buy(waiting: list[Waiting], season: dict[str, bool | None], count: int) -> list[Purchase]:
    """The `count` most valuable foods to buy, best first (ties by name)."""
    found: dict[str, Purchase] = {}
    value: dict[str, float] = defaultdict(float)
    for recipe in waiting:
        if not _counts(recipe):
            continue
        share = recipe.affinity / len(recipe.missing)
        for key, name in recipe.missing.items():
            purchase = found.setdefault(key, Purchase(key, name))
            value[key] += share
            (purchase.unlocks if len(recipe.missing) == 1 else purchase.helps).append(recipe.title)
    for key, purchase in found.items():
        purchase.in_season = season.get(key)
        boost = 1.0 if purchase.in_season is None else _SEASON[purchase.in_season]
        purchase.score = value[key] * boost
    ranked = sorted(found.values(), key=lambda p: (-p.score, p.name.casefold()))
    return ranked[:count]


def why(purchase: Purchase, language: str) -> str:
    es = language.startswith("es")
    titles = purchase.unlocks or purchase.helps
    shown = ", ".join(titles[:3])
    if purchase.unlocks:
        n = len(purchase.unlocks)
        text = (
            f"Completa {n} receta(s) que te gustan: {shown}"
            if es
            else (f"Completes {n} recipe(s) you like: {shown}")
        )
    else:
        text = f"Te acerca a: {shown}" if es else f"Brings you closer to: {shown}"
    if purchase.in_season:
        text += " (de temporada)" if es else " (in season)"
    return text
