"""The generic schema.org Product/Offer parser and the supermarket plugins, on SYNTHETIC pages
(tests/fixtures/market_pages: written for these tests, no real store's page)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from zerowaste.domain.prices import PackSize
from zerowaste.domain.scraping.offers import make_offer
from zerowaste.infrastructure.scrapers.schema_org import parse_offers
from zerowaste.infrastructure.scrapers.supermarkets import (
    SUPERMARKETS,
    PriceSourceError,
    enabled_sources,
)

pytestmark = pytest.mark.unit

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "market_pages"
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
URL = "https://www.heb.com.mx/leche-entera-lala-1-l/p"


def page(name: str) -> str:
    return (PAGES / f"synthetic_{name}.html").read_text()


def test_json_ld_offer_with_a_strikethrough_price_is_an_offer_with_its_regular_price():
    (draft,) = parse_offers(page("jsonld_offer"), URL)
    offer = make_offer(draft, "HEB", "milk", NOW)

    assert (offer.name, offer.price, offer.regular_price) == (
        "Leche Entera Lala 1 l",
        Decimal("27.50"),
        Decimal("31.00"),
    )
    assert offer.currency == "MXN" and offer.availability == "in_stock" and offer.on_offer
    assert offer.pack == PackSize(Decimal(1), "l") and offer.unit_price == Decimal("27.5000")
    assert offer.url == URL


def test_microdata_offer_reads_price_availability_and_a_per_kg_pack():
    (draft,) = parse_offers(page("microdata"), "https://www.soriana.com/aguacate")
    offer = make_offer(draft, "Soriana", "avocado", NOW)

    assert (offer.price, offer.regular_price, offer.availability) == (
        Decimal("64.90"),
        None,
        "out_of_stock",
    )
    assert offer.pack == PackSize(Decimal(1), "kg") and offer.unit_price == Decimal("64.9000")


def test_aggregate_offer_takes_its_low_price_and_the_declared_size_gives_the_unit_price():
    drafts = parse_offers(page("aggregate_size"), "https://www.chedraui.com.mx/frijol")
    (draft,) = drafts  # the microdata copy without offers adds nothing
    offer = make_offer(draft, "Chedraui", "black_beans", NOW)

    assert offer.price == Decimal("38.5") and offer.regular_price == Decimal("45.0")
    assert offer.pack == PackSize(Decimal("0.900"), "kg")
    assert offer.unit_price == Decimal("42.7778")  # 38.50 / 0.9 kg


def test_a_page_without_a_priced_product_gives_no_offer():
    assert parse_offers(page("no_product"), "https://www.walmart.com.mx/x") == []
    assert parse_offers("<html><body>plain</body></html>", "https://www.walmart.com.mx/") == []
    assert parse_offers("", "https://www.walmart.com.mx/") == []


def test_each_supermarket_is_a_thin_configuration_reading_only_its_own_hosts():
    heb = SUPERMARKETS["heb"]

    assert len(heb.parse(page("jsonld_offer"), URL)) == 1
    assert heb.parse(page("jsonld_offer"), "https://www.soriana.com/leche") == []
    assert {s.store_chain for s in SUPERMARKETS.values()} == {
        "Walmart",
        "Soriana",
        "Chedraui",
        "HEB",
    }


def test_sources_are_off_unless_enabled_with_their_product_urls(tmp_path):
    seeds = tmp_path / "seeds.json"
    seeds.write_text('{"heb": ["https://www.heb.com.mx/leche/p"], "walmart": []}')

    assert enabled_sources((), None) == []
    (heb,) = enabled_sources(("heb",), seeds)
    assert heb.urls == ("https://www.heb.com.mx/leche/p",)
    with pytest.raises(PriceSourceError):
        enabled_sources(("oxxo",), seeds)
    with pytest.raises(PriceSourceError):
        enabled_sources(("heb",), None)
    seeds.write_text('{"heb": ["https://www.walmart.com.mx/leche"]}')
    with pytest.raises(PriceSourceError):
        enabled_sources(("heb",), seeds)
