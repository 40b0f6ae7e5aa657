"""The measure at the head of a recipe line: amount, unit, and a size per piece or container.

"2 tazas de arroz" -> 2 cup; "3t paprika" -> 3 tsp and "2T oil" -> 2 tbsp (cookbook capitals);
"4 28 oz cans of tomatoes" -> 4 can, 28 oz each; "2 x 400g tomatoes" -> 800 g (a size with no
container word is the measure itself, times the count); "1 8oz cream cheese" -> 8 oz;
"600g or 5 cups flour" -> 600 g, or 5 cup. A number without a unit counts pieces ("2 papas").
A length ("4cm ginger", "1 inch piece") is no amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from zerowaste.domain.recipes.amounts import Amount, read_amount
from zerowaste.domain.recipes.notes import LENGTH_WORDS
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.units import Dimension, Quantity, dimension_of, normalize_measure

_CASED_UNITS = {"t": "tsp", "ts": "tsp", "T": "tbsp", "Ts": "tbsp", "TB": "tbsp", "Tb": "tbsp"}
_CASED_UNITS |= {"c": "cup", "C": "cup"}
_SKIPPED_BEFORE_UNIT = frozenset(
    {"metric", "us", "heaped", "heaping", "level", "rounded", "whole", "big", "good"}
)
_OF_A = re.compile(r"^(?:of|de)\s+(?:a|an|un|una)\s+", re.IGNORECASE)  # "a quarter of a pound"
_AFTER_UNIT = frozenset({"sopera", "soperas", "rasa", "rasas", "colmada", "colmadas"})
_CONNECTORS = frozenset({"de", "del", "of"})
_CONTAINERS = frozenset({"can", "pack", "bottle"})
_MULTIPLIER = re.compile(r"^[xX×]\s*(?=\d)|^[xX×]\s+")
_OR = re.compile(r"^(?:or|o)\s+", re.IGNORECASE)
_AND_A_HALF = re.compile(r"^(?:y\s+medi[oa]|and\s+a\s+half)\b\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Measure:
    """What a line's head states: `amount` in `unit` (a canonical code), maybe also `other`."""

    amount: Amount | None = None
    unit: str | None = None
    other: Quantity | None = None  # the same amount in another measure ("or 5 cups")
    each: Quantity | None = None  # the size of each piece or container ("28 oz cans")
    length: bool = False  # the number was a length ("4cm ginger"): no amount


def read_unit(text: str) -> tuple[str, str] | None:
    """The unit the text starts with (canonical code) and the rest, or None."""
    words = text.split()
    while words and words[0].casefold() in _SKIPPED_BEFORE_UNIT:
        words = words[1:]
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        label = " ".join(words[:size]).rstrip(".,")
        code = _CASED_UNITS.get(label) if size == 1 else None
        code = code or _measure_code(label)
        if code is not None:
            rest = words[size:]
            while rest and rest[0].casefold().strip(".,") in _AFTER_UNIT:
                rest = rest[1:]
            return code, " ".join(rest)
    return None


def _measure_code(label: str) -> str | None:
    if len(label) == 1 and label not in ("l", "L", "g", "u"):
        return None  # "a", "x": never a unit on their own (t, T, c are cased above)
    try:
        return normalize_measure(label)
    except InvalidInput:
        return None


def skip_connector(text: str) -> str:
    words = text.split()
    while words and words[0].casefold() in _CONNECTORS:
        words = words[1:]
    return " ".join(words)


def read_quantity(text: str) -> tuple[Quantity, str] | None:
    """A measured amount ("400g", "28 oz", "2 1/4 tsp") at the head of the text: its upper
    figure, which must be a mass or volume (a bare number is no measure here)."""
    found = read_amount(text)
    if found is None:
        return None
    amount, rest = found
    unit = read_unit(rest)
    if unit is None or dimension_of(unit[0]) is Dimension.COUNT:
        return None
    return Quantity(amount.high, unit[0]), unit[1]


def read_measure(text: str) -> tuple[Measure, str]:
    """The measure the line starts with and the rest of the line (the food and its notes)."""
    found = read_amount(text)
    if found is None:
        return Measure(), text
    amount, rest = found
    rest = _MULTIPLIER.sub("", rest)
    if _OF_A.match(rest) and read_unit(_OF_A.sub("", rest)) is not None:
        rest = _OF_A.sub("", rest)
    each = read_quantity(rest)
    if each is not None:
        rest = each[1]
    first = rest.split()[0].casefold().strip(".,") if rest.split() else ""
    if first in LENGTH_WORDS:
        return Measure(length=True), skip_connector(" ".join(rest.split()[1:]))
    unit = read_unit(rest)
    if unit is None:
        return _counted(amount, each[0] if each else None), skip_connector(rest)
    return _with_unit(amount, unit[0], unit[1], each[0] if each else None)


def _with_unit(amount: Amount, code: str, rest: str, each: Quantity | None) -> tuple[Measure, str]:
    """What may follow a unit: "y media", a size per container, "or <another measure>"."""
    if _AND_A_HALF.match(rest):  # "1 taza y media", "1 cup and a half"
        half = Decimal("0.5")
        amount = Amount(amount.low + half, amount.high + half, amount.approximate)
        rest = _AND_A_HALF.sub("", rest)
    if each is None and dimension_of(code) is Dimension.COUNT:
        sized = read_quantity(rest)  # "1 bottle 700ml red wine"
        if sized is not None:
            each, rest = sized
    other = None
    if _OR.match(rest):
        alternative = read_quantity(_OR.sub("", rest))
        if alternative is not None:
            other, rest = alternative
    return Measure(amount, code, other, each), skip_connector(rest)


def _counted(amount: Amount, each: Quantity | None) -> Measure:
    """No unit word: pieces, unless a size was given ("2 x 400g" is 800 g)."""
    if each is None:
        return Measure(amount, "unit")
    total = Amount(amount.low * each.amount, amount.high * each.amount, amount.approximate)
    return Measure(total, each.unit)


def is_container(unit: str | None) -> bool:
    return unit in _CONTAINERS
