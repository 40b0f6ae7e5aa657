"""USDA SR28 household measures ("1 cup, chopped" = 160 g) read as canonical units.

`read_portion(".5", "cup, chopped or diced", "75")` -> cup, 150 g per cup. Choices:
- Volumes: cup, tbsp/tablespoon, tsp/teaspoon, fl oz, pint, quart. SR28 measures are US
  customary (a cup is 236.59 ml), which is what `VOLUME_ML` says when a density is derived.
- Counts: a size word ("1 medium", "1 Potato large", "1 extra large") or a piece word ("1 fruit",
  "1 root", "1 pepper", "1 fillet", "1 link", the food's own name: "1 avocado", "1 leek", "50
  raisins") is a `unit`; clove, slice, can, package/packet/envelope/container/box (pack), bottle,
  stick, bunch, head, leaf, sprig, stalk and dash keep their own codes.
- Left out, because they are no household measure or no piece of the food: mass ("oz", "lb",
  "grams"), servings, cubic inches, pats, wedges, rings, strips, spears, "balls" of melon, and
  derived yields ("1 unit (yield from 1 lb ready-to-cook chicken)").
- `named` marks a measure naming a word of the ingredient that the SR28 food's name lacks: the
  master links cherry tomatoes to SR28 tomatoes, and "1 cherry" (17 g) is their piece, not "1
  medium whole" (123 g).
- `derived` marks a cup of something transformed ("mashed", "pureed", "whipped", "melted"):
  used only when the food has no other cup.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from zerowaste.domain.recipes.notes import word_set

VOLUME_ML = {  # SR28's US customary measures, in ml
    "cup": Decimal("236.5882365"),
    "tbsp": Decimal("14.78676478125"),
    "tsp": Decimal("4.92892159375"),
    "fl_oz": Decimal("29.5735295625"),
    "pint": Decimal("473.176473"),
    "quart": Decimal("946.352946"),
}
_VOLUME_WORDS = {
    **{"cup": "cup", "cups": "cup", "tbsp": "tbsp", "tablespoon": "tbsp"},
    **{"tablespoons": "tbsp", "tsp": "tsp", "teaspoon": "tsp", "teaspoons": "tsp"},
    **{"pint": "pint", "quart": "quart"},
}
_COUNT_WORDS = {
    **dict.fromkeys(("clove", "cloves"), "clove"),
    **dict.fromkeys(("slice", "slices"), "slice"),
    **dict.fromkeys(("can", "bottle", "stick", "bunch", "head", "stalk", "dash"), None),
    **dict.fromkeys(("package", "packet", "envelope", "container", "box", "pkg"), "pack"),
    **dict.fromkeys(("leaf", "leaves"), "leaf"),
    **dict.fromkeys(("sprig", "sprigs"), "sprig"),
}
PIECE_WORDS = word_set(
    "fruit piece each whole root pepper ear tortilla roll bar cube link frankfurter "
    "fillet chop thigh patty block egg melon bulb kernel nuts cracker crackers"
)
_SIZE_WORDS = {"small": "small", "medium": "medium", "large": "large"}
_STATED_OZ = re.compile(r"\(([\d.]+) oz\)")
OUNCE_GRAMS = Decimal("28.349523125")
_SKIPPED_FIRST = word_set(
    "oz lb g gram grams serving nlea cubic pat wedge ring rings strip strips spear spears "
    "floweret enchilada individual"
)
_SKIPPED = re.compile(r"\b(?:balls|yield from)\b")
_DERIVED = re.compile(r"\b(?:mashed|pureed|whipped|melted)\b")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Portion:
    """Grams of one `unit` (a canonical code) of a food, as SR28 measured it."""

    unit: str
    grams: Decimal
    label: str  # the SR28 description, to trace a figure back ("1 cup, chopped")
    size: str | None = None  # small, medium or large, for pieces
    named: bool = False
    derived: bool = False


def read_portion(
    amount: str, description: str, gram_weight: str, words: Collection[str] = ()
) -> Portion | None:
    """One SR28 row as a Portion, or None when it is no household measure we use.

    `words`: the food's own name words (singular, lower case: see `name_words`)."""
    try:
        count, grams = Decimal(amount), Decimal(gram_weight)
    except InvalidOperation:
        return None
    text = description.casefold().replace("fl oz", "floz")
    if count <= 0 or grams <= 0 or _SKIPPED.search(text):
        return None
    head = text.split("(")[0]  # "(yields 2 cups whipped)", "(4.86 large eggs)": notes
    tokens = _WORD.findall(head)
    unit = _unit(tokens, words)
    if unit is None:
        return None
    return Portion(
        unit=unit,
        grams=_per_one(count, grams, text),
        label=f"{amount} {description}",
        size=_size(tokens) if unit not in VOLUME_ML else None,
        derived=bool(_DERIVED.search(head)),
    )


def _per_one(count: Decimal, grams: Decimal, text: str) -> Decimal:
    """Grams of one measure; "5 package (5 oz)" = 142 g is one 5-oz package (SR28 repeats the
    ounces in the amount there), so a weight stated in the label wins when it agrees."""
    stated = _STATED_OZ.search(text)
    if stated and count != 1:
        ounces = Decimal(stated.group(1)) * OUNCE_GRAMS
        if abs(ounces - grams) <= grams * Decimal("0.05"):
            return grams
    return grams / count


def _size(tokens: list[str]) -> str | None:
    for index, token in enumerate(tokens):
        if token in _SIZE_WORDS:
            extra = index > 0 and tokens[index - 1] == "extra"
            return f"extra {token}" if extra else _SIZE_WORDS[token]
    return None


def _unit(tokens: list[str], words: Collection[str]) -> str | None:
    if not tokens or tokens[0] in _SKIPPED_FIRST:
        return None
    rest = [t for t in tokens if t not in _SIZE_WORDS and t != "extra"]
    first = rest[0] if rest else ""
    if first == "floz":
        return "fl_oz"
    if first in _VOLUME_WORDS:
        return _VOLUME_WORDS[first]
    if first in _COUNT_WORDS:
        return _COUNT_WORDS[first] or first
    if first in PIECE_WORDS or singular(first) in words or len(rest) < len(tokens):
        return "unit"  # "1 fruit", "1 avocado, NS as to ...", "50 raisins", "1 large (3 dia)"
    return None


def singular(word: str) -> str:
    """English plural to singular, enough for food names (berries, tomatoes, peaches, eggs)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("oes", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def name_words(name: str) -> set[str]:
    """Lower-case singular words of a name ("Cherry tomatoes" -> cherry, tomato)."""
    return {singular(w) for w in _WORD.findall(name.casefold()) if len(w) > 2}


def mark_named(portion: Portion, specific: Collection[str]) -> Portion:
    """The portion, `named` when its label names one of the `specific` words."""
    label = {singular(w) for w in _WORD.findall(portion.label.casefold())}
    if not specific or not label.intersection(specific):
        return portion
    return Portion(portion.unit, portion.grams, portion.label, portion.size, True, portion.derived)
