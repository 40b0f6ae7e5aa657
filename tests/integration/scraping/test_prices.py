"""The beat's scrape_prices: enabled sources' product pages (SYNTHETIC, served on 127.0.0.1)
are fetched politely, parsed, mapped to the ingredient master and stored in market_offers;
`current_offers` answers the latest offer of each page, cheapest per unit first."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.conftest import make_settings
from tests.fakes.sites import Reply
from zerowaste.application.scraping.prices import PriceScraping
from zerowaste.config import DATA_DIR
from zerowaste.domain.scraping.offers import OfferDraft, make_offer
from zerowaste.entrypoints.worker import BEAT_SCHEDULE, SCHEDULED_TASKS, SCRAPE_PRICES
from zerowaste.infrastructure.db.market_offers import SqlAlchemyMarketOffers
from zerowaste.infrastructure.db.session import make_engine, make_session_factory
from zerowaste.infrastructure.reference.catalog import DataPackCatalog
from zerowaste.infrastructure.reference.recipe_foods import RecipeFoodMatcher
from zerowaste.infrastructure.scrapers.products import MasterProductMapper
from zerowaste.infrastructure.scrapers.supermarkets import SUPERMARKETS

pytestmark = pytest.mark.integration

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "market_pages"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.at = now

    def now(self) -> datetime:
        return self.at


@pytest.fixture(scope="module")
def mapper() -> MasterProductMapper:
    return MasterProductMapper(RecipeFoodMatcher(DataPackCatalog.from_data_dir(DATA_DIR)))


def test_enabled_sources_are_scraped_into_current_offers(engine, site, make_fetcher, mapper):
    site.page("/robots.txt", "User-agent: *\nDisallow: /cart\n")
    site.page("/leche/p", (PAGES / "synthetic_jsonld_offer.html").read_text())
    site.page("/aguacate/p", (PAGES / "synthetic_microdata.html").read_text())
    site.serve("/gone/p", Reply(404, "no", "text/plain"))
    host = ("127.0.0.1",)
    heb = replace(SUPERMARKETS["heb"], hosts=host, urls=(site.url("/leche/p"),))
    soriana = replace(
        SUPERMARKETS["soriana"],
        hosts=host,
        urls=(site.url("/aguacate/p"), site.url("/gone/p"), site.url("/cart")),
    )
    clock = Clock(datetime(2026, 11, 30, 6, tzinfo=UTC))
    offers = SqlAlchemyMarketOffers(make_session_factory(engine), clock.now)
    fetcher, _ = make_fetcher()
    scraping = PriceScraping(fetcher, [heb, soriana], offers, mapper, clock)

    report = scraping.scrape()

    assert (report.pages, report.offers, report.mapped) == (2, 2, 2)
    assert report.failed == {
        site.url("/gone/p"): "http_error",
        site.url("/cart"): "robots_disallowed",
    }
    (milk,) = offers.current_offers("milk")
    assert (milk.store_chain, milk.price, milk.regular_price) == (
        "HEB",
        Decimal("27.50"),
        Decimal("31.00"),
    )
    assert (
        milk.unit_price == Decimal("27.5000") and milk.pack is not None and milk.pack.basis == "l"
    )
    assert milk.fetched_at == clock.at and milk.url == site.url("/leche/p")
    (avocado,) = scraping.current_offers("avocado", "Soriana")
    assert avocado.availability == "out_of_stock" and avocado.unit_price == Decimal("64.9000")
    assert offers.current_offers("avocado", "HEB") == []


@pytest.fixture
def any_engine(db_url: str, tmp_path: Path) -> Iterator[Engine]:
    """SQLite and MariaDB (migrated with 0025 by the session's fixtures)."""
    eng = make_engine(make_settings(tmp_path, database_url=db_url))
    yield eng
    eng.dispose()


def test_current_offers_are_the_latest_per_page_recent_and_cheapest_first(any_engine):
    engine = any_engine
    clock = Clock(datetime(2026, 11, 30, 6, tzinfo=UTC))
    offers = SqlAlchemyMarketOffers(make_session_factory(engine), clock.now)

    def seen(chain: str, url: str, price: str, days_ago: int) -> None:
        draft = OfferDraft("Leche entera 1 l", url, Decimal(price), "MXN")
        offers.add([make_offer(draft, chain, "milk", clock.at - timedelta(days=days_ago))])

    seen("HEB", "https://heb.example/leche", "30.00", 3)
    seen("HEB", "https://heb.example/leche", "28.00", 1)  # the latest of this page
    seen("Walmart", "https://walmart.example/leche", "26.00", 2)
    seen("Soriana", "https://soriana.example/leche", "20.00", 30)  # too old

    current = offers.current_offers("milk")

    assert [(o.store_chain, o.price) for o in current] == [
        ("Walmart", Decimal("26.00")),
        ("HEB", Decimal("28.00")),
    ]
    assert offers.delete_before(clock.at - timedelta(days=10)) == 1


def test_scrape_prices_is_a_daily_beat_task_and_a_no_op_without_sources(app):
    assert BEAT_SCHEDULE["scrape-prices"]["task"] == SCRAPE_PRICES
    run, _summary = SCHEDULED_TASKS[SCRAPE_PRICES]
    services = app.extensions["zerowaste.services"]

    assert services.price_scraping.enabled == []
    assert run(services) == "0 pages, 0 offers (0 mapped), 0 failed"


@pytest.mark.parametrize(
    ("name", "ingredient"),
    [
        ("Leche Entera Lala 1 l", "milk"),
        ("Aguacate Hass por kg", "avocado"),
        ("Frijol Negro Verde Valle 900 g", "black_beans"),
        ("Leche Lala sabor Chocolate 1 l", None),  # the price map's exclusion for milk
        ("Ajo en polvo McCormick 45 g", None),  # garlic powder is not garlic
        ("Refresco de naranja 600 ml", None),  # not an orange
        ("Jabón Zote 400 g", None),
    ],
)
def test_product_names_map_to_the_master_only_when_sure(mapper, name, ingredient):
    assert mapper.ingredient_of(name) == ingredient
