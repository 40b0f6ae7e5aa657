"""Contract rows 21-29 and 37-40 replayed with the mobile client's payloads (L1 and L2): the
keys the client reads are present with the types it casts to, and the stored effect is checked
through GET /api/inventory afterwards."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.inventory.helpers import (  # noqa: F401
    add,
    add_food,
    app_fixture,
    client_stamp,
    clock_fixture,
    expected_day,
    food,
    ingredient,
    inventory,
    line,
    path_name,
    stack_path,
)
from zerowaste.domain.inventory.expiry import estimate_expiry
from zerowaste.domain.shared.storage import StoragePlace
from zerowaste.infrastructure.reference.catalog import DataPackCatalog

pytestmark = pytest.mark.api

STACK_KEYS = {"id", "quantity", "type_unit", "expiration_date", "added_at"}
ITEM_KEYS = {"id", "name", "type_unit", "storage_type", "tips", "image_path", "stacks"}
FOOD_KEYS = ITEM_KEYS | {"serving_quantity", "category", "main_ingredients", "calories"}


def test_row21_lists_ingredients_and_foods_with_ids_and_the_keys_the_client_reads(
    client, auth_headers, clock
):
    add(client, auth_headers, line("Tomate", 3, expiration_date="2030-01-15T00:00:00.000"))
    add_food(client, auth_headers)

    body = inventory(client, auth_headers)

    [tomate], [dish] = body["ingredients"], body["food_items"]
    assert ITEM_KEYS | {"allergy_alert", "allergens"} <= set(tomate)
    assert tomate["type_unit"] == "unidades" and tomate["storage_type"] == "Refrigerado"
    [stack] = tomate["stacks"]
    assert set(stack) >= STACK_KEYS and isinstance(stack["id"], int)
    assert stack["quantity"] == 3.0 and isinstance(stack["quantity"], float)
    assert stack["expiration_date"] == "2030-01-15T00:00:00"
    assert stack["added_at"] == clock.now().replace(tzinfo=None).isoformat()
    assert set(dish) >= FOOD_KEYS and dish["stacks"][0]["type_unit"] == "porciones"
    assert dish["serving_quantity"] == 2 and dish["calories"] == 650


def test_row22_complete_adds_the_stored_enrichment_per_ingredient(client, auth_headers):
    add(client, auth_headers, line("Tomate"))

    response = client.get("/api/inventory/complete", headers=auth_headers)

    assert response.status_code == 200
    [tomate] = response.json["ingredients"]
    assert set(tomate) >= ITEM_KEYS
    impact = tomate["environmental_impact"]
    assert impact["carbon_footprint"]["value"] > 0 and "Poore" in impact["source"]
    assert all({"title", "description", "type"} <= set(i) for i in tomate["utilization_ideas"])
    assert "environmental_impact" in tomate["enriched_with"]
    assert response.json["total_ingredients"] == 1
    assert "environmental_impact" in response.json["enriched_with"]


def test_row23_simple_is_one_row_per_stack_with_days_left(client, auth_headers, clock):
    add(client, auth_headers, line("Tomate", 2, expiration_time=5))
    clock.advance(timedelta(days=1))

    response = client.get("/api/inventory/simple", headers=auth_headers)

    assert response.status_code == 200
    [row] = response.json["ingredients"]
    assert row["name"] == "Tomate" and row["quantity"] == 2.0 and row["is_expired"] is False
    assert row["expiration_time"] == 4 and row["time_unit"] == "Días"
    assert {"type_unit", "storage_type", "tips", "image_path", "added_at", "id"} <= set(row)
    assert response.json["total_items"] == 1 and response.json["format"] == "simple"


def test_row24_expiring_returns_objects_within_the_window_and_not_expired_ones(
    client, auth_headers, clock
):
    add(
        client,
        auth_headers,
        line("Tomate", expiration_time=2),
        line("Arroz", 1, "kg", expiration_time=30),
    )
    add(client, auth_headers, line("Leche", 1, "litros", expiration_time=1))
    clock.advance(timedelta(days=2))  # Leche expired yesterday, Tomate expires today

    response = client.get("/api/inventory/expiring?days=3", headers=auth_headers)

    assert response.status_code == 200
    assert [i["name"] for i in response.json["expiring_items"]] == ["Tomate"]
    assert response.json["expiring_items"][0]["stacks"][0]["days_to_expire"] == 0
    assert response.json["within_days"] == 3 and response.json["count"] == 1


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({"expiration_date": "2030-02-01T00:00:00.000"}, id="L1-converter-date"),
        pytest.param({"expiration_date": "2030-02-01T08:00:00Z"}, id="date-with-Z"),
        pytest.param({"expiration_date": "2030-02-01"}, id="bare-date"),
    ],
)
def test_row25_add_ingredients_honours_an_explicit_expiration_date(client, auth_headers, extra):
    payload = line("Tomate", 4, expiration_time=None, time_unit=None) | extra

    body = add(client, auth_headers, payload)

    assert body["message"] and body["ingredients"][0]["id"] > 0
    stored = ingredient(client, auth_headers, "Tomate")
    assert stored["stacks"][0]["expiration_date"] == "2030-02-01T00:00:00"


def test_row25_scan_converter_lines_without_image_path_or_tips_use_the_duration(
    client, auth_headers, clock
):
    scanned = {
        "name": "Papa amarilla",
        "quantity": 1.5,
        "type_unit": "kg",
        "storage_type": "Ambiente",
        "expiration_time": 2,
        "time_unit": "Semanas",
    }

    add(client, auth_headers, scanned)

    stored = ingredient(client, auth_headers, "Papa amarilla")
    assert stored["storage_type"] == "Ambiente" and stored["type_unit"] == "kg"
    assert stored["stacks"][0]["expiration_date"] == expected_day(
        clock.today() + timedelta(days=14)
    )


def test_row25_without_date_or_duration_estimates_from_the_data_pack(
    app, client, auth_headers, clock
):
    add(client, auth_headers, line("Tomate", expiration_time=None, time_unit=None))

    settings = app.extensions["zerowaste.settings"]
    catalog = DataPackCatalog.from_engine(
        app.extensions["zerowaste.engine"], data_dir=settings.data_dir
    )
    estimate = estimate_expiry(
        clock.today(), storage=StoragePlace.FRIDGE, shelf_life=catalog.shelf_life("Tomate")
    )
    assert estimate.source == "shelf_life"
    stored = ingredient(client, auth_headers, "Tomate")
    assert stored["stacks"][0]["expiration_date"] == expected_day(estimate.expires_on)


def test_an_ingredient_added_again_gets_a_new_stack_and_its_latest_details(
    client, auth_headers, clock
):
    add(client, auth_headers, line("Tomate", 3, tips="old"))
    clock.advance(timedelta(seconds=5))
    add(client, auth_headers, line("tomate", 2, tips="new", storage_type="Ambiente"))

    stored = ingredient(client, auth_headers, "Tomate")

    assert [s["quantity"] for s in stored["stacks"]] == [3.0, 2.0]
    assert stored["tips"] == "new" and stored["storage_type"] == "Ambiente"
    assert stored["total_quantity"] == 5.0 and stored["stack_count"] == 2


def test_row26_post_inventory_adds_a_recognized_item_map(client, auth_headers):
    recognized = {
        "name": "Cebolla roja",
        "quantity": 2,
        "type_unit": "unidades",
        "storage_type": "Ambiente",
        "expiration_time": 3,
        "time_unit": "Semanas",
        "tips": "Lugar seco",
        "image_path": "https://img/x.jpg",
        "image_status": "ready",
        "allergy_alert": False,
        "allergens": [],
        "confidence": 0.9,
    }

    response = client.post("/api/inventory", json=recognized, headers=auth_headers)

    assert response.status_code == 201
    assert response.json["item_type"] == "ingredient" and response.json["id"] > 0
    stored = ingredient(client, auth_headers, "Cebolla roja")
    assert stored["id"] == response.json["id"] and stored["image_path"] == "https://img/x.jpg"


def test_row27_client_stack_id_updates_and_deletes_that_stack(client, auth_headers, clock):
    add(client, auth_headers, line("Tomate", 3, expiration_time=5))
    clock.advance(timedelta(seconds=1))
    add(client, auth_headers, line("Tomate", 2, expiration_time=9))
    update = {
        "name": "Tomate",
        "quantity": 7,
        "expiration_date": "2030-03-01T00:00:00.000",
        "type_unit": "unidades",
        "storage_type": "refrigerated",
        "tips": "t",
        "image_path": "",
    }

    updated = client.put("/api/inventory/Tomate_stack_1", json=update, headers=auth_headers)
    deleted = client.delete("/api/inventory/Tomate_stack_0", headers=auth_headers)

    assert updated.status_code == 200 and deleted.status_code == 200
    [left] = ingredient(client, auth_headers, "Tomate")["stacks"]
    assert left["quantity"] == 7.0 and left["expiration_date"] == "2030-03-01T00:00:00"


def test_row27_numeric_id_updates_the_only_stack_and_deletes_the_item(client, auth_headers):
    item_id = add(client, auth_headers, line("Tomate", 3))["ingredients"][0]["id"]

    updated = client.put(f"/api/inventory/{item_id}", json={"quantity": 1}, headers=auth_headers)
    assert updated.status_code == 200
    assert ingredient(client, auth_headers, "Tomate")["stacks"][0]["quantity"] == 1.0

    deleted = client.delete(f"/api/inventory/{item_id}", headers=auth_headers)
    assert deleted.status_code == 200 and ingredient(client, auth_headers, "Tomate") is None


@pytest.mark.parametrize("stamp", [client_stamp, lambda a: f"{a}.000"], ids=["with-Z", "no-Z"])
def test_row28_put_stack_takes_the_client_item_map_with_name_and_empty_image(
    client, auth_headers, clock, stamp
):
    added = add(client, auth_headers, line("Ají/rocoto", 3))["ingredients"][0]["stacks"][0]
    body = {
        "name": "Ají/rocoto",
        "quantity": 2.5,
        "expiration_date": "2030-04-01T00:00:00.000",
        "type_unit": "unidades",
        "storage_type": "dry",
        "tips": "Seco",
        "image_path": "",
    }
    path = f"/api/inventory/ingredients/{path_name('Ají/rocoto')}/{stamp(added['added_at'])}"

    response = client.put(path, json=body, headers=auth_headers)

    assert response.status_code == 200, response.json
    stored = ingredient(client, auth_headers, "Ají/rocoto")
    assert stored["stacks"][0]["quantity"] == 2.5 and stored["storage_type"] == "Ambiente"
    assert stored["stacks"][0]["expiration_date"] == "2030-04-01T00:00:00"


def test_row29_delete_removes_one_stack_and_keeps_the_others(client, auth_headers, clock):
    first = add(client, auth_headers, line("Tomate", 3))["ingredients"][0]["stacks"][0]
    clock.advance(timedelta(seconds=1))
    add(client, auth_headers, line("Tomate", 2))

    response = client.delete(
        stack_path("ingredients", "Tomate", first["added_at"]), headers=auth_headers
    )

    assert response.status_code == 200
    assert response.json["deleted_stack_added_at"] == first["added_at"]
    assert [s["quantity"] for s in ingredient(client, auth_headers, "Tomate")["stacks"]] == [2.0]


def test_row29_deleting_a_food_row_through_the_ingredients_route_deletes_the_food(
    client, auth_headers
):
    dish = add_food(client, auth_headers)["enhanced_data"][0]

    response = client.delete(
        stack_path("ingredients", dish["name"], dish["added_at"]), headers=auth_headers
    )

    assert response.status_code == 200 and response.json["kind"] == "food"
    assert food(client, auth_headers, dish["name"]) is None


def test_row37_ingredients_list_is_a_list_of_names(client, auth_headers):
    add(client, auth_headers, line("Tomate"), line("Arroz", 1, "kg"))
    add_food(client, auth_headers)

    response = client.get("/api/inventory/ingredients/list", headers=auth_headers)

    assert response.status_code == 200
    assert response.json["ingredients"] == ["Arroz", "Tomate"]
    assert response.json["total_ingredients"] == 2
