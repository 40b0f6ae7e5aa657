"""`GET /api/meal-plans/<plan_id>/suggestions`: on a day far under the caller's target, the
meal to change and a recipe that brings the day closer; another household's plan is 404."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.api
PROFILE = {  # Mifflin-St Jeor: 1,320 kcal x 1.375 = 1,815 kcal a day
    "age": 30,
    "sex": "female",
    "height_cm": 165,
    "weight_kg": 60,
    "activity": "light",
    "goal": "maintain",
}
EGGS = {
    "title": "Huevo duro",
    "servings": 1,
    "category": "desayuno",
    "ingredients": [{"name": "Huevo", "quantity": 1, "type_unit": "unidades"}],
    "steps": ["Hierve el huevo."],
}


def week_with_one_egg(client, headers) -> int:
    uid = client.post("/api/recipes/save", json=EGGS, headers=headers).json["recipe"]["uid"]
    slots = [{"date": "2026-11-30", "meal_type": "breakfast", "recipe_uid": uid}]
    body = {"week": "2026-W49", "name": "Semana", "slots": slots}
    created = client.post("/api/meal-plans/weekly", json=body, headers=headers)
    assert created.status_code == 201, created.json
    return int(created.json["plan"]["id"])


def test_a_day_far_under_target_gets_a_bigger_breakfast(client, auth_headers):
    assert (
        client.put("/api/nutrition/profile", json=PROFILE, headers=auth_headers).status_code == 200
    )
    plan_id = week_with_one_egg(client, auth_headers)

    response = client.get(f"/api/meal-plans/{plan_id}/suggestions", headers=auth_headers)

    assert response.status_code == 200, response.json
    body = response.json
    assert body["target_kcal"] == 1815 and body["days_not_judged"] == []
    (found,) = body["suggestions"]
    assert (found["date"], found["meal_type"]) == ("2026-11-30", "breakfast")
    assert found["replace"]["title"] == "Huevo duro"
    assert found["day_kcal"] == pytest.approx(found["replace"]["kcal"])
    assert found["with_recipe"]["kcal"] > found["replace"]["kcal"]
    assert abs(found["day_kcal_after"] - 1815) < abs(found["day_kcal"] - 1815)


def test_no_profile_or_another_households_plan_is_404(client, auth_headers, other_headers):
    plan_id = week_with_one_egg(client, auth_headers)
    client.put("/api/nutrition/profile", json=PROFILE, headers=other_headers)

    mine = client.get(f"/api/meal-plans/{plan_id}/suggestions", headers=auth_headers)
    theirs = client.get(f"/api/meal-plans/{plan_id}/suggestions", headers=other_headers)

    assert mine.status_code == 404 and mine.json["code"] == "nutrition_profile_not_found"
    assert theirs.status_code == 404
