"""GET /api/market-data/prices: PROFECO shelf prices per basis unit, by zone and chain, trend."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.api


def prices(client, headers, query=""):
    return client.get(f"/api/market-data/prices{query}", headers=headers)


def test_prices_of_an_ingredient_are_per_kg_with_zones_chains_and_trend(client, auth_headers):
    response = prices(client, auth_headers, "?ingredient=jitomate")

    assert response.status_code == 200, response.json
    body = response.json
    product = next(p for p in body["products"] if p["basis"] == "kg")
    assert product["ingredient_id"] == "tomato" and product["name_es"]
    assert {z["city"] for z in product["by_zone"]} == {
        "Santiago de Querétaro",
        "Venustiano Carranza",
    }
    assert [z["stats"]["median_mxn"] for z in product["by_zone"]] == sorted(
        z["stats"]["median_mxn"] for z in product["by_zone"]
    )
    assert len(product["by_chain"]) > 3
    windows = product["trend"]["windows"]
    assert [w["start"] for w in windows] == [
        "2025-12-16",
        "2026-04-01",
        "2026-04-16",
        "2026-05-01",
    ]
    first, last = windows[0]["stats"]["median_mxn"], windows[-1]["stats"]["median_mxn"]
    assert product["trend"]["change_mxn"] == pytest.approx(last - first, abs=0.011)
    assert product["trend"]["seasonal_model"] is False
    assert "not a forecast" in product["trend"]["note"]
    newest = product["latest"][0]
    assert newest["date"] == "2026-05-15" or newest["date"] >= product["latest"][-1]["date"]
    assert newest["source"] == "PROFECO QQP" and newest["unit_price_mxn"] > 0
    assert product["offers"] == []
    assert body["citation"].startswith("Fuente: PROFECO")


def test_a_location_and_chain_narrow_every_figure(client, auth_headers):
    response = prices(client, auth_headers, "?ingredient=huevo&location=CDMX&store_chain=chedraui")

    assert response.status_code == 200, response.json
    body = response.json
    assert body["zones"] == [{"state": "Ciudad de México", "city": "Venustiano Carranza"}]
    assert body["store_chain"] == "Chedraui"
    assert body["products"]
    for product in body["products"]:
        assert [c["store_chain"] for c in product["by_chain"]] == ["Chedraui"]
        assert {p["city"] for p in product["latest"]} == {"Venustiano Carranza"}


def test_every_priced_ingredient_is_listed_by_pages(client, auth_headers):
    first = prices(client, auth_headers, "?per_page=5").json
    second = prices(client, auth_headers, "?per_page=5&page=2").json

    assert first["total"] > 100 and first["pages"] == -(-first["total"] // 5)
    assert len(first["products"]) == 5 and len(second["products"]) == 5
    keys = {(p["ingredient_id"], p["basis"]) for p in first["products"] + second["products"]}
    assert len(keys) == 10


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?location=Monterrey", "unknown_location"),
        ("?store_chain=Costco", "unknown_store_chain"),
        ("?ingredient=zzzzqqqq", "unknown_ingredient"),
        ("?ingredient=" + "a" * 81, "validation_error"),
        ("?per_page=51", "validation_error"),
        ("?page=0", "validation_error"),
    ],
)
def test_bad_queries_are_400_naming_the_problem(client, auth_headers, query, code):
    response = prices(client, auth_headers, query)

    assert response.status_code == 400, response.json
    assert response.json["code"] == code


def test_an_unknown_location_lists_the_known_ones(client, auth_headers):
    response = prices(client, auth_headers, "?location=Monterrey")

    assert "Querétaro" in response.json["details"]["allowed"]


def test_prices_need_a_token(client):
    assert prices(client, {}).status_code == 401


def test_promotions_read_by_the_price_scrapers_are_the_current_offers(client, app, auth_headers):
    """Offers come from `market_offers` (the scrape_prices job): a page whose price is below its
    regular price, in pesos; a chain asked for by its PROFECO name finds the scrapers' chain."""
    from datetime import UTC, datetime
    from decimal import Decimal

    from zerowaste.domain.prices import PackSize
    from zerowaste.domain.scraping.offers import MarketOffer

    now = datetime.now(UTC)
    kilo = PackSize(Decimal(1), "kg")

    def offer(chain: str, url: str, price: str, regular: str | None) -> MarketOffer:
        return MarketOffer(
            store_chain=chain,
            name=f"Jitomate saladette {chain}",
            url=url,
            price=Decimal(price),
            currency="MXN",
            fetched_at=now,
            regular_price=Decimal(regular) if regular else None,
            pack=kilo,
            unit_price=Decimal(price),
            ingredient_id="tomato",
        )

    app.extensions["zerowaste.services"].market_offers.add(
        [
            offer("Walmart", "https://www.walmart.com.mx/jitomate/p", "24.90", "32.50"),
            offer("Soriana", "https://www.soriana.com/jitomate/p", "29.00", None),  # shelf price
        ]
    )

    everywhere = prices(client, auth_headers, "?ingredient=jitomate").json["products"]
    at_walmart = prices(client, auth_headers, "?ingredient=jitomate&store_chain=wal-mart").json
    at_chedraui = prices(client, auth_headers, "?ingredient=jitomate&store_chain=chedraui").json

    offers = next(p for p in everywhere if p["basis"] == "kg")["offers"]
    assert [(o["store_chain"], o["price_mxn"], o["basis"]) for o in offers] == [
        ("Walmart", 24.9, "kg")
    ]
    assert offers[0]["url"] == "https://www.walmart.com.mx/jitomate/p"
    assert next(p for p in at_walmart["products"] if p["basis"] == "kg")["offers"] == offers
    assert all(p["offers"] == [] for p in at_chedraui["products"])
