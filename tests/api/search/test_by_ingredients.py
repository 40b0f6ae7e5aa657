"""POST /api/search/by-ingredients: what the caller can make from the foods listed or from their
stock, with fulfilment %, what each recipe uses and what is missing (quantities and units)."""

from __future__ import annotations

import pytest

from tests.api.inventory.helpers import (  # noqa: F401  (fixtures)
    add,
    app_fixture,
    clock_fixture,
    line,
)

pytestmark = pytest.mark.api
URL = "/api/search/by-ingredients"


def find(client, headers, status=200, **body):
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == status, response.json
    return response.json


def test_listed_foods_rank_recipes_by_how_much_of_them_is_covered(client, auth_headers):
    mine = ["espinaca", "arroz", "cebolla", "ajo"]
    found = find(client, auth_headers, items=[{"name": n} for n in mine], per_page=50)

    results = found["results"]
    assert found["total"] > 50 and len(results) == 50
    percents = [r["fulfilment"] for r in results]
    assert percents == sorted(percents, reverse=True) and 0 < percents[-1] <= percents[0] <= 100
    for recipe in results:
        assert recipe["have"] and {h["stock_name"] for h in recipe["have"]} <= set(mine)
    casserole = (
        find(client, auth_headers, items=[{"name": n} for n in mine], per_page=50, page=2)[
            "results"
        ]
        + results
    )
    spinach = next(r for r in casserole if r["title"] == "Spinach-Rice Casserole")
    assert "espinaca" in {h["stock_name"] for h in spinach["have"]}
    assert {m["name"] for m in spinach["missing"]} >= {"Brown Rice"}


def test_stock_quantities_and_units_say_how_much_is_missing(client, auth_headers, clock):
    add(client, auth_headers, line("Espinaca", 100, "g", expiration_time=3))
    found = find(client, auth_headers, use_stock=True, per_page=50)

    casserole = next(r for r in found["results"] if r["title"] == "Spinach-Rice Casserole")
    spinach = next(h for h in casserole["have"] if h["stock_name"] == "Espinaca")
    short = next(m for m in casserole["missing"] if m["stock_name"] == "Espinaca")
    # the recipe asks for 2 lb (907 g): the 100 g in stock are used, the rest is missing
    assert spinach["unit"] == short["unit"] == "lb"
    assert 0.2 < spinach["quantity"] < 0.25 and 1.75 < short["quantity"] < 1.8


def test_filters_apply_to_what_can_be_made(client, auth_headers):
    found = find(
        client,
        auth_headers,
        items=[{"name": "pollo"}, {"name": "arroz"}],
        filters={"diet": ["vegetarian"], "max_minutes": 60},
        per_page=50,
    )

    for recipe in found["results"]:
        assert (
            "chicken" not in recipe["title"].casefold()
            and "pollo" not in recipe["title"].casefold()
        )
        assert recipe["minutes"] is not None and recipe["minutes"] <= 60


def test_another_households_stock_is_never_used(client, auth_headers, other_headers, clock):
    add(client, auth_headers, line("Espinaca", 100, "g", expiration_time=3))

    found = find(client, other_headers, status=400, use_stock=True)

    assert found["code"] == "empty_inventory"


def test_an_empty_inventory_is_a_clear_400(client, auth_headers):
    found = find(client, auth_headers, status=400, use_stock=True)

    assert found["code"] == "empty_inventory"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"items": []},
        {"items": [{"name": "arroz"}], "use_stock": True},
        {"items": [{"name": ""}]},
        {"items": [{"name": "arroz", "quantity": -1, "unit": "g"}]},
        {"items": [{"name": "arroz", "quantity": "mucho"}]},
        {"items": "arroz"},
        {"items": [{"name": "arroz"}], "per_page": 0},
        {"items": [{"name": "arroz"}], "filters": {"category": "brunch"}},
    ],
)
def test_bad_input_is_a_400(client, auth_headers, body):
    response = client.post(URL, json=body, headers=auth_headers)

    assert response.status_code == 400 and response.json["code"] == "validation_error"
