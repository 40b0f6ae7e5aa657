"""Receipt and label lines as OCR reads them -> (quantity, unit, food name): pure rules.

"2x Tomate 1.20" -> 2 unit "Tomate"; "LECHE LALA 1L 23.50" -> 1 l "LECHE LALA";
"3 PZ AGUACATE HASS 45.00" -> 3 unit; "Pechuga pollo 0.750 kg" -> 0.750 kg; a line without a
quantity is one piece. Choices, each seen on Mexican and US tickets:

- Prices are numbers with two decimals or a currency sign ("1.20", "$32.90", "23,50"), or any
  number followed by a tax flag ("23.50 A"); they are kept apart, never read as quantities.
  "45.00/KG" (a price per unit) is dropped.
- A size is a number with a unit the inventory knows (units.py spellings, attached or not:
  "1L", "500 ml", "0,750 kg", "3 PZ"). A count is a leading integer ("2 Tomate"), or an integer
  next to "x"/"*"/"@" ("2x", "x2", "2 @ 12.50"). Count times size is the quantity
  ("2x LECHE 1L" -> 2 l); pieces multiply pieces ("2x HUEVO 18 PZ" -> 36 unit).
- "1,500 g" is read as 1500 g when that is a plausible amount, else the comma is a decimal
  point ("1,5 kg", "2,500 kg" -> 2.5 kg: 2500 kg is not a grocery line).
- Long digit runs (SKUs, EANs), codes mixing digits and letters, dates, times and percentages
  are noise. Lines naming totals, taxes, payment, change, or a store header (RFC, S.A. de C.V.,
  address words, well-known chains) are not items.
- A line with a quantity but no name ("1.235 kg @ 25.90/kg 31.98") completes the item above it
  when that item stated no quantity (the two-line layout of weighed produce).
The name is what is left, as printed (brand words included): matching it to a food is the
provider's job, and an unmatched name is dropped there, never guessed here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.text import strip_accents
from zerowaste.domain.shared.units import (
    are_convertible,
    convert,
    normalize_unit,
    parse_quantity,
    quantize,
)

MAX_NAME_LENGTH = 80
MAX_COUNT = 999
ONE = Decimal(1)
# Ticket abbreviations units.py does not know (US "12 ct" eggs, "ea" each).
TICKET_UNITS = {"ct": "unit", "cnt": "unit", "ea": "unit"}


def _words(text: str) -> frozenset[str]:
    """A word list written as prose: one per line would make these lists 130 lines long."""
    return frozenset(text.split())


NOT_ITEM_WORDS = _words(
    # totals, taxes, payment, change (es/en)
    "total totales subtotal subtotales iva ieps impuesto impuestos cambio efectivo tarjeta pago "
    "pagado pagar saldo debito credito redondeo donativo propina descuento descuentos ahorro "
    "ahorros ahorraste importe tax taxes change cash card visa mastercard amex debit credit "
    "balance due tender tip discount discounts coupon savings saved amount subtot"
    # headers, footers, columns
    " rfc ticket folio factura cajero cajera cliente sucursal tienda telefono tel fecha hora "
    "gracias articulos articulo vendidos cantidad cant descripcion precio receipt store phone "
    "thank thanks items qty price description cashier register transaction approved auth "
    "www com regimen fiscal domicilio calle avenida colonia cp"
    # addresses and staff ("col" is not here: it is also cabbage)
    " av blvd calz esq km atendio vendedor"
    # store words and chains seen on Mexican and US tickets (never an ingredient)
    " super supermercado minisuper abarrotes mercado market supermarket grocery"
    " walmart soriana chedraui oxxo aurrera costco sams heb superama comercial bodega "
    "kroger safeway target aldi lidl"
)
_NOT_ITEM_PHRASES = re.compile(r"\b(s a de c v|s de r l|sa de cv|su compra|thank you)\b")
_DATE_OR_TIME = re.compile(r"\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b|\b\d{1,2}:\d{2}\b")
_MONEY = re.compile(r"^[$sS]?-?\d{1,3}(?:[.,]\d{3})*[.,]\d{2}-?$|^\$-?\d+$")
_NUMBER_WORD = re.compile(r"^(\d+(?:[.,]\d+)?)([^\W\d_]+)\.?$")
_TIMES_NUMBER = re.compile(r"^[xX*](\d{1,3})$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_THOUSANDS = re.compile(r"^[1-9]\d{0,2},\d{3}$")
_TIMES = frozenset({"x", "X", "*", "@"})
_EDGE = "*#·•-–—_=+~'\"`´.,;:!?¡¿()[]{}<>|/\\"  # never "$": it marks a price


@dataclass(frozen=True)
class ReceiptLine:
    """One purchased item as printed: name as read, quantity in a canonical unit code."""

    name: str
    quantity: Decimal
    unit: str  # canonical code from units.py: unit, kg, g, l, ml, pack, can, ...
    price: Decimal | None = None  # the line's last price (its total), when printed
    lines: tuple[int, ...] = ()  # indexes of the OCR lines it was read from
    quantity_stated: bool = False  # False: no quantity on the ticket, 1 unit assumed


@dataclass
class _Scan:
    words: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    sizes: list[tuple[Decimal, str]] = field(default_factory=list)
    prices: list[Decimal] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(self.words)[:MAX_NAME_LENGTH].strip()

    @property
    def stated(self) -> bool:
        return bool(self.counts or self.sizes)


def is_not_item(text: str) -> bool:
    """Totals, taxes, payment lines, dates and store headers: never a purchased item."""
    plain = strip_accents(text)
    folded = " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())
    if _NOT_ITEM_PHRASES.search(folded) or _DATE_OR_TIME.search(text):
        return True
    squeezed = re.sub(r"[^a-z0-9 ]+", "", plain).split()  # "I.E.P.S." "Sub-Total"
    return any(word in NOT_ITEM_WORDS for word in (*folded.split(), *squeezed))


def _money(token: str) -> Decimal | None:
    if not _MONEY.match(token):
        return None
    digits = token.lstrip("$sS").replace("-", "")
    whole, cents = (digits[:-3], digits[-2:]) if "." in digits or "," in digits else (digits, "00")
    return Decimal(f"{re.sub(r'[.,]', '', whole) or '0'}.{cents}")


def _unit_code(word: str) -> str | None:
    word = word.rstrip(".")
    if word.casefold() in TICKET_UNITS:
        return TICKET_UNITS[word.casefold()]
    try:
        return normalize_unit(word)
    except InvalidInput:
        return None


def _size(number: str, word: str) -> tuple[Decimal, str] | None:
    """A plausible (amount, unit code), or None ("2,500 kg" is 2.5 kg, "1,500 g" 1500 g)."""
    code = _unit_code(word)
    if code is None:
        return None
    readings = [number.replace(",", "")] if _THOUSANDS.match(number) else []
    readings.append(number.replace(",", "."))
    for reading in readings:
        try:
            quantity = parse_quantity(reading, code)
        except InvalidInput:
            continue
        return quantity.amount, quantity.unit
    return None


def _clean_word(token: str) -> str:
    word = token.strip(_EDGE)
    letters = sum(ch.isalpha() for ch in word)
    if letters < 2 or any(ch.isdigit() for ch in word):
        return ""
    return word


def _count(text: str) -> int | None:
    """A piece count: a whole number from 1 to 999 (0 or a 13-digit code is no count)."""
    return int(text) if text.isdigit() and 0 < int(text) <= MAX_COUNT else None


def _read_number(scan: _Scan, tokens: list[str], i: int) -> int:
    """Reads a bare number at tokens[i]: size, count or noise. Returns tokens consumed."""
    number = tokens[i]
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    if i + 2 < len(tokens):  # two-word units: "52 FL OZ"
        size = _size(number, f"{after} {tokens[i + 2]}")
        if size is not None:
            scan.sizes.append(size)
            return 3
    size = _size(number, after) if after else None
    if size is not None:
        scan.sizes.append(size)
        return 2
    count = _count(number)
    if count is not None and after in _TIMES:
        scan.counts.append(count)
        return 2
    if count is not None and i == 0 and _clean_word(after):
        scan.counts.append(count)
        return 1
    money = _money(number)
    if money is not None:
        scan.prices.append(money)
    return 1  # any other bare number (a weight without unit, a code) is noise


def _read_token(scan: _Scan, tokens: list[str], i: int) -> int:
    token = tokens[i]
    if _NUMBER.match(token):
        return _read_number(scan, tokens, i)
    money = _money(token)
    if money is not None:
        scan.prices.append(money)
        return 1
    glued = _NUMBER_WORD.match(token)
    if glued and glued.group(2) in ("x", "X"):
        scan.counts.extend(c for c in [_count(glued.group(1))] if c is not None)
        return 1
    size = _size(glued.group(1), glued.group(2)) if glued else None
    if size is not None:
        scan.sizes.append(size)
        return 1
    times = _TIMES_NUMBER.match(token)
    if times:
        scan.counts.extend(c for c in [_count(times.group(1))] if c is not None)
        return 1
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    count = _count(after)
    if token in _TIMES and count is not None:
        scan.counts.append(count)
        return 2
    word = _clean_word(token)
    if word and not (len(word) <= 3 and _unit_code(word)):
        scan.words.append(word)
    return 1


def _scan(text: str) -> _Scan:
    scan = _Scan()
    # Edge punctuation off ("LALA," "23.50."), but a lone "*" or "-" stays what it is.
    tokens = [token.strip(_EDGE) or token for token in text.split()]
    i = 0
    while i < len(tokens):
        i += _read_token(scan, tokens, i)
    return scan


def _quantity(scan: _Scan) -> tuple[Decimal, str]:
    """Count times size: pieces multiply pieces, a mass/volume/pack size takes the count."""
    pieces = ONE
    for count in scan.counts:
        pieces *= count
    size: tuple[Decimal, str] | None = None
    for amount, code in scan.sizes:
        if are_convertible(code, "unit"):
            from_dozens = convert(parse_quantity(amount, code), "unit").amount
            pieces *= from_dozens
        elif size is None:
            size = (amount, code)
    if size is not None:
        return quantize(size[0] * pieces), size[1]
    return quantize(pieces), "unit"


def _line(scan: _Scan, index: int) -> ReceiptLine:
    quantity, unit = _quantity(scan)
    return ReceiptLine(
        name=scan.name,
        quantity=quantity,
        unit=unit,
        price=scan.prices[-1] if scan.prices else None,
        lines=(index,),
        quantity_stated=scan.stated,
    )


def parse_line(text: str, index: int = 0) -> ReceiptLine | None:
    """One line as an item, or None when it is not one (a total, a header, no name)."""
    if not text.strip() or is_not_item(text):
        return None
    scan = _scan(text)
    return _line(scan, index) if scan.name else None


def parse_receipt(lines: Sequence[str]) -> list[ReceiptLine]:
    """Every item of a ticket, in order; a quantity-only line completes the item above it."""
    items: list[ReceiptLine] = []
    for index, text in enumerate(lines):
        if not text.strip() or is_not_item(text):
            continue
        scan = _scan(text)
        if scan.name:
            items.append(_line(scan, index))
        elif scan.stated and items and not items[-1].quantity_stated:
            quantity, unit = _quantity(scan)
            previous = items[-1]
            items[-1] = replace(
                previous,
                quantity=quantity,
                unit=unit,
                price=scan.prices[-1] if scan.prices else previous.price,
                lines=(*previous.lines, index),
                quantity_stated=True,
            )
    return items


_FROZEN = re.compile(r"\b(congelad[oa]s?|frozen|frz)\b")


def says_frozen(text: str) -> bool:
    """Whether the ticket line itself says the item is frozen ("POLLO CONGELADO", "frozen")."""
    return bool(_FROZEN.search(strip_accents(text)))
