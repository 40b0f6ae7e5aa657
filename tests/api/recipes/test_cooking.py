"""Cooking a recipe takes its ingredients from stock, all or nothing, once per Idempotency-Key."""

from __future__ import annotations

import pytest

from tests.api.inventory.helpers import (  # noqa: F401  (fixtures)
    add,
    app_fixture,
    clock_fixture,
    line,
)

pytestmark = pytest.mark.api
RECIPE = {
    "title": "Tortilla de espinaca",
    "servings": 2,
    "ingredients": [
        {"name": "Huevo", "quantity": 3, "type_unit": "unidades"},
        {"name": "Espinaca", "quantity": 0.2, "type_unit": "kg"},
        {"name": "Sal", "quantity": "al gusto", "type_unit": "pizca"},
    ],
    "steps": ["Bate", "Cocina"],
}


def stock(client, headers):
    listed = client.get("/api/inventory", headers=headers).json["ingredients"]
    return {i["name"]: sum(s["quantity"] for s in i["stacks"]) for i in listed}


@pytest.fixture
def recipe_uid(client, auth_headers):
    add(
        client,
        auth_headers,
        line("Huevo", 4, "unidades", expiration_time=10),
        line("Espinaca", 300, "g", expiration_time=2),
    )
    return client.post("/api/recipes/save", json=RECIPE, headers=auth_headers).json["recipe"]["uid"]


def test_cooking_takes_the_ingredients_from_stock(client, auth_headers, recipe_uid):
    response = client.post(f"/api/recipes/{recipe_uid}/cook", json={}, headers=auth_headers)

    assert response.status_code == 201, response.json
    body = response.json
    assert {d["name"] for d in body["deducted"]} == {"Huevo", "Espinaca"}
    assert body["not_deducted"] == ["Sal"]  # "al gusto": no amount to take
    assert stock(client, auth_headers) == {"Huevo": 1, "Espinaca": 100}
    journal = client.get("/api/inventory/journal", headers=auth_headers).json
    cooked = [e for e in journal["entries"] if e["reason"] == "cooked"]
    assert {e["item_name"] for e in cooked} == {"Huevo", "Espinaca"}
    assert all(e["recipe_used"] == "Tortilla de espinaca" for e in cooked)
    history = client.get("/api/recipes/history", headers=auth_headers).json
    assert [h["recipe_uid"] for h in history["history"]] == [recipe_uid]


def test_cooking_twice_with_stock_for_once_is_409_and_changes_nothing(
    client, auth_headers, recipe_uid
):
    client.post(f"/api/recipes/{recipe_uid}/cook", json={}, headers=auth_headers)
    before = stock(client, auth_headers)

    again = client.post(f"/api/recipes/{recipe_uid}/cook", json={}, headers=auth_headers)

    assert again.status_code == 409 and again.json["code"] == "insufficient_stock"
    missing = {m["name"]: m for m in again.json["details"]["missing"]}
    assert missing["Huevo"]["missing"] == 2 and missing["Huevo"]["available"] == 1
    assert missing["Espinaca"]["missing"] == pytest.approx(0.1)
    assert stock(client, auth_headers) == before
    history = client.get("/api/recipes/history", headers=auth_headers).json
    assert history["count"] == 1


def test_servings_scale_the_amounts(client, auth_headers, recipe_uid):
    response = client.post(
        f"/api/recipes/{recipe_uid}/cook", json={"servings": 1}, headers=auth_headers
    )

    assert response.status_code == 201
    assert stock(client, auth_headers) == {"Huevo": 2.5, "Espinaca": 200}


def test_a_retry_with_the_same_key_does_not_cook_twice(client, auth_headers, recipe_uid):
    headers = {**auth_headers, "Idempotency-Key": "cook-1"}

    first = client.post(f"/api/recipes/{recipe_uid}/cook", json={}, headers=headers)
    retry = client.post(f"/api/recipes/{recipe_uid}/cook", json={}, headers=headers)

    assert first.status_code == retry.status_code == 201
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert stock(client, auth_headers) == {"Huevo": 1, "Espinaca": 100}


def test_another_households_recipe_cannot_be_cooked(
    client, auth_headers, other_headers, recipe_uid
):
    response = client.post(f"/api/recipes/{recipe_uid}/cook", json={}, headers=other_headers)

    assert response.status_code == 404
    assert stock(client, auth_headers) == {"Huevo": 4, "Espinaca": 300}


@pytest.mark.parametrize("body", [{"servings": 0}, {"servings": "two"}, {"servings": 101}])
def test_bad_servings_are_400(client, auth_headers, recipe_uid, body):
    response = client.post(f"/api/recipes/{recipe_uid}/cook", json=body, headers=auth_headers)

    assert response.status_code == 400
    assert stock(client, auth_headers) == {"Huevo": 4, "Espinaca": 300}


def test_a_catalog_recipe_in_english_cooks_from_spanish_stock(client, auth_headers):
    """The catalog's "eggs" is the stock's "Huevo": both are the master's egg."""
    found = client.get("/api/recipes/all?search=omelette&per_page=50", headers=auth_headers).json[
        "recipes"
    ]
    omelette = next(
        r
        for r in found
        if any(line["quantity"] and "egg" in line["text"].lower() for line in r["ingredients"])
    )
    egg_line = next(line for line in omelette["ingredients"] if "egg" in line["text"].lower())
    add(client, auth_headers, line("Huevo", 12, "unidades", expiration_time=10))

    response = client.post(f"/api/recipes/{omelette['uid']}/cook", json={}, headers=auth_headers)

    if response.status_code == 409:  # other foods of the recipe are not in stock
        names = [m["name"] for m in response.json["details"]["missing"]]
        assert egg_line["name"] not in names
    else:
        assert response.status_code == 201
        assert stock(client, auth_headers)["Huevo"] == 12 - egg_line["quantity"]


def test_cooking_the_last_of_an_item_removes_it_and_keeps_its_journal(client, auth_headers):
    add(client, auth_headers, line("Huevo", 3, "unidades"), line("Espinaca", 200, "g"))
    uid = client.post("/api/recipes/save", json=RECIPE, headers=auth_headers).json["recipe"]["uid"]

    response = client.post(f"/api/recipes/{uid}/cook", json={}, headers=auth_headers)

    assert response.status_code == 201, response.json
    assert stock(client, auth_headers) == {}  # both items used up, and deleted
    journal = client.get("/api/inventory/journal", headers=auth_headers).json
    cooked = {e["item_name"] for e in journal["entries"] if e["reason"] == "cooked"}
    assert cooked == {"Huevo", "Espinaca"}


def test_tap_water_is_never_taken_from_stock(client, auth_headers):
    add(client, auth_headers, line("Arroz", 1, "kg"))
    soup = {
        "title": "Arroz caldoso",
        "ingredients": [
            {"name": "Arroz", "quantity": 200, "type_unit": "g"},
            {"name": "Agua", "quantity": 2, "type_unit": "tazas"},
        ],
        "steps": ["Hierve"],
    }
    uid = client.post("/api/recipes/save", json=soup, headers=auth_headers).json["recipe"]["uid"]

    response = client.post(f"/api/recipes/{uid}/cook", json={}, headers=auth_headers)

    assert response.status_code == 201, response.json
    assert response.json["not_deducted"] == ["Agua"]
    assert stock(client, auth_headers) == {"Arroz": 0.8}  # kg
