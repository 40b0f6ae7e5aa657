"""Responses of `GET /api/market-data/prices` (each the dump of the schema documenting it)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from zerowaste.domain.market.prices import SEASONAL_MODEL_DAYS, Trend
from zerowaste.interface.http import response_fields as f

BASES = ["kg", "l", "unit", "bunch"]
OFFERS_NOTE = (
    "Current offers are promotions (a price below the page's regular price) read from "
    "supermarket pages by the price scrapers in the last 7 days; empty unless the deployment "
    "enables price sources (PRICE_SOURCES)."
)


def _trend_note(trend: Trend) -> str:
    count = len(trend.windows)
    return (
        f"Observed over {count} dated window{'s' if count != 1 else ''} (PROFECO fortnights) "
        f"spanning {trend.span_days} days; a record of what prices did, not a forecast. No "
        f"seasonal model: that needs {SEASONAL_MODEL_DAYS} days (two years) of prices."
    )


class PriceStatsSchema(Schema):
    median_mxn = f.Float(required=True, metadata={"description": "median over stores, per basis"})
    min_mxn = f.Float(required=True)
    max_mxn = f.Float(required=True)
    observations = f.Integer(required=True)
    stores = f.Integer(required=True)
    first_date = fields.Date(required=True)
    last_date = fields.Date(required=True)


class ZonePricesSchema(Schema):
    state = f.String(required=True, source=lambda g: g.key[0])
    city = f.String(required=True, source=lambda g: g.key[1])
    stats = f.Nested(PriceStatsSchema, required=True)


class ChainPricesSchema(Schema):
    store_chain = f.String(required=True, source=lambda g: g.key[0])
    stats = f.Nested(PriceStatsSchema, required=True)


class PriceWindowSchema(Schema):
    start = fields.Date(required=True)
    end = fields.Date(required=True)
    stats = f.Nested(PriceStatsSchema, required=True)


class PriceTrendSchema(Schema):
    windows = f.List(f.Nested(PriceWindowSchema), required=True)
    change_mxn = f.Float(required=True, allow_none=True, metadata={"description": "last - first"})
    change_pct = f.Float(required=True, allow_none=True)
    same_store_change_pct = f.Float(
        required=True,
        allow_none=True,
        metadata={"description": "median change of the stores seen in both windows"},
    )
    same_stores = f.Integer(required=True)
    spread_mxn = f.Float(required=True, metadata={"description": "dearest - cheapest window"})
    spread_pct = f.Float(required=True)
    direction = f.String(
        required=True, metadata={"enum": ["rose", "fell", "stable", "single_window"]}
    )
    span_days = f.Integer(required=True)
    seasonal_model = f.Boolean(required=True)
    note = f.String(required=True, source=_trend_note)


class ShelfPriceSchema(Schema):
    date = fields.Date(required=True, attribute="day")
    store_chain = f.String(required=True, source=lambda p: p.chain)
    store_name = f.String(required=True)
    city = f.String(required=True)
    state = f.String(required=True)
    product = f.String(required=True)
    presentation = f.String(required=True)
    brand = f.String(required=True)
    price_mxn = f.Float(required=True, metadata={"description": "the whole presentation"})
    unit_price_mxn = f.Float(required=True, metadata={"description": "per basis unit"})
    basis = f.String(required=True, metadata={"enum": BASES})
    source = f.Constant("PROFECO QQP")


class OfferSchema(Schema):
    ingredient_id = f.String(required=True)
    store_chain = f.String(required=True)
    title = f.String(required=True)
    price_mxn = f.Float(required=True)
    unit_price_mxn = f.Float(required=True, allow_none=True)
    basis = f.String(required=True, allow_none=True)
    valid_from = fields.Date(required=True, allow_none=True)
    valid_until = fields.Date(required=True, allow_none=True)
    source = f.String(required=True)
    url = f.String(required=True, allow_none=True)


class ProductPricesSchema(Schema):
    ingredient_id = f.String(required=True)
    name_es = f.String(required=True)
    name_en = f.String(required=True)
    basis = f.String(required=True, metadata={"enum": BASES})
    stats = f.Nested(PriceStatsSchema, required=True)
    by_zone = f.List(f.Nested(ZonePricesSchema), required=True)
    by_chain = f.List(f.Nested(ChainPricesSchema), required=True)
    trend = f.Nested(PriceTrendSchema, required=True)
    latest = f.List(f.Nested(ShelfPriceSchema), required=True)
    offers = f.List(f.Nested(OfferSchema), required=True)


class ZoneSchema(Schema):
    state = f.String(required=True, source=lambda z: z[0])
    city = f.String(required=True, source=lambda z: z[1])


def _pages(report: Any) -> int:
    return int(-(-report.total // report.per_page))


class PriceReportSchema(Schema):
    products = f.List(f.Nested(ProductPricesSchema), required=True)
    total = f.Integer(required=True)
    page = f.Integer(required=True)
    per_page = f.Integer(required=True)
    pages = f.Integer(required=True, source=_pages)
    zones = f.List(f.Nested(ZoneSchema), required=True)
    store_chain = f.String(required=True, allow_none=True)
    citation = f.String(required=True, allow_none=True)
    offers_note = f.Constant(OFFERS_NOTE)


DEFINITIONS = [
    ("PriceStats", PriceStatsSchema),
    ("ZonePrices", ZonePricesSchema),
    ("ChainPrices", ChainPricesSchema),
    ("PriceWindow", PriceWindowSchema),
    ("PriceTrend", PriceTrendSchema),
    ("ShelfPrice", ShelfPriceSchema),
    ("Offer", OfferSchema),
    ("ProductPrices", ProductPricesSchema),
    ("Zone", ZoneSchema),
    ("PriceReport", PriceReportSchema),
]
