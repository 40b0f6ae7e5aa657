"""English ingredient lines with ingredient-parser-nlp (a CRF model in its wheel, MIT).

`EnglishLineParser(nltk_dir).parse("2 1/2 cups all-purpose flour, sifted")` -> 2.5 cup of
"all-purpose flour", preparation "sifted". The library tags words with NLTK's perceptron tagger,
which it would download on import when NLTK cannot find it; the data pack ships it
(`data/nltk_data`), so the path goes on `nltk.data.path` before the first import, and nothing
is ever fetched. Importing loads the model (~1 s) and each line costs 1-5 ms: parse catalogs
once (at import time), never per request. When the model finds no name, or fails, the domain's
rules read the line instead.

Its amounts map onto ParsedLine the way the rules do: a multiplier times the size it precedes
("2 x 400g" -> 800 g), a size flagged per item or after a container times the count ("4 28 oz
cans" -> 4 can, 112 oz), any other second amount as the same amount in another measure.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from zerowaste.domain.recipes import notes
from zerowaste.domain.recipes.lines import ParsedLine, parse_line, split_foods
from zerowaste.domain.recipes.measures import is_container, read_unit, skip_connector
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.units import Quantity, normalize_measure

log = logging.getLogger(__name__)

PINT_UNITS = {
    **{"gram": "g", "kilogram": "kg", "milligram": "mg", "pound": "lb", "ounce": "oz"},
    **{"liter": "l", "milliliter": "ml", "deciliter": "dl", "centiliter": "cl"},
    **{"teaspoon": "tsp", "tablespoon": "tbsp", "fluid_ounce": "fl_oz", "cup": "cup"},
    **{"pint": "pint", "quart": "quart", "gallon": "gallon"},
}
LENGTHS = frozenset({"inch", "centimeter", "millimeter", "meter", "foot"})
WORD_QUANTITIES = {"dozen": Decimal(12), "half dozen": Decimal(6)}
UNIT_SIZES = frozenset({"small", "medium", "large", "big", "very", "thin", "thick", "heaped"})


@dataclass(frozen=True)
class _Amount:
    low: Decimal
    high: Decimal
    unit: str | None  # None: a measure we cannot use (a length, a "bowl")
    approximate: bool = False
    singular: bool = False  # a size per item ("28 oz" in "4 28 oz cans")
    multiplier: bool = False  # "2x"


class EnglishLineParser:
    """Reads English lines with ingredient-parser-nlp, falling back to the domain's rules."""

    def __init__(self, nltk_dir: Path) -> None:
        self._nltk_dir = Path(nltk_dir)
        self._lock = threading.Lock()
        self._parse: Callable[[str], Any] | None = None

    def parse(self, text: str) -> ParsedLine:
        try:
            parsed = self._model()(text)
        except Exception:  # noqa: BLE001 - a library failure must not lose the line
            log.warning("ingredient-parser-nlp failed on %r; reading it with rules", text[:80])
            parsed = None
        line = to_line(text, parsed) if parsed is not None else None
        if line is not None and line.quantity is not None:
            return line
        rules = parse_line(text, "en")  # "1dl flour": the model saw no amount
        return rules if line is None or rules.quantity is not None else line

    def _model(self) -> Callable[[str], Any]:
        parse = self._parse
        if parse is None:
            with self._lock:
                if self._parse is None:
                    self._parse = _load(self._nltk_dir)
                parse = self._parse
        return parse


def _load(nltk_dir: Path) -> Callable[[str], Any]:
    import nltk

    if str(nltk_dir) not in nltk.data.path:
        nltk.data.path.insert(0, str(nltk_dir))
    from ingredient_parser import parse_ingredient

    return parse_ingredient


def to_line(text: str, parsed: Any) -> ParsedLine | None:
    """The library's answer as a ParsedLine, or None when it found no food name."""
    names = [n.text.strip(" .,;") for n in parsed.name if n.text.strip(" .,;")]
    if not names:
        return None
    amounts = [a for a in (_amount(raw) for raw in parsed.amount) if a is not None]
    primary, alternative = _measures(amounts)
    if primary is not None and primary.unit == "unit":
        primary, names[0] = _unit_in_name(primary, names[0])
    extras = [t.text for t in (parsed.comment, parsed.purpose) if t is not None]
    extras += [a.text for a in parsed.amount if _amount(a) is None]  # "4 cm", "1 bowl"
    said = " ".join([text, *extras])
    optional = bool(notes.OPTIONAL.search(said))
    to_taste = bool(notes.TO_TASTE.search(said)) and primary is None
    food, alternatives, more = _foods(names, listed=primary is None)
    return ParsedLine(
        text=text,
        food=food,
        quantity=primary.high if primary else None,
        unit=primary.unit if primary else None,
        quantity_min=primary.low if primary and primary.low != primary.high else None,
        approximate=bool(primary and primary.approximate),
        alternative=alternative,
        optional=optional or to_taste,
        size=_size(parsed.size.text) if parsed.size is not None else None,
        preparation=parsed.preparation.text if parsed.preparation is not None else None,
        comment="; ".join(extras) or None,
        alternatives=alternatives,
        more_foods=more,
    )


def _unit_in_name(amount: _Amount, name: str) -> tuple[_Amount, str]:
    """The model sometimes leaves the unit in the name ("9 dl milk" -> 9 of "dl milk")."""
    found = read_unit(name.replace("+", " "))
    if found is None or not found[1]:
        return amount, name
    unit, rest = found
    return _Amount(amount.low, amount.high, unit, amount.approximate), skip_connector(rest)


def _foods(names: Sequence[str], listed: bool) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    food, alternatives, more = split_foods(names[0], listed, "en")
    return food, (*alternatives, *names[1:]), more


def _measures(amounts: Sequence[_Amount]) -> tuple[_Amount | None, Quantity | None]:
    count = Decimal(1)
    usable = []
    for amount in amounts:
        if amount.multiplier:
            count *= amount.high
        elif amount.unit is not None:
            usable.append(amount)
    if not usable:
        return None, None
    first = usable[0]
    primary = _Amount(first.low * count, first.high * count, first.unit, first.approximate)
    if len(usable) == 1:
        return primary, None
    second = usable[1]
    each = second.singular or is_container(primary.unit)
    factor = primary.high if each else Decimal(1)
    return primary, Quantity(second.high * factor, second.unit or "unit")


def _amount(raw: Any) -> _Amount | None:
    if hasattr(raw, "combined"):  # "1 lb 2 oz": one quantity in the first unit
        try:
            total = raw.combined()
        except Exception:  # noqa: BLE001 - units pint cannot add
            return None
        value = _decimal(total.magnitude)
        unit = _unit_code(str(total.units))
        return None if value is None or unit is None else _Amount(value, value, unit)
    low, high = _decimal(raw.quantity), _decimal(raw.quantity_max)
    if low is None or high is None or high <= 0:
        return None
    unit = _unit_code(str(raw.unit))
    if raw.MULTIPLIER:
        return _Amount(low, high, None, multiplier=True)
    if unit is None:
        return None
    return _Amount(min(low, high), max(low, high), unit, raw.APPROXIMATE, raw.SINGULAR)


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, int | float):
        return Decimal(repr(value))
    if isinstance(value, str):
        return WORD_QUANTITIES.get(value.casefold())
    return None


def _unit_code(unit: str) -> str | None:
    """A canonical code; "" (no unit) counts pieces; lengths and unknown measures are None.
    The model keeps size words in string units ("small bunch", "big spoons"): they go."""
    if not unit:
        return "unit"
    if unit in PINT_UNITS:
        return PINT_UNITS[unit]
    if unit in LENGTHS:
        return None
    words = [w for w in unit.replace("_", " ").split() if w.casefold() not in UNIT_SIZES]
    try:
        return normalize_measure(" ".join(words))
    except InvalidInput:
        return None


def _size(text: str) -> str | None:
    return next((notes.SIZES[w] for w in text.casefold().split() if w in notes.SIZES), None)
