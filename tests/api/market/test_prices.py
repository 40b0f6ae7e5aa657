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
