"""Rows 59-65: savings computed from the footprint table and PROFECO prices, never guessed;
per user; cooking records them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.api

STEW = {
    "title": "Guiso de res",
    "servings": 4,
    "ingredients": [
        {"name": "Carne de res", "quantity": 0.5, "type_unit": "kg"},
        {"name": "Papa", "quantity": 1, "type_unit": "kg"},
        {"name": "Comino", "quantity": 1, "type_unit": "pizca"},
    ],
    "steps": ["Dora la carne", "Agrega la papa"],
}


def save(client, headers, recipe=STEW):
    response = client.post("/api/recipes/save", json=recipe, headers=headers)
    assert response.status_code == 201
    return response.json["recipe"]["uid"]


def test_a_recipes_savings_match_the_footprint_table_by_hand(client, auth_headers):
    uid = save(client, auth_headers)

    body = client.post(
        f"/api/environmental_savings/calculate/from-uid/{uid}", headers=auth_headers
    ).json

    # Poore & Nemecek: beef (beef herd) 99.48 kg CO2e and 1451.2 L per kg; potatoes 0.46 and 59.1.
    # 0.5 kg x 99.48 + 1 kg x 0.46 = 49.74 + 0.46 = 50.2 kg CO2e
    # 0.5 kg x 1451.2 + 1 kg x 59.1 = 725.6 + 59.1 = 784.7 L
    assert body["carbon_footprint"] == pytest.approx(50.2)
    assert body["water_footprint"] == pytest.approx(784.7)
    assert body["economic_cost"] > 0 and body["unit_cost"] == "MXN"
    assert body["energy_footprint"] == 0 and body["energy_available"] is False
    assert [m["name"] for m in body["missing_data"]] == ["Comino"]  # a pinch: never guessed
    assert any("Poore" in s for s in body["sources"]) and any(
        "PROFECO" in s for s in body["sources"]
    )
    assert (body["unit_carbon"], body["unit_water"]) == ("kg CO2e", "L")
    assert body["recipe_source"] == "saved" and body["is_cooked"] is False


def test_from_title_and_one_calculation_per_recipe(client, auth_headers):
    save(client, auth_headers)

    first = client.post(
        "/api/environmental_savings/calculate/from-title",
        json={"title": "guiso DE res"},
        headers=auth_headers,
    )
    again = client.post(
        "/api/environmental_savings/calculate/from-title",
        json={"title": "Guiso de res"},
        headers=auth_headers,
    )
    listed = client.get("/api/environmental_savings/calculations", headers=auth_headers).json

    assert first.status_code == 200 and again.json == first.json
    assert listed["count"] == 1


def test_marking_cooked_and_the_summary(client, auth_headers):
    uid = save(client, auth_headers)

    marked = client.patch(
        f"/api/environmental_savings/calculations/{uid}",
        json={"is_cooked": True},
        headers=auth_headers,
    )
    cooked = client.get(
        "/api/environmental_savings/calculations/status?is_cooked=true", headers=auth_headers
    ).json
    summary = client.get("/api/environmental_savings/summary", headers=auth_headers).json

    assert marked.status_code == 200 and marked.json["is_cooked"] is True
    assert cooked["count"] == 1
    assert summary["total_carbon_footprint"] == pytest.approx(50.2)
    assert summary["unit_carbon"] == "kg CO2e"
    bad = client.get(
        "/api/environmental_savings/calculations/status?is_cooked=yes", headers=auth_headers
    )
    assert bad.status_code == 400


def test_cooking_records_the_savings_scaled_to_the_servings(client, auth_headers):
    client.post(
        "/api/inventory/ingredients",
        json={
            "ingredients": [
                {
                    "name": "Carne de res",
                    "quantity": 1,
                    "type_unit": "kg",
                    "storage_type": "Refrigerado",
                    "tips": "",
                    "image_path": "",
                },
                {
                    "name": "Papa",
                    "quantity": 2,
                    "type_unit": "kg",
                    "storage_type": "Ambiente",
                    "tips": "",
                    "image_path": "",
                },
            ]
        },
        headers=auth_headers,
    )
    uid = save(client, auth_headers)

    cooked = client.post(f"/api/recipes/{uid}/cook", json={"servings": 2}, headers=auth_headers)
    listed = client.get(
        "/api/environmental_savings/calculations/status?is_cooked=true", headers=auth_headers
    ).json

    assert cooked.status_code == 201
    (record,) = listed["calculations"]
    assert record["carbon_footprint"] == pytest.approx(25.1)  # half the recipe


def test_trends_top_and_community(client, auth_headers, other_headers):
    uid = save(client, auth_headers)
    client.patch(
        f"/api/environmental_savings/calculations/{uid}",
        json={"is_cooked": True},
        headers=auth_headers,
    )

    trends = client.get(
        "/api/environmental_savings/summary/trends?period=month", headers=auth_headers
    ).json
    top = client.get(
        "/api/environmental_savings/calculations/top?limit=1&metric=water", headers=auth_headers
    ).json
    community = client.get(
        "/api/environmental_savings/summary/community-comparison", headers=auth_headers
    ).json

    assert trends["trends"][-1]["carbon_footprint"] == pytest.approx(50.2)
    assert top["calculations"][0]["recipe_uid"] == uid
    assert community["users"] >= 1 and community["your_total"] == pytest.approx(50.2)
    assert "community_average" in community  # null below 5 users: nobody's total revealed


def test_another_users_recipe_and_bad_input(client, auth_headers, other_headers):
    uid = save(client, auth_headers)

    assert (
        client.post(
            f"/api/environmental_savings/calculate/from-uid/{uid}", headers=other_headers
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/api/environmental_savings/calculate/from-title",
            json={"title": "Guiso de res"},
            headers=other_headers,
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/api/environmental_savings/calculate/from-title", json={}, headers=auth_headers
        ).status_code
        == 400
    )
    bad_dates = client.get(
        "/api/environmental_savings/summary?start_date=2026-12-01&end_date=2026-11-01",
        headers=auth_headers,
    )
    assert bad_dates.status_code == 400
    assert (
        client.get("/api/environmental_savings/calculations", headers=other_headers).json["count"]
        == 0
    )


def test_on_the_local_engine_a_food_missing_from_the_table_is_never_estimated(client, auth_headers):
    recipe = {**STEW, "ingredients": [{"name": "Chapulines", "quantity": 200, "type_unit": "g"}]}
    uid = save(client, auth_headers, recipe)

    body = client.post(
        f"/api/environmental_savings/calculate/from-uid/{uid}", headers=auth_headers
    ).json

    assert body["estimated"] == [] and body["carbon_footprint"] == 0
    assert [(m["name"], m["reason"]) for m in body["missing_data"]][0] == (
        "Chapulines",
        "no_footprint",
    )
