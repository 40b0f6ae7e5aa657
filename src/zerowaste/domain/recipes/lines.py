"""Recipe ingredient lines -> quantity, unit and food: the ParsedLine value and the rules.

`parse_line("3 dientes de ajo picados", "es")` -> 3 clove, food "ajo", preparation "picados".
The rules read Spanish lines (the catalog's and the client's) and serve as the fallback for
English ones, which the infrastructure reads with ingredient-parser-nlp first. Choices:

- A range keeps both bounds: `quantity` is the upper one, `quantity_min` the lower ("1-2 L"
  -> 2 l, min 1): a cook may need the most the recipe asks, and the engine can pick the lower.
- A second measure becomes `alternative`, the same amount in another unit: "1 lata (400 g)"
  -> 1 can, 400 g; "2 latas (400 g)" -> 800 g (sizes after a container are per container);
  "3 berenjenas (900 g)" -> 900 g in all (after pieces, a total unless it says "each"/"cada").
- "Jugo de 1 limón" / "juice of 2 limes" count the fruit: 1 unit of "limón".
- A line with no amount and several foods ("Sal, pimienta y comino al gusto") names them all:
  `food` is the first, `more_foods` the rest. "o"/"or" give `alternatives` that may replace
  the food ("250 g de carne molida (res o cerdo)" keeps "res o cerdo" as a comment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from zerowaste.domain.recipes import notes
from zerowaste.domain.recipes.amounts import normalize_text
from zerowaste.domain.recipes.measures import Measure, is_container, read_measure, read_quantity
from zerowaste.domain.shared.units import Quantity

_JUICE_OF = re.compile(
    r"^(?P<part>jugo|zumo|ralladura|cáscara|juice|zest|peel|rind)\s+(?:de|of)\s+(?=\S*\d|una?\b)",
    re.IGNORECASE,
)
_EACH = re.compile(r"\b(?:each|cada un[oa]|c/u)\b", re.IGNORECASE)
_APPROX_WORDS = re.compile(r"^(?:aprox\.?|approx\.?|appr\.?|about|around|ca\.|~)\s*", re.I)
_ALTERNATIVES = re.compile(r"\s+(?:o|or|u)\s+|\s*/\s*", re.IGNORECASE)
_AND = re.compile(r"\s*,\s*|\s+(?:y|e|and)\s+|\s*&\s*", re.IGNORECASE)
_EDGE = " ,;:.-"


@dataclass(frozen=True)
class ParsedLine:
    """One ingredient line, read. `unit` is a canonical code of domain.shared.units (g, kg, ml,
    l, cup, tbsp, tsp, oz, lb, unit, clove, can, pinch, ...), set whenever `quantity` is;
    `food` is "" when the line names none (a heading such as "Para el hogao:")."""

    text: str
    food: str
    quantity: Decimal | None = None
    unit: str | None = None
    quantity_min: Decimal | None = None  # lower bound of a range; `quantity` is the upper
    approximate: bool = False
    alternative: Quantity | None = None  # the same amount in another measure
    optional: bool = False  # "al gusto", "to taste", "opcional", "optional"
    size: str | None = None  # small, medium or large
    preparation: str | None = None
    comment: str | None = None
    alternatives: tuple[str, ...] = ()  # foods that may replace `food` ("X o Y")
    more_foods: tuple[str, ...] = ()  # further foods a list line names ("sal y pimienta")

    @property
    def foods(self) -> tuple[str, ...]:
        return tuple(f for f in (self.food, *self.more_foods) if f)


@dataclass
class _Notes:
    optional: bool = False
    to_taste: bool = False
    comments: list[str] = field(default_factory=list)
    quantity: Quantity | None = None
    each: bool = False


def parse_line(text: str, lang: str = "es") -> ParsedLine:
    """Read one line with the rules (`lang` "es" or "en": where preparation words may stand)."""
    clean = normalize_text(notes.strip_markup(text))
    if not clean or notes.is_heading(clean):
        return ParsedLine(text=text, food="")
    clean, optional, to_taste = notes.take_optional(clean)
    clean, inner = notes.take_parentheses(clean)
    extra = _read_parentheses(inner)
    extra.optional = extra.optional or optional
    extra.to_taste = extra.to_taste or to_taste
    clean, purpose = notes.take_purpose(clean)
    if purpose:
        extra.comments.append(purpose)
    juice = _JUICE_OF.match(clean)
    if juice:
        extra.comments.insert(0, juice.group("part"))
        clean = clean[juice.end() :]
    measure, rest = read_measure(clean)
    return _line(text, lang, measure, rest, extra)


def _read_parentheses(parts: list[str]) -> _Notes:
    extra = _Notes()
    for part in parts:
        part, optional, to_taste = notes.take_optional(part)
        extra.optional = extra.optional or optional
        extra.to_taste = extra.to_taste or to_taste
        part = part.strip(_EDGE)
        found = read_quantity(_APPROX_WORDS.sub("", part))
        if extra.quantity is None and found is not None:
            extra.quantity = found[0]
            extra.each = bool(_EACH.search(part))
        elif part:
            extra.comments.append(part)
    return extra


def _line(text: str, lang: str, measure: Measure, rest: str, extra: _Notes) -> ParsedLine:
    amount = measure.amount
    listed = amount is None and bool(_AND.search(rest))
    head, tail = _split_list(rest) if listed else _split_comma(rest)
    words, size = notes.take_size(head.split())
    food_words, preparation = notes.split_preparation(words, lang)
    food, alternatives, more = split_foods(" ".join(food_words), listed, lang)
    prepared = " ".join([*preparation, tail]).strip(_EDGE)
    return ParsedLine(
        text=text,
        food=food,
        quantity=amount.high if amount else None,
        unit=measure.unit if amount else None,
        quantity_min=amount.low if amount and amount.low != amount.high else None,
        approximate=bool(amount and amount.approximate),
        alternative=_alternative(measure, extra),
        optional=extra.optional or (extra.to_taste and amount is None),
        size=size,
        preparation=prepared or None,
        comment="; ".join(extra.comments) or None,
        alternatives=alternatives,
        more_foods=more,
    )


def _split_list(text: str) -> tuple[str, str]:
    """(foods, preparation) of a list line: "finely chopped onion, rinsed" -> rinsed."""
    parts = [p.strip(_EDGE) for p in _AND.split(text) if p.strip(_EDGE)]
    prepared = [p for p in parts if all(notes.is_preparation(w) for w in p.split())]
    return ", ".join(p for p in parts if p not in prepared), " ".join(prepared)


def _split_comma(text: str) -> tuple[str, str]:
    head, _, tail = text.partition(",")
    return head.strip(_EDGE), tail.strip(_EDGE)


def split_foods(text: str, listed: bool, lang: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(food, alternatives, more foods) from the food part of a line."""
    if listed:
        names = [n.strip(_EDGE) for n in _AND.split(text) if n.strip(_EDGE)]
        first = _ALTERNATIVES.split(names[0])[0] if names else ""
        return first, (), tuple(_ALTERNATIVES.split(n)[0] for n in names[1:])
    names = [n.strip(_EDGE) for n in _ALTERNATIVES.split(text) if n.strip(_EDGE)]
    if not names:
        return "", (), ()
    if len(names) == 2:
        names = _shared_words(names[0], names[1], lang)
    return names[0], tuple(names[1:]), ()


def _shared_words(first: str, second: str, lang: str) -> list[str]:
    """One word on a side shares the other side's noun: "whole or diced tomatoes" -> whole
    tomatoes, diced tomatoes (English adjectives come first); "frijoles rojos o negros" ->
    frijoles rojos, frijoles negros (Spanish ones after the noun)."""
    a, b = first.split(), second.split()
    if lang == "en" and len(a) == 1 and len(b) > 1:
        return [" ".join([*a, *b[1:]]), second]
    if lang == "es" and len(a) > 1 and len(b) == 1:
        return [first, " ".join([*a[:-1], *b])]
    return [first, second]


def _alternative(measure: Measure, extra: _Notes) -> Quantity | None:
    """The same amount in another measure: "or 5 cups", a per-container size times the count,
    a parenthesised total ("(900 g)") or per-piece size ("(400 g each)")."""
    amount = measure.amount
    if amount is None:
        return None
    if measure.other is not None:
        return measure.other
    each = measure.each
    if each is None and extra.quantity is not None:
        per_item = extra.each or is_container(measure.unit)
        if not per_item:
            return extra.quantity
        each = extra.quantity
    if each is None:
        return None
    return Quantity(each.amount * amount.high, each.unit)


@dataclass(frozen=True)
class MappedLine:
    """A read line with its food found in the ingredient master and its amount in grams.

    `food` says which of the line's names matched (its food or an alternative); `grams` is set
    when the line's amount converts (domain.recipes.conversion.line_grams)."""

    line: ParsedLine
    ingredient_id: str | None = None
    food: str | None = None
    grams: Decimal | None = None
    more_ingredient_ids: tuple[str, ...] = ()  # master entries of `line.more_foods`, found
