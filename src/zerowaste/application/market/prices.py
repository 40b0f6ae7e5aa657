"""`GET /api/market-data/prices`: shelf prices per kg / L / piece / bunch of the master's
ingredients, compared by zone and chain, with the trend between the data's dated windows
(`domain.market.prices` says what each figure is) and current offers when a source has them.

The answer is paged by product (an ingredient in one price basis: eggs are priced per piece
and per kg); a location or chain the data does not know is a 400 naming the known ones, an
ingredient the master does not know a 400 too. An ingredient the master knows but PROFECO did
not price answers no products.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from zerowaste.application.market.ports import (
    CulinaryData,
    CurrentOffers,
    Offer,
    PriceObservations,
)
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.market.places import matching_chain, matching_zones
from zerowaste.domain.market.prices import (
    Group,
    PricePoint,
    Stats,
    Trend,
    chain,
    grouped,
    stats,
    trend,
    zone,
)
from zerowaste.domain.prices import PriceBasis
from zerowaste.domain.search.ranking import page_of
from zerowaste.domain.shared.errors import InvalidInput

LATEST = 10  # newest shelf prices shown per product


@dataclass(frozen=True)
class ProductPrices:
    ingredient_id: str
    name_es: str
    name_en: str
    basis: PriceBasis
    stats: Stats
    by_zone: list[Group]
    by_chain: list[Group]
    trend: Trend
    latest: list[PricePoint]  # newest first
    offers: list[Offer]


@dataclass(frozen=True)
class PriceReport:
    products: list[ProductPrices]
    total: int
    page: int
    per_page: int
    zones: list[tuple[str, str]]  # what `location` named (every zone when none was given)
    store_chain: str | None
    citation: str | None  # None when no price was shown


class MarketPrices:
    def __init__(
        self,
        observations: PriceObservations,
        catalog: ReferenceCatalog,
        culinary: CulinaryData,
        offers: CurrentOffers,
    ) -> None:
        self._observations = observations
        self._catalog = catalog
        self._culinary = culinary
        self._offers = offers

    def report(
        self,
        ingredient: str | None,
        location: str | None,
        store_chain: str | None,
        page: int = 1,
        per_page: int = 20,
    ) -> PriceReport:
        ingredient_id = self._ingredient(ingredient) if ingredient else None
        known_zones = self._observations.zones()
        zones = matching_zones(location, known_zones) if location else None
        chain_name = (
            matching_chain(store_chain, self._observations.chains()) if store_chain else None
        )
        points = self._observations.points(ingredient_id, zones, chain_name)
        groups: dict[tuple[str, PriceBasis], list[PricePoint]] = defaultdict(list)
        for point in points:
            groups[(point.ingredient_id, point.basis)].append(point)
        names = self._culinary.ingredient_names()
        order = sorted(groups, key=lambda k: (names.get(k[0], (k[0], ""))[0].casefold(), k))
        paged = page_of(order, page, per_page)
        products = [self._product(key, groups[key], names, chain_name) for key in paged.items]
        citation = (
            self._observations.citation(
                min(p.stats.first_date for p in products),
                max(p.stats.last_date for p in products),
            )
            if products
            else None
        )
        return PriceReport(
            products,
            paged.total,
            paged.page,
            paged.per_page,
            zones or known_zones,
            chain_name,
            citation,
        )

    def _ingredient(self, name: str) -> str:
        found = self._catalog.match(name)
        if found is None:
            raise InvalidInput(
                f"Unknown ingredient: {name}", code="unknown_ingredient", details={"name": name}
            )
        return found.ingredient_id

    def _product(
        self,
        key: tuple[str, PriceBasis],
        points: list[PricePoint],
        names: dict[str, tuple[str, str]],
        chain_name: str | None,
    ) -> ProductPrices:
        ingredient_id, basis = key
        name_es, name_en = names.get(ingredient_id, (ingredient_id, ingredient_id))
        overall, moves = stats(points), trend(points)
        if overall is None or moves is None:  # pragma: no cover - groups are never empty
            raise ValueError("a product without prices")
        newest = sorted(points, key=lambda p: (p.day, p.unit_price_mxn), reverse=True)
        return ProductPrices(
            ingredient_id=ingredient_id,
            name_es=name_es,
            name_en=name_en,
            basis=basis,
            stats=overall,
            by_zone=grouped(points, zone),
            by_chain=grouped(points, chain),
            trend=moves,
            latest=newest[:LATEST],
            offers=self._offers.current(ingredient_id, chain_name),
        )
