"""POST /api/nutrition/suggest-swaps and GET /api/recipes/<uid>/nutrition."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.api

OMELETTE = {
    "title": "Tortilla de espinaca",
    "servings": 2,
    "ingredients": [
        {"name": "Espinaca", "quantity": 200, "type_unit": "g"},
        {"name": "Arroz blanco cocido", "quantity": 1, "type_unit": "taza"},
        {"name": "Huevos grandes", "quantity": 2, "type_unit": "unidades"},
        {"name": "Sal", "quantity": None, "type_unit": None},
    ],
    "steps": ["Mezcla", "Cocina"],
}


def swaps(client, headers, body):
    return client.post("/api/nutrition/suggest-swaps", json=body, headers=headers)


def test_swaps_for_lower_calories_carry_the_sr28_delta(client, auth_headers):
    body = {
        "ingredients": [{"name": "crema ácida", "quantity": 200, "unit": "g"}],
        "goal": "lower_calories",
    }

    response = swaps(client, auth_headers, body)

    assert response.status_code == 200
    found = response.json["swaps"]
    assert [s["substitute"] for s in found] == ["plain Greek yogurt"]
    swap = found[0]
    # 01056 "Cream, sour, cultured" 198 kcal; 01293 "Yogurt, Greek, plain, whole milk" 97 kcal
    assert (swap["original"]["ndb_no"], swap["replacement"]["ndb_no"]) == ("01056", "01293")
    assert swap["compared_grams"] == 200
    assert swap["delta"]["energy_kcal"] == pytest.approx((97 - 198) * 2)
    assert response.json["goal"] == "lower_calories"


def test_allergy_safe_swaps_remove_the_allergen(client, auth_headers):
    body = {"ingredients": [{"name": "huevo", "quantity": 2}], "allergies": ["huevo"]}

    found = swaps(client, auth_headers, body).json

    assert found["allergens"] == ["eggs"]
    assert found["swaps"] and all("eggs" in s["removes_allergens"] for s in found["swaps"])
    assert {s["substitute"] for s in found["swaps"]} >= {"flax egg", "chia egg"}
    flax = next(s for s in found["swaps"] if s["substitute"] == "flax egg")
    assert flax["replacement"] is None and flax["delta"] is None  # no SR28 "flax egg"


def test_no_goal_lists_every_swap_of_the_line(client, auth_headers):
    body = {"ingredients": [{"name": "mantequilla", "quantity": 100, "unit": "g"}]}

    found = swaps(client, auth_headers, body).json["swaps"]

    assert {s["substitute"] for s in found} == {
        "neutral vegetable oil",
        "plant-based butter or margarine",
        "unsweetened applesauce",
    }


@pytest.mark.parametrize(
    "body",
    [
        {"ingredients": [{"name": "huevo", "quantity": 1}], "goal": "more_vitamins"},
        {"ingredients": [{"name": "huevo", "quantity": 1}], "allergy": "kryptonita"},
        {"ingredients": [{"name": "huevo", "quantity": -1}]},
        {"ingredients": [{"name": "huevo", "quantity": 1}] * 10_000},
        {"goal": "lower_fat"},
    ],
)
def test_bad_swap_requests_are_a_400(client, auth_headers, body):
    assert swaps(client, auth_headers, body).status_code == 400


def test_a_recipes_nutrition_per_serving(client, auth_headers):
    uid = client.post("/api/recipes/save", json=OMELETTE, headers=auth_headers).json["recipe"][
        "uid"
    ]

    response = client.get(f"/api/recipes/{uid}/nutrition", headers=auth_headers)

    assert response.status_code == 200
    body = response.json
    assert body["recipe_uid"] == uid and body["servings"] == 2
    # 144 g edible spinach x 23 + 158 g rice x 130 + 100 g egg x 143, per 100 g
    total = 144 * 23 / 100 + 158 * 130 / 100 + 100 * 143 / 100
    assert body["nutrition"]["totals"]["energy_kcal"] == pytest.approx(total)
    assert body["nutrition"]["per_serving"]["energy_kcal"] == pytest.approx(total / 2)
    assert [u["name"] for u in body["nutrition"]["unmatched"]] == ["Sal"]


def test_another_users_private_recipe_is_a_404(client, auth_headers, other_headers):
    uid = client.post("/api/recipes/save", json=OMELETTE, headers=auth_headers).json["recipe"][
        "uid"
    ]

    response = client.get(f"/api/recipes/{uid}/nutrition", headers=other_headers)

    assert response.status_code == 404
    assert client.get("/api/recipes/nope/nutrition", headers=auth_headers).status_code == 404


def test_a_catalog_recipe_is_visible_to_everyone(client, auth_headers):
    listed = client.get("/api/recipes/all?per_page=5", headers=auth_headers).json["recipes"]
    recipe = next(r for r in listed if r["source"] == "catalog")

    response = client.get(f"/api/recipes/{recipe['uid']}/nutrition", headers=auth_headers)

    assert response.status_code == 200
    nutrition = response.json["nutrition"]
    counted = len(nutrition["ingredients"]) + len(nutrition["unmatched"])
    assert counted == len(recipe["ingredients"])  # every line counted or reported


def test_the_swap_and_recipe_routes_need_a_token(client):
    assert client.post("/api/nutrition/suggest-swaps", json={}).status_code == 401
    assert client.get("/api/recipes/x/nutrition").status_code == 401
