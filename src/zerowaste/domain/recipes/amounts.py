"""Amounts at the head of a recipe line: "2", "1/3", "1 1/2", "1-1/2", "½", "1,5", "1 - 2".

Choices:
- Unicode fractions become ASCII ones first ("1½" -> "1 1/2", "¾" -> "3/4"), so one grammar
  reads both. A decimal comma is a decimal point ("1,5 kg"), except in "1,500" (three digits:
  a thousands separator).
- A range ("1-2", "1 - 2", "2 a 3", "1 o 2", "3 to 4", "2 or 3") keeps both bounds; the line's
  quantity is the upper one (see ParsedLine): what a cook may need is the most the recipe asks.
  "1 y 1/2" and "1 and 1/2" are mixed numbers, not ranges.
- "~", "aprox.", "about", "unos" mark an approximate amount; the figure is kept as written.
- A few number words open Spanish and English lines ("una pizca", "dos tazas", "media taza",
  "a handful", "eight ears"); "a"/"an"/"un"/"una" count as one only before a measure or a
  food, never in "a little", "a few", "un poco".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_UNICODE_FRACTIONS = {
    "½": "1/2",
    "⅓": "1/3",
    "⅔": "2/3",
    "¼": "1/4",
    "¾": "3/4",
    "⅕": "1/5",
    "⅖": "2/5",
    "⅗": "3/5",
    "⅘": "4/5",
    "⅙": "1/6",
    "⅚": "5/6",
    "⅛": "1/8",
    "⅜": "3/8",
    "⅝": "5/8",
    "⅞": "7/8",
}
_FRACTION_CHARS = re.compile(f"(\\d?)\\s*([{''.join(_UNICODE_FRACTIONS)}])")
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "⁄": "/", "\u00a0": " "})

_NUMBER = r"\d+\s+(?:y\s+|and\s+)?\d+/\d+|\d+-\d+/\d+|\d+/\d+|\d+(?:[.,]\d+)?"
_APPROX = (
    r"~|\u2248|aprox\.?|aproximadamente|approx\.?|appr\.?|approximately|about|around|unos|unas|"
    r"ca\."
)
_AMOUNT = re.compile(
    rf"^(?P<approx>(?:{_APPROX})\s*)?(?P<low>{_NUMBER})"
    rf"(?:\s*(?:-|a|o|or|to)\s*(?P<high>{_NUMBER})(?![\d/]))?(?![\d/])",
    re.IGNORECASE,
)
_THOUSANDS = re.compile(r"^\d{1,3},\d{3}$")

NUMBER_WORDS = {
    **{"un": "1", "una": "1", "uno": "1", "dos": "2", "tres": "3", "cuatro": "4"},
    **{"cinco": "5", "seis": "6", "siete": "7", "ocho": "8", "nueve": "9", "diez": "10"},
    **{"doce": "12", "medio": "1/2", "media": "1/2", "one": "1", "two": "2", "three": "3"},
    **{"four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"},
    **{"ten": "10", "twelve": "12", "half": "1/2", "a": "1", "an": "1", "quarter": "1/4"},
    **{"dozen": "12", "docena": "12", "cuarto": "1/4"},
}
# Words after "a"/"un" that make the phrase vague rather than a count of one.
VAGUE_AFTER_ARTICLE = frozenset(
    {"little", "few", "bit", "good", "some", "lot", "couple", "poco", "poquito", "par", "de"}
    | {"generous", "teensy", "tiny", "touch", "hint", "bunch"}
)
_ARTICLES = frozenset({"a", "an", "un", "una"})
_LEADING_WORD = re.compile(r"^([^\W\d_]+)\b\s*(\S*)", re.UNICODE)


@dataclass(frozen=True)
class Amount:
    """A stated amount: `low == high` unless the line gives a range."""

    low: Decimal
    high: Decimal
    approximate: bool = False


def normalize_text(text: str) -> str:
    """One spelling for what amounts look like: ASCII fractions and dashes, single spaces."""
    text = text.translate(_DASHES)
    text = _FRACTION_CHARS.sub(_expand_fraction, text)
    return " ".join(text.split())


def _expand_fraction(found: re.Match[str]) -> str:
    whole, fraction = found.group(1), _UNICODE_FRACTIONS[found.group(2)]
    return f"{whole} {fraction}" if whole else f" {fraction}"


def number(text: str) -> Decimal:
    """The value of one matched number: "1 1/2", "1-1/2", "1 y 1/2", "3/4", "1,5", "1,500"."""
    text = text.strip()
    mixed = re.fullmatch(r"(\d+)(?:\s+(?:y\s+|and\s+)?|-)(\d+)/(\d+)", text)
    if mixed:
        whole, numerator, denominator = (Decimal(g) for g in mixed.groups())
        return whole + numerator / denominator
    if "/" in text:
        numerator, denominator = (Decimal(part) for part in text.split("/"))
        return numerator / denominator
    if _THOUSANDS.match(text):
        return Decimal(text.replace(",", ""))
    return Decimal(text.replace(",", "."))


def read_amount(text: str) -> tuple[Amount, str] | None:
    """The amount the text starts with and the text after it, or None when it starts with none.

    A zero denominator ("1/0") or a zero amount is no amount.
    """
    found = _AMOUNT.match(text)
    if found is None:
        return _read_number_word(text)
    try:
        low = number(found.group("low"))
        high = number(found.group("high")) if found.group("high") else low
    except ArithmeticError:
        return None
    if low <= 0 or high <= 0:
        return None
    low, high = min(low, high), max(low, high)
    amount = Amount(low, high, approximate=bool(found.group("approx")))
    return amount, text[found.end() :].strip()


def _read_number_word(text: str) -> tuple[Amount, str] | None:
    found = _LEADING_WORD.match(text)
    if found is None:
        return None
    word, following = found.group(1).casefold(), found.group(2).casefold()
    figure = NUMBER_WORDS.get(word)
    if figure is None or not following:
        return None
    if word in _ARTICLES and following in VAGUE_AFTER_ARTICLE:
        return None
    rest = text[len(found.group(1)) :].strip()
    if word in _ARTICLES and following in NUMBER_WORDS:  # "a quarter", "a dozen", "a half"
        return _read_number_word(rest)
    value = number(figure)
    return Amount(value, value), rest
