"""Plan generation through the API: row 58's shape, the planner's, bad input, the safety guard
and whose plans a history shows."""

from __future__ import annotations

import pytest

from tests.api.inventory.helpers import (  # noqa: F401  (fixtures)
    add,
    app_fixture,
    clock_fixture,
    line,
)

pytestmark = pytest.mark.api
URL = "/api/meal-plans/generate"


def planned_dates(client, headers) -> list[str]:
    return list(client.get("/api/planning/dates", headers=headers).json["dates"])


def test_row_58_uses_the_clients_ingredients_first(client, auth_headers):
    body = {
        "ingredients": [{"name": "Espinaca", "quantity": 1, "type_unit": "manojo"}],
        "days": 2,
        "meal_types": ["desayuno", "almuerzo"],
        "dietary_restrictions": ["vegetariano"],
        "preferences": ["rápido"],
        "calories_per_day": None,
    }

    response = client.post("/api/plan/generate", json=body, headers=auth_headers)

    assert response.status_code == 201, response.json
    plan = response.json["meal_plan"]
    assert plan["meal_types"] == ["breakfast", "lunch"] and len(plan["meals"]) == 4
    assert any("Espinaca" in m["uses"] for m in plan["meals"])
    history = client.get("/api/plan/history", headers=auth_headers).json
    assert history["count"] == 1 and history["meal_plans"][0]["id"] == plan["id"]


def test_a_calorie_target_keeps_known_days_in_their_band(client, auth_headers):
    add(client, auth_headers, line("Arroz", 2, "kg", expiration_time=30))
    # Mifflin-St Jeor: 10 x 60 + 6.25 x 165 - 5 x 30 - 161 = 1,320 kcal x 1.375 (light) =
    # 1,815 kcal a day: a 2,000 kcal plan is not restrictive, no screening needed.
    profile = {
        "age": 30,
        "sex": "female",
        "height_cm": 165,
        "weight_kg": 60,
        "activity": "light",
        "goal": "maintain",
    }
    assert (
        client.put("/api/nutrition/profile", json=profile, headers=auth_headers).status_code == 200
    )

    response = client.post(URL, json={"days": 2, "calories_per_day": 2000}, headers=auth_headers)

    assert response.status_code == 201, response.json
    plan = response.json["meal_plan"]
    assert plan["calories_per_day"] == 2000
    assert all(m["kcal"] is not None for m in plan["meals"])  # unknown kcal left out
    assert all(d["within_target"] for d in plan["day_totals"])
    assert all(1800 <= d["kcal"] <= 2200 for d in plan["day_totals"])  # ± 10 %


@pytest.mark.parametrize(
    "body",
    [
        {"days": 0},
        {"days": 15},
        {"meal_types": ["brunch"]},
        {"meal_types": ["lunch", "almuerzo"]},
        {"calories_per_day": 100},
        {"macro_split": {"protein": 50, "fat": 30, "carbs": 30}},
        {"start_date": "2020-01-01"},
        {"servings": 0},
    ],
)
def test_bad_requests_are_400_and_store_nothing(client, auth_headers, body):
    response = client.post(URL, json=body, headers=auth_headers)

    assert response.status_code == 400, response.json
    assert planned_dates(client, auth_headers) == []
    assert client.get("/api/plan/history", headers=auth_headers).json["count"] == 0


def test_a_restrictive_plan_needs_a_screening_and_the_refusal_is_audited(client, auth_headers):
    response = client.post(URL, json={"days": 1, "calories_per_day": 1000}, headers=auth_headers)

    assert response.status_code == 403
    assert response.json["code"] in {"screening_required", "screening_denied"}
    assert planned_dates(client, auth_headers) == []
    audit = client.get("/api/nutrition/audit-log", headers=auth_headers).json["entries"]
    assert [(a["action"], a["allowed"]) for a in audit] == [("plan_generation", False)]


def test_history_is_the_households(client, auth_headers, other_headers):
    assert client.post(URL, json={"days": 1}, headers=auth_headers).status_code == 201

    theirs = client.get("/api/plan/history", headers=other_headers).json

    assert theirs["count"] == 0 and planned_dates(client, other_headers) == []
    assert client.get("/api/plan/history?page=0", headers=auth_headers).status_code == 400
