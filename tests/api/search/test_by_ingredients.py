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


def walk(client, headers, per_page, **body):
    """Every result, page after page."""
    found, page = [], 1
    while True:
        answer = find(client, headers, per_page=per_page, page=page, **body)
        found += answer["results"]
        if page >= answer["pages"]:
            return answer["total"], found
        page += 1


def order_key(result):
    return (-result["fulfilment"], -result["score"], len(result["missing"]))


def test_a_mixed_pantry_is_ordered_by_the_rule_on_every_page_size(client, auth_headers, clock):
    add(
        client,
        auth_headers,
        line("Espinaca", 100, "g", expiration_time=2),
        line("Arroz", 2, "kg", expiration_time=300),
        line("Cebolla", 3, "unidades", expiration_time=10),
        line("Huevo", 6, "unidades", expiration_time=14),
        line("Leche", 500, "ml", expiration_time=5),
    )

    total, ranked = walk(client, auth_headers, 50, use_stock=True)
    _, seven = walk(client, auth_headers, 7, use_stock=True)

    assert total == len(ranked) == len(seven) > 100
    titles = [r["title"] for r in ranked]
    assert [r["title"] for r in seven] == titles  # ties across page ends come out alike
    # most fulfilled, then the engine's score, the fewest lines missing, then the title
    assert [(order_key(r), r["title"].casefold()) for r in ranked] == sorted(
        (order_key(r), r["title"].casefold()) for r in ranked
    )
    assert len({r["fulfilment"] for r in ranked}) > 5
    assert any(h["quantity"] is not None for r in ranked for h in r["have"])


def test_only_the_page_and_its_ties_are_measured_with_amounts(
    client, auth_headers, clock, monkeypatch
):
    from zerowaste.application.search import service

    measured: list[str] = []
    engine_rank = service.rank

    def spy(recipes, pantry, key_of, convert=None, **options):
        if convert is not None:
            measured.extend(r.uid for r in recipes)
        return engine_rank(recipes, pantry, key_of, convert, **options)

    monkeypatch.setattr(service, "rank", spy)
    mine = [{"name": n} for n in ("espinaca", "arroz", "cebolla", "huevo")]
    found = find(client, auth_headers, items=mine, per_page=5, page=3)
    once = list(measured)

    shown = found["results"]
    assert found["total"] > 100 and len(shown) == 5
    assert {r["uid"] for r in shown} <= set(once) and len(once) < found["total"] / 4
    ends = {order_key(shown[0])[:2], order_key(shown[-1])[:2]}
    ties = [r for r in walk(client, auth_headers, 50, items=mine)[1] if order_key(r)[:2] in ends]
    assert len(once) == len(set(once))  # each measured once
    assert set(once) <= {r["uid"] for r in shown} | {r["uid"] for r in ties}
