"""The generic schema.org Product/Offer parser (JSON-LD and microdata, read by extruct).

Per product: its name, and per offer the current price (`price`, else an AggregateOffer's
`lowPrice`, else a price specification's), the currency, the availability, and the regular
price when the page shows one: a `priceSpecification` whose priceType is StrikethroughPrice or
ListPrice (Google's markup for "was"), or an offer's `highPrice` above its price. The pack
size comes from the name (domain.offers), else from the product's `size`/`weight`
(QuantitativeValue: value + unitCode KGM, GRM, LTR, MLT, H87 pieces).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import extruct

from zerowaste.domain.scraping.offers import OfferDraft, read_availability, read_price

log = logging.getLogger(__name__)

_UNIT_CODES = {"KGM": "kg", "GRM": "g", "LTR": "l", "MLT": "ml", "H87": "pzas", "C62": "pzas"}
_REGULAR_TYPES = ("strikethroughprice", "listprice", "msrp", "srp")
MAX_PRODUCTS = 50


def parse_offers(html: str, url: str) -> list[OfferDraft]:
    """Every priced offer of every Product on the page (at most MAX_PRODUCTS products)."""
    try:
        data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "microdata"], uniform=True)
    except Exception as exc:  # extruct raises what its parsers raise on broken markup
        log.info("structured data of %s unreadable: %r", url, exc)
        return []
    drafts: list[OfferDraft] = []
    products = [p for items in data.values() for p in _products(items)][:MAX_PRODUCTS]
    for product in products:
        drafts.extend(_drafts(product, url))
    return _unique(drafts)


def _products(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _products(item)
    elif isinstance(node, dict):
        if _is(node, "Product"):
            yield node
        for key in ("@graph", "mainEntity", "itemListElement", "item"):
            if key in node:
                yield from _products(node[key])


def _is(node: dict[str, Any], kind: str) -> bool:
    types = node.get("@type")
    names = types if isinstance(types, list) else [types]
    return any(str(t).rsplit("/", 1)[-1] == kind for t in names if t)


def _drafts(product: dict[str, Any], page_url: str) -> Iterator[OfferDraft]:
    name = _text(product.get("name"))
    if not name:
        return
    size = _size(product)
    for offer in _offers(product.get("offers")):
        price = read_price(offer.get("price")) or read_price(offer.get("lowPrice"))
        specs = _list(offer.get("priceSpecification"))
        current = [s for s in specs if not _regular_spec(s)]
        if price is None and current:
            price = read_price(current[0].get("price"))
        if price is None:
            continue
        regular = next(
            (read_price(s.get("price")) for s in specs if _regular_spec(s)), None
        ) or read_price(offer.get("highPrice"))
        currency = _text(offer.get("priceCurrency")) or next(
            (_text(s.get("priceCurrency")) for s in specs if s.get("priceCurrency")), ""
        )
        yield OfferDraft(
            name=name,
            url=_text(offer.get("url")) or _text(product.get("url")) or page_url,
            price=price,
            currency=currency or "MXN",
            regular_price=regular,
            availability=read_availability(offer.get("availability")),
            size_text=size,
        )


def _offers(node: Any) -> Iterator[dict[str, Any]]:
    for item in _list(node):
        if _is(item, "AggregateOffer") and item.get("offers"):
            yield from _offers(item["offers"])
        else:
            yield item


def _regular_spec(spec: dict[str, Any]) -> bool:
    kind = _text(spec.get("priceType")).rsplit("/", 1)[-1].lower()
    return kind in _REGULAR_TYPES


def _size(product: dict[str, Any]) -> str:
    for key in ("size", "weight", "netContent"):
        value = product.get(key)
        if isinstance(value, dict):
            amount, unit = _text(value.get("value")), _text(value.get("unitCode")).upper()
            text = f"{amount} {_UNIT_CODES.get(unit, _text(value.get('unitText')))}".strip()
        else:
            text = _text(value)
        if text:
            return text
    return ""


def _list(node: Any) -> list[dict[str, Any]]:
    items = node if isinstance(node, list) else [node]
    return [item for item in items if isinstance(item, dict)]


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or value.get("@id") or ""
    return str(value).strip() if value is not None else ""


def _unique(drafts: list[OfferDraft]) -> list[OfferDraft]:
    """JSON-LD and microdata often describe the same offer twice: keep it once."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for draft in drafts:
        key = (draft.name.casefold(), draft.url, str(draft.price))
        if key not in seen:
            seen.add(key)
            kept.append(draft)
    return kept
