"""MarketPrices on fakes: pages by product, offers from the CurrentOffers port read fresh, the
figures of a query kept for a while (the data changes only at import)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from tests.fakes import FixedClock
from tests.unit.market.test_prices import point
from zerowaste.application.market.ports import NoCurrentOffers, Offer
from zerowaste.application.market.prices import MEMO_SECONDS, MarketPrices
from zerowaste.domain.reference import IngredientMatch
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit


class FakeObservations:
    def __init__(self, points):
        self.rows = points
        self.reads = 0

    def products(self, zones, chain):
        return sorted({(p.ingredient_id, p.basis) for p in self._kept(zones, chain)})

    def points(self, ingredient_ids, zones, chain):
        self.reads += 1
        return [p for p in self._kept(zones, chain) if p.ingredient_id in ingredient_ids]

    def zones(self):
        return sorted({(p.state, p.city) for p in self.rows})

    def chains(self):
        return sorted({p.chain for p in self.rows})

    def citation(self, first, last):
        return f"PROFECO {first} {last}"

    def _kept(self, zones, chain):
        return [
            p
            for p in self.rows
            if (zones is None or (p.state, p.city) in zones) and chain in (None, p.chain)
        ]


class FakeCatalog:
    def match(self, name):
        if name != "jitomate":
            return None
        return IngredientMatch("tomato", "Jitomate", "Tomato", "vegetable", 100, "name_es")


class FakeCulinary:
    def ingredient_names(self):
        return {"tomato": ("Jitomate", "Tomato")}


class OneOffer:
    def __init__(self):
        self.calls = 0

    def current(self, ingredient_id, store_chain):
        self.calls += 1
        return [
            Offer(ingredient_id, "Soriana", "2x1", Decimal("20"), None, None, None, None, "flyer")
        ]


def service(offers=None, clock=None):
    rows = [
        point("a", date(2026, 4, 2), "20"),
        point("b", date(2026, 5, 2), "30", chain_name="Walmart", city="Venustiano Carranza"),
    ]
    observations = FakeObservations(rows)
    clock = clock or FixedClock(datetime(2026, 6, 1, tzinfo=UTC))
    prices = MarketPrices(
        observations, FakeCatalog(), FakeCulinary(), offers or NoCurrentOffers(), clock
    )
    return prices, observations, clock


def test_a_report_compares_zones_and_chains_and_cites_its_dates():
    prices, _, _ = service()

    report = prices.report("jitomate", None, None)

    (product,) = report.products
    assert [g.key for g in product.by_chain] == [("Soriana",), ("Walmart",)]
    assert product.stats.median_mxn == Decimal("25.00") and product.offers == []
    assert report.citation == "PROFECO 2026-04-02 2026-05-02"


def test_offers_come_from_the_port_on_every_call_while_figures_are_kept():
    offers = OneOffer()
    prices, observations, clock = service(offers)

    prices.report(None, "cdmx", None)
    again = prices.report(None, "cdmx", None)

    assert observations.reads == 1 and offers.calls == 2
    assert again.products[0].offers[0].title == "2x1"
    clock.advance(timedelta(seconds=MEMO_SECONDS + 1))
    prices.report(None, "cdmx", None)
    assert observations.reads == 2


def test_an_unknown_ingredient_is_refused_before_any_read():
    prices, observations, _ = service()

    with pytest.raises(InvalidInput) as refused:
        prices.report("unobtainium", None, None)

    assert refused.value.code == "unknown_ingredient" and observations.reads == 0
