"""A planned week's nutrition: one serving per slot per person, the servings planned for the
household, the week and its daily average; another household's plan is 404."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.api
WEEK = "2026-W49"  # Monday 2026-11-30 .. Sunday 2026-12-06
EGGS = {
    "title": "Huevos duros",
    "servings": 2,
    "ingredients": [{"name": "Huevo", "quantity": 4, "type_unit": "unidades"}],
    "steps": ["Hierve los huevos."],
}
RICE = {
    "title": "Arroz blanco",
    "servings": 4,
    "ingredients": [
        {"name": "Arroz", "quantity": 400, "type_unit": "g"},
        {"name": "Polvo de hadas", "quantity": 1, "type_unit": "cucharada"},
    ],
    "steps": ["Cuece el arroz."],
}


def saved(client, headers, recipe) -> str:
    response = client.post("/api/recipes/save", json=recipe, headers=headers)
    assert response.status_code == 201
    return str(response.json["recipe"]["uid"])


def per_serving(client, headers, uid) -> float:
    body = client.get(f"/api/recipes/{uid}/nutrition", headers=headers).json
    return float(body["nutrition"]["per_serving"]["energy_kcal"])


def week_plan(client, headers) -> tuple[int, str, str]:
    eggs, rice = saved(client, headers, EGGS), saved(client, headers, RICE)
    slots = [
        {"date": "2026-11-30", "meal_type": "breakfast", "recipe_uid": eggs},
        {"date": "2026-11-30", "meal_type": "lunch", "recipe_uid": rice, "servings": 3},
        {"date": "2026-12-02", "meal_type": "dinner", "recipe_uid": rice},
    ]
    body = {"week": WEEK, "name": "Semana", "slots": slots}
    created = client.post("/api/meal-plans/weekly", json=body, headers=headers)
    assert created.status_code == 201, created.json
    return int(created.json["plan"]["id"]), eggs, rice


def test_a_weeks_nutrition_adds_one_serving_per_slot(client, auth_headers):
    plan_id, eggs, rice = week_plan(client, auth_headers)
    egg, grain = per_serving(client, auth_headers, eggs), per_serving(client, auth_headers, rice)

    response = client.post(f"/api/nutrition/meal-plan/{plan_id}", headers=auth_headers)

    assert response.status_code == 200, response.json
    body = response.json
    monday, wednesday = body["days"]
    assert [d["date"] for d in body["days"]] == ["2026-11-30", "2026-12-02"]
    assert monday["per_person"]["energy_kcal"] == pytest.approx(egg + grain, abs=0.01)
    assert monday["household"]["energy_kcal"] == pytest.approx(egg + 3 * grain, abs=0.01)
    assert wednesday["per_person"]["energy_kcal"] == pytest.approx(grain, abs=0.01)
    assert body["per_person"]["energy_kcal"] == pytest.approx(egg + 2 * grain, abs=0.01)
    assert body["daily_average"]["energy_kcal"] == pytest.approx((egg + 2 * grain) / 2, abs=0.01)
    lunch = next(m for m in monday["meals"] if m["meal_type"] == "lunch")
    assert lunch["unmatched"] == ["Polvo de hadas"] and lunch["servings"] == 3
    assert lunch["servings_known"] is True
    # SR28 01123 (egg, whole, raw): 143 kcal per 100 g; an egg of no stated size is a medium
    # one, 44 g. 4 eggs for 2 servings: 2 x 44 g x 1.43 = 125.84 kcal a serving.
    assert egg == pytest.approx(125.84, abs=0.01)
    assert "SR28" in body["source"] or "Standard Reference" in body["source"]


def test_another_households_plan_is_404(client, auth_headers, other_headers):
    plan_id, _eggs, _rice = week_plan(client, auth_headers)

    theirs = client.post(f"/api/nutrition/meal-plan/{plan_id}", headers=other_headers)
    unknown = client.post("/api/nutrition/meal-plan/999999", headers=auth_headers)

    assert theirs.status_code == unknown.status_code == 404
