"""PROFECO QQP shelf prices -> ref_market_prices rows (one per store, day and presentation),
imported by `zerowaste data-import` as its own dataset (`market_prices`, versioned and
replaced in one transaction like the ref_* datasets), and the read adapter with the citation.

The same steps as the medians of ref_prices (reference/prices.py), so both tell the same
story: rows repeated under two survey catalogs count once, non-food categories are skipped,
products map to the master through `price_map` (never fuzzily), a presentation whose content
cannot be read is skipped, never guessed; the store key is chain + coordinates.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy import Engine

from zerowaste.domain.prices import parse_presentation, unit_price
from zerowaste.domain.shared.text import strip_accents
from zerowaste.infrastructure.db.market import SqlAlchemyPriceObservations
from zerowaste.infrastructure.reference import datapack, importer, prices
from zerowaste.infrastructure.reference.datapack import Dataset, Row
from zerowaste.infrastructure.reference.price_map import NON_FOOD_CATEGORIES

UNIT_PLACES = Decimal("0.0001")


def observation_rows(data_dir: Path) -> list[Row]:
    """One row per mapped, readable shelf price, in the file's order."""
    mapper = prices.ProductMapper(datapack.parse_ingredients(data_dir))
    rows: list[Row] = []
    for record in prices._read(data_dir / prices.PRICES_FILE):  # the medians' reading
        if strip_accents(record["category"]) in NON_FOOD_CATEGORIES:
            continue
        mapped = mapper.map(record["product"], record["presentation"], record["brand"])
        pack = parse_presentation(record["presentation"]) if mapped else None
        if mapped is None or pack is None:
            continue
        try:
            price = Decimal(record["price_mxn"])
            day = date.fromisoformat(record["date"])
        except (InvalidOperation, ValueError):
            continue
        if not price.is_finite() or price <= 0:
            continue
        rows.append(
            {
                "ingredient_id": mapped.ingredient_id,
                "product": record["product"][:160],
                "presentation": record["presentation"][:255],
                "brand": record["brand"][:160],
                "chain": record["chain"][:120],
                "store_key": f"{record['chain']}@{record['lat']},{record['lon']}"[:200],
                "store_name": record["store_name"][:255],
                "state": record["state"][:120],
                "municipality": record["municipality"][:120],
                "day": day,
                "price_mxn": price,
                "basis": pack.basis,
                "unit_price_mxn": unit_price(price, pack).quantize(UNIT_PLACES, ROUND_HALF_UP),
            }
        )
    return rows


MARKET_PRICES = Dataset(
    "market_prices",
    "ref_market_prices",
    (prices.PRICES_FILE, datapack.INGREDIENTS_FILE),
    observation_rows,
)


def import_market_prices(engine: Engine, data_dir: Path) -> int | None:
    """Replace the stored shelf prices when the files (or this parser) changed: rows written,
    or None when unchanged."""
    return importer.import_dataset(engine, MARKET_PRICES, Path(data_dir))


class ProfecoPrices(SqlAlchemyPriceObservations):
    """The stored shelf prices, with PROFECO's citation (reference/prices.py's wording)."""

    def citation(self, first: date, last: date) -> str:
        return prices.citation(first, last)
