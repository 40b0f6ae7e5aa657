"""Recipes: the public catalog (the data pack), what a household saved and what was generated.

A recipe has a stable `uid` (32 hex; catalog recipes keep a uid derived from their data-pack id,
so it survives re-imports). Ingredient lines keep the client's shape (name, quantity, unit) and,
when known, the ingredient master's key of the food (what the engine matches stock against).
Client vocabularies are kept as the client sends them: difficulty Fácil|Intermedio|Difícil
(English Easy|Intermediate|Difficult are read as those), categories desayuno|almuerzo|cena|postre|
ensalada|sopa|bebida|snack (free text is kept, unknown categories are not refused).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from zerowaste.domain.shared.errors import InvalidInput, NotFound
from zerowaste.domain.shared.text import folded, name_key

SOURCES = ("catalog", "saved", "generated")
DIFFICULTIES = ("Fácil", "Intermedio", "Difícil")
_DIFFICULTY_ALIASES = {
    "facil": "Fácil",
    "fácil": "Fácil",
    "easy": "Fácil",
    "beginner": "Fácil",
    "intermedio": "Intermedio",
    "media": "Intermedio",
    "medium": "Intermedio",
    "intermediate": "Intermedio",
    "dificil": "Difícil",
    "difícil": "Difícil",
    "hard": "Difícil",
    "difficult": "Difícil",
    "advanced": "Difícil",
    "avanzado": "Difícil",
}
CATEGORIES = ("desayuno", "almuerzo", "cena", "postre", "ensalada", "sopa", "bebida", "snack")
MAX_TITLE = 200
MAX_LINES = 60
MAX_STEPS = 60
_MINUTES = re.compile(
    r"(\d+)\s*(?:-|a|to)?\s*(\d+)?\s*(h|hora|horas|hour|hours|min|minutos|minutes)?", re.IGNORECASE
)


class RecipeNotFound(NotFound):
    code = "recipe_not_found"


@dataclass(frozen=True)
class RecipeIngredient:
    name: str
    quantity: Decimal | None = None
    unit: str | None = None  # the client's type_unit ("g", "tazas", "unidades"...)
    food_key: str | None = None  # the ingredient master's id when the line was mapped
    optional: bool = False  # "al gusto", "to taste"
    text: str = ""  # the line as written in the catalog
    grams: Decimal | None = None  # the amount weighed (USDA SR28 measures), when known


@dataclass
class Recipe:
    uid: str
    title: str
    source: str  # catalog | saved | generated
    lang: str = "es"
    description: str = ""
    category: str = ""
    difficulty: str = "Intermedio"
    duration: str = ""  # as shown ("25 min")
    minutes: int | None = None  # for filters (max prep time)
    servings: int | None = None
    ingredients: list[RecipeIngredient] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    footer: str = ""
    tags: list[str] = field(default_factory=list)
    household_id: str | None = None  # None: the public catalog
    added_by: str | None = None
    generation_id: str | None = None
    image_key: str | None = None
    attribution: str = ""
    created_at: datetime | None = None

    @property
    def is_public(self) -> bool:
        return self.household_id is None


def catalog_uid(pack_id: str) -> str:
    """A stable uid for a data-pack recipe (same id, same uid, across imports)."""
    return hashlib.sha256(f"catalog:{pack_id}".encode()).hexdigest()[:32]


def normalize_difficulty(value: str | None) -> str:
    text = (value or "").strip()
    if not text:
        return "Intermedio"
    found = _DIFFICULTY_ALIASES.get(text.casefold())
    if found is None:
        raise InvalidInput(
            "Unknown difficulty", code="invalid_difficulty", details={"allowed": list(DIFFICULTIES)}
        )
    return found


def minutes_of(duration: str | None) -> int | None:
    """Minutes in "25 min", "15-45 min", "1 hora", "~30 minutes" (the upper bound of a range);
    None when the text names no time."""
    if not duration:
        return None
    total = 0
    for low, high, unit in _MINUTES.findall(duration):
        value = int(high or low)
        total += value * 60 if unit.lower().startswith("h") else value
    return total or None


def title_key(title: str) -> str:
    """How titles are compared (delete by title): case- and space-insensitive."""
    return name_key(title)


_WATER_WORDS = frozenset({"agua", "water", "hielo", "ice"})
_WATER_FIRST = frozenset({"cold", "hot", "warm", "lukewarm", "boiling", "tap", "ice", "filtered"})
_NOT_TAP = frozenset(
    {
        "coco",
        "coconut",
        "mineral",
        "jamaica",
        "tonic",
        "sparkling",
        "rosas",
        "rose",
        "azahar",
        "orange",
        "soda",
        "carbonated",
        "con",
        "gas",
    }
)


def is_tap_water(name: str) -> bool:
    """Water and ice from the tap ("agua", "2 cups of warm water", "hielo"): never stocked,
    bought or deducted. Waters that are products (coconut, mineral, tonic, flower waters) are
    foods like any other."""
    words = folded(name).replace(",", " ").split()
    if not words or _NOT_TAP & set(words):
        return False
    return words[0] in _WATER_WORDS or (words[-1] == "water" and words[0] in _WATER_FIRST)
