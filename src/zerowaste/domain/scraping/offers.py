"""Market offers: a supermarket's shelf price for one product, read from its product page.

A page gives the current price and, when the product is on offer, the regular one (the price a
strikethrough shows); the pack size comes from the product's name or its declared size
(`domain.prices.parse_presentation`: "Leche entera 1 l", "Aguacate hass por kg", "6 pzas"), and
the unit price per kg, litre or piece follows from it. Nothing is guessed: a pack that cannot be
read leaves the unit price empty, and an offer without a positive price is not an offer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from zerowaste.domain.prices import PackSize, parse_presentation, unit_price

AVAILABILITY = ("in_stock", "out_of_stock", "limited", "preorder", "unknown")
_AVAILABILITY = {
    "instock": "in_stock",
    "instoreonly": "in_stock",
    "onlineonly": "in_stock",
    "outofstock": "out_of_stock",
    "soldout": "out_of_stock",
    "discontinued": "out_of_stock",
    "limitedavailability": "limited",
    "preorder": "preorder",
    "presale": "preorder",
    "backorder": "preorder",
}
UNIT_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class OfferDraft:
    """What a parser read from a page, before pack and unit price are worked out."""

    name: str
    url: str
    price: Decimal
    currency: str
    regular_price: Decimal | None = None
    availability: str = "unknown"
    size_text: str = ""  # a declared size ("500 g") when the page gives one apart from the name


@dataclass(frozen=True)
class MarketOffer:
    store_chain: str
    name: str
    url: str
    price: Decimal
    currency: str
    fetched_at: datetime
    regular_price: Decimal | None = None
    availability: str = "unknown"
    pack: PackSize | None = None
    unit_price: Decimal | None = None  # price per pack.basis (kg, l, unit, bunch)
    ingredient_id: str | None = None

    @property
    def on_offer(self) -> bool:
        return self.regular_price is not None and self.regular_price > self.price


def read_price(value: object) -> Decimal | None:
    """A positive price from "1,234.50", "35.9", 35.9; None otherwise."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip().replace("$", "").replace(" ", "")
    if "," in text and "." in text:
        text = text.replace(",", "")
    elif text.count(",") == 1 and len(text.split(",")[1]) == 2:
        text = text.replace(",", ".")
    try:
        price = Decimal(text)
    except InvalidOperation:
        return None
    return price if price.is_finite() and price > 0 else None


def read_availability(value: object) -> str:
    """schema.org ItemAvailability ("https://schema.org/InStock", "InStock") -> our words."""
    text = str(value or "").rsplit("/", 1)[-1].replace("_", "").replace(" ", "").lower()
    return _AVAILABILITY.get(text, "unknown")


def make_offer(
    draft: OfferDraft, store_chain: str, ingredient_id: str | None, fetched_at: datetime
) -> MarketOffer:
    """The offer with its pack and unit price; a regular price not above the price is dropped
    (it is not a discount)."""
    pack = parse_presentation(draft.name) or parse_presentation(draft.size_text)
    regular = draft.regular_price
    if regular is not None and regular <= draft.price:
        regular = None
    per_unit = unit_price(draft.price, pack).quantize(UNIT_PLACES) if pack else None
    return MarketOffer(
        store_chain=store_chain,
        name=draft.name.strip()[:300],
        url=draft.url,
        price=draft.price,
        currency=(draft.currency or "MXN").upper()[:3],
        fetched_at=fetched_at,
        regular_price=regular,
        availability=draft.availability if draft.availability in AVAILABILITY else "unknown",
        pack=pack,
        unit_price=per_unit,
        ingredient_id=ingredient_id,
    )
