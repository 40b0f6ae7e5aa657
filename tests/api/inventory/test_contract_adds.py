"""Contract rows 38-40 (adding from recognition and add_item) replayed with the client's L1 and
L2 payloads: the keys the client reads, and the stored effect through GET /api/inventory."""

from __future__ import annotations

import pytest

from tests.api.inventory.helpers import (  # noqa: F401
    add_food,
    app_fixture,
    clock_fixture,
    expected_day,
    food,
    ingredient,
    inventory,
)

pytestmark = pytest.mark.api


def test_row38_l1_recognized_objects_are_added_with_their_extra_keys_ignored(
    client, auth_headers, clock
):
    recognized = {
        "name": "Limón",
        "quantity": 6,
        "type_unit": "unidades",
        "storage_type": "Refrigerado",
        "expiration_time": 0,
        "time_unit": "Días",
        "tips": "En bolsa",
        "image_path": None,
        "image_status": "generating",
        "expiration_date": None,
        "added_at": "2025-06-22T20:29:12",
        "allergy_alert": False,
        "allergens": [],
        "description": "Ácido",
    }

    response = client.post(
        "/api/inventory/ingredients/from-recognition",
        json={"ingredients": [recognized]},
        headers=auth_headers,
    )

    assert response.status_code == 201, response.json
    assert response.json["ingredients_count"] == 1 and response.json["source"] == "recognition"
    assert response.json["enhanced_data"][0]["name"] == "Limón" and response.json["message"]
    stored = ingredient(client, auth_headers, "Limón")
    assert stored["stacks"][0]["quantity"] == 6.0
    assert stored["stacks"][0]["expiration_date"] > expected_day(clock.today())


@pytest.mark.parametrize(
    ("path", "body"),
    [
        (
            "/api/inventory/ingredients/from-recognition",
            {"recognition_id": "rec-123", "selected_ingredients": ["Limón"]},
        ),
        (
            "/api/inventory/foods/from-recognition",
            {"recognition_id": "rec-123", "selected_foods": ["Ceviche"]},
        ),
    ],
    ids=["ingredients", "foods"],
)
def test_rows38_39_l2_unknown_recognition_ids_are_404_and_add_nothing(
    client, auth_headers, path, body
):
    response = client.post(path, json=body, headers=auth_headers)

    assert response.status_code == 404
    assert response.json["code"] == "recognition_not_found"
    assert inventory(client, auth_headers)["total_ingredients"] == 0


def test_row39_l1_recognized_foods_are_added_as_food_items(client, auth_headers):
    body = add_food(client, auth_headers, name="Ceviche", serving_quantity=3, calories=420.7)

    assert body["foods_count"] == 1 and body["source"] == "recognition"
    stored = food(client, auth_headers, "Ceviche")
    assert stored["serving_quantity"] == 3 and stored["calories"] == 421
    assert stored["category"] == "Plato principal" and stored["main_ingredients"] == [
        "carne",
        "cebolla",
    ]


def test_row40_l2_add_item_without_storage_type_works_and_honours_the_date(client, auth_headers):
    payload = {
        "name": "Yogur",
        "category": "ingredient",
        "quantity": 2,
        "unit": "unidades",
        "expiration_date": "2030-05-05T00:00:00.000",
        "image_url": "https://img/y.jpg",
    }

    response = client.post("/api/inventory/add_item", json=payload, headers=auth_headers)

    assert response.status_code == 201, response.json
    assert response.json["item_type"] == "ingredient" and response.json["item_data"]["id"] > 0
    stored = ingredient(client, auth_headers, "Yogur")
    assert stored["stacks"][0]["expiration_date"] == "2030-05-05T00:00:00"
    assert stored["image_path"] == "https://img/y.jpg" and stored["storage_type"] in {
        "Refrigerado",
        "Congelado",
        "Ambiente",
    }


def test_row40_l2_add_item_with_only_name_and_category_food(client, auth_headers):
    response = client.post(
        "/api/inventory/add_item",
        json={"name": "Ají de gallina", "category": "food"},
        headers=auth_headers,
    )

    assert response.status_code == 201 and response.json["item_type"] == "food"
    assert food(client, auth_headers, "Ají de gallina")["serving_quantity"] == 1


def test_row40_l1_put_add_item_with_item_type_and_item_data(client, auth_headers):
    payload = {
        "item_type": "ingredient",
        "item_data": {"name": "Queso fresco", "quantity": 250, "type_unit": "g"},
    }

    response = client.put("/api/inventory/add_item", json=payload, headers=auth_headers)

    assert response.status_code == 201, response.json
    stored = ingredient(client, auth_headers, "Queso fresco")
    assert stored["stacks"][0]["quantity"] == 250.0 and stored["type_unit"] == "g"
