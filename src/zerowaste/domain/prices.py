"""Retail prices: what a shelf presentation holds, its price per kg / L / piece, store medians.

A PROFECO presentation is free text ("Botella 1 Lt. Vegetal", "Lata 400 Gr.", "Paquete C/12
Blanco", "Canasta con 6 Botellas de 355 Ml.", "Pieza", "Manojo"). `parse_presentation` reads
the content of one package as an amount in a price basis, the canonical unit codes of
`domain.shared.units`: ``kg``, ``l``, ``unit`` (pieces) or ``bunch``. Choices, in order:

- A mass or volume wins over a count: "Bolsa 20+2 Piezas. 561 Gr." is 0.561 kg, so per-kg
  prices can be compared across pack sizes. The leftmost figure wins: "Caja 200 Gr. (50 Sobres
  de 4 Gr. C/u)" is 200 g, "Bote 480 Gr. (900 Ml.)" 480 g, "Paquete 1 Kg. a 1.1 Kg." 1 kg.
- "N <things> de X unit" and "N <things> (X unit C/u)" are N x X ("6 Botellas de 355 Ml." is
  2.13 L); a figure in parentheses without "C/u" is the total ("con 2 Chocoroles (100 Gr.)").
- A weight range ("Pieza de 68 a 90 Gr.") is not a content: that presentation is one piece.
- In grams and millilitres a dot before exactly three digits is a thousands separator
  ("Bolsa 3.564 Gr." is 3564 g, as the data's SOURCE.md notes); in kg and litres it is a
  decimal point ("1.8 Kg."). A comma is always a decimal point.
- "Kg." or "Lt." without a number is one of it (PROFECO's "Kg. Ahumado" is priced per kg).
- Counts: "C/12" (eggs), "12 Pzas.", "20+2 Piezas", "Pieza" (1), "Docena" (12); "Manojo" is a
  bunch, its own basis (units.py keeps bunches apart from pieces: their size is unknown).
- Anything else ("Bolsa. Cambray") has no readable content: None, never a guess.

The market price of a food is the median over stores of each store's median unit price, so a
store that re-reports the same shelf price every day weighs as much as one seen once.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from zerowaste.domain.shared.text import strip_accents

PriceBasis = Literal["kg", "l", "unit", "bunch"]
PRICE_BASES: tuple[PriceBasis, ...] = ("kg", "l", "unit", "bunch")
CENT = Decimal("0.01")

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_UNIT = r"(kgs?|kilos?|kilogramos?|grs?|g|gramos?|lts?|l|litros?|ml|mililitros?)"
_END = r"(?![a-z0-9])\.?"
_SINGLE = re.compile(rf"(?<![\d.,/]){_NUMBER}\s*{_UNIT}{_END}")
_MULTIPLE = re.compile(
    rf"(?<![\d.,/])(\d+)\s+[a-z]+\s+(?:de\s+{_NUMBER}\s*{_UNIT}{_END}"
    rf"|\(\s*{_NUMBER}\s*{_UNIT}{_END}\s*c/u)"
)
_WEIGHT_RANGE = re.compile(rf"de\s+{_NUMBER}\s+a\s+{_NUMBER}\s*{_UNIT}{_END}")
_BARE_UNIT = re.compile(r"(?<![a-z0-9])(kg|kilo|lt|litro)(?![a-z0-9])")
_EACH_COUNT = re.compile(r"c/\s*(\d+)")
_PIECES = re.compile(r"(\d+)\s*(?:\+\s*(\d+)\s*)?(?:pzas?|piezas?)(?![a-z])")
_ONE_PIECE = re.compile(r"(?<![a-z])(?:pieza|pza)(?![a-z])")
_DOZEN = re.compile(r"(?<![a-z])docena(?![a-z])")
_BUNCH = re.compile(r"(?<![a-z])manojo(?![a-z])")
_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")


@dataclass(frozen=True)
class PackSize:
    """What one package holds, in its price basis (kg, l, unit or bunch)."""

    amount: Decimal
    basis: PriceBasis


def _unit_basis(unit: str) -> tuple[PriceBasis, Decimal]:
    """The basis of a unit word and how many basis units one of it is."""
    if unit.startswith("k"):
        return "kg", Decimal(1)
    if unit.startswith("g"):
        return "kg", Decimal("0.001")
    if unit.startswith("m"):
        return "l", Decimal("0.001")
    return "l", Decimal(1)


def _number(raw: str, unit: str) -> Decimal:
    if unit[0] in "gm" and _THOUSANDS.fullmatch(raw):
        raw = raw.replace(".", "")  # 3.564 Gr. = 3564 g
    try:
        return Decimal(raw.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern only lets digits through
        return Decimal(0)


def _measure(text: str) -> PackSize | None:
    """The leftmost mass or volume (a multiple "N x X" counts as one), or None."""
    found: list[tuple[int, Decimal, str]] = []
    for match in _MULTIPLE.finditer(text):
        count, number, unit = match.group(1), match.group(2), match.group(3)
        if number is None:
            number, unit = match.group(4), match.group(5)
        found.append((match.start(), Decimal(count) * _number(number, unit), unit))
    for match in _SINGLE.finditer(text):
        found.append((match.start(), _number(match.group(1), match.group(2)), match.group(2)))
    if not found:
        bare = _BARE_UNIT.search(text)
        if bare is None:
            return None
        found.append((bare.start(), Decimal(1), bare.group(1)))
    _start, amount, unit = min(found, key=lambda item: item[0])
    basis, factor = _unit_basis(unit)
    return PackSize(amount * factor, basis)


def _count(text: str) -> PackSize | None:
    each = _EACH_COUNT.search(text)
    if each:
        return PackSize(Decimal(each.group(1)), "unit")
    pieces = _PIECES.search(text)
    if pieces:
        return PackSize(Decimal(pieces.group(1)) + Decimal(pieces.group(2) or 0), "unit")
    if _DOZEN.search(text):
        return PackSize(Decimal(12), "unit")
    if _ONE_PIECE.search(text):
        return PackSize(Decimal(1), "unit")
    if _BUNCH.search(text):
        return PackSize(Decimal(1), "bunch")
    return None


def parse_presentation(presentation: str) -> PackSize | None:
    """The content of one package of `presentation` (rules in the module docstring)."""
    if not isinstance(presentation, str):
        return None
    text = _WEIGHT_RANGE.sub(" ", strip_accents(presentation))
    size = _measure(text) or _count(text)
    if size is None or size.amount <= 0:
        return None
    return size


def unit_price(price_mxn: Decimal, pack: PackSize) -> Decimal:
    """MXN per kg, litre, piece or bunch for a shelf price of the whole package (unrounded)."""
    return price_mxn / pack.amount


@dataclass(frozen=True)
class Observation:
    """One shelf price seen at one store on one day, already per basis unit."""

    store: str
    day: date
    unit_price_mxn: Decimal


@dataclass(frozen=True)
class PriceSummary:
    """The median over stores of MXN per basis unit, and the sample behind it."""

    basis: PriceBasis
    median_mxn: Decimal
    observations: int
    stores: int
    first_date: date
    last_date: date


def summarize(observations: Iterable[Observation], basis: PriceBasis) -> PriceSummary | None:
    """Median over stores of each store's median unit price (2 decimals); None when empty."""
    by_store: dict[str, list[Decimal]] = defaultdict(list)
    days: list[date] = []
    for seen in observations:
        by_store[seen.store].append(seen.unit_price_mxn)
        days.append(seen.day)
    if not days:
        return None
    store_medians = [statistics.median(prices) for prices in by_store.values()]
    median = Decimal(statistics.median(store_medians)).quantize(CENT, rounding=ROUND_HALF_UP)
    return PriceSummary(
        basis=basis,
        median_mxn=median,
        observations=len(days),
        stores=len(by_store),
        first_date=min(days),
        last_date=max(days),
    )


@dataclass(frozen=True)
class Price:
    """What a kg, litre, piece or bunch of an ingredient costs at retail, with its source.

    `median_mxn` is the median over `stores` stores (`observations` shelf prices) seen between
    `first_date` and `last_date`; `citation` names the source and those dates.
    """

    ingredient_id: str
    basis: PriceBasis
    median_mxn: float
    observations: int
    stores: int
    first_date: date
    last_date: date
    citation: str
