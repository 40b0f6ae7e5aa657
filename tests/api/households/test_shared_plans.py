"""The meal plan is the household's (issue #14 §2, §4): every member reads it, adults change
it, a viewer's changes are 403 and store nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.households.helpers import family
from tests.api.inventory.helpers import add, app_fixture, clock_fixture, line  # noqa: F401
from tests.api.meal_plans.helpers import BREAKFAST, DINNER, plan

pytestmark = pytest.mark.api


def planned(client, who, day: str) -> list[str]:
    response = client.get("/api/planning/get", query_string={"date": day}, headers=who["headers"])
    assert response.status_code == 200, response.json
    meals = response.json["meal_plan"]
    return [meal for meal in ("breakfast", "lunch", "dinner", "dessert", "snack") if meals[meal]]


def test_an_adults_plan_is_the_household_plan(client, clock):
    owner, adult = family(client, "adult")
    day = (clock.today() + timedelta(days=1)).isoformat()
    assert plan(client, adult["headers"], day, {"breakfast": BREAKFAST}).status_code == 201
    assert planned(client, owner, day) == planned(client, adult, day) == ["breakfast"]


def test_a_viewer_reads_the_plan_but_every_change_is_403(client, clock):
    owner, viewer = family(client, "viewer")
    day = (clock.today() + timedelta(days=1)).isoformat()
    assert plan(client, owner["headers"], day, {"breakfast": BREAKFAST}).status_code == 201
    headers = viewer["headers"]
    writes = [
        plan(client, headers, day, {"dinner": DINNER}, method="put"),
        plan(client, headers, (clock.today() + timedelta(days=2)).isoformat(), {"dinner": DINNER}),
        client.delete(f"/api/planning/delete/{day}", headers=headers),
        client.post(
            "/api/meal-plans/weekly",
            json={"week": clock.today().strftime("%G-W%V"), "slots": []},
            headers=headers,
        ),
    ]
    assert [(r.status_code, r.json["code"]) for r in writes] == [
        (403, "household_role_forbidden")
    ] * len(writes)
    assert planned(client, owner, day) == planned(client, viewer, day) == ["breakfast"]


def generate(client, who) -> dict:
    body = {"days": 3, "meal_types": ["breakfast", "lunch"]}
    response = client.post("/api/meal-plans/generate", json=body, headers=who["headers"])
    assert response.status_code == 201, response.json
    return dict(response.json["meal_plan"])


def test_a_generated_plan_leaves_out_every_members_allergies_and_says_whose(client):
    owner, adult = family(client, "adult")
    add(client, adult["headers"], line("Huevo", 12, "unidades", expiration_time=2))
    control = generate(client, adult)
    assert any("Huevo" in meal["uses"] for meal in control["meals"])  # eggs first, as they expire
    assert not any("allergy" in note for note in control["notes"])

    allergic = client.put(
        "/api/user/profile", json={"allergies": ["huevo"], "name": "Rosa"}, headers=owner["headers"]
    )
    assert allergic.status_code == 200
    plan = generate(client, adult)

    assert not any("Huevo" in meal["uses"] for meal in plan["meals"])
    assert "Leaves out huevo: Rosa's allergy" in plan["notes"]


def egg_recipes(body: dict) -> int:
    texts = (
        " ".join((i.get("text") or i["name"]) for i in r["ingredients"]).lower()
        for r in body["generated_recipes"]
    )
    return sum("huevo" in text or "egg" in text for text in texts)


def test_recipe_generation_leaves_out_every_members_allergies(client):
    owner, adult = family(client, "adult")
    stock = [line("Huevo", 12, "unidades", expiration_time=2), line("Arroz", 2, "kg")]
    add(client, adult["headers"], *stock, line("Tomate", 6), line("Cebolla", 4))
    url, headers = "/api/recipes/generate-from-inventory", adult["headers"]
    control = client.post(url, json={"num_recipes": 5}, headers=headers)
    assert control.status_code == 200, control.json
    assert egg_recipes(control.json) > 0

    client.put("/api/user/profile", json={"allergies": ["huevo"]}, headers=owner["headers"])
    response = client.post(url, json={"num_recipes": 5}, headers=headers)

    assert response.status_code == 200, response.json
    assert len(response.json["generated_recipes"]) > 0 and egg_recipes(response.json) == 0
    assert response.json["personalization_info"]["allergies_filtered"] == ["huevo"]
