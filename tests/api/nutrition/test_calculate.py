"""POST /api/nutrition/calculate: a known recipe equals a hand computation from the SR28 rows;
unmatched lines are reported with their reason; bad input is a 400."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.api

# The SR28 rows (data/usda_sr28_nutrition/foods_per_100g.csv, portion_weights.csv):
# 11457 "Spinach, raw": refuse 28 %, per 100 g: 23 kcal, protein 2.86 g, fat 0.39 g,
#       carbs 3.63 g, sodium 79 mg, vit K 482.9 ug
# 20445 "Rice, white, long-grain, regular, unenriched, cooked without salt": 1 cup = 158 g;
#       130 kcal, protein 2.69, fat 0.28, carbs 28.17, sodium 1, vit K 0.0
# 01123 "Egg, whole, raw, fresh": 1 large = 50 g; 143 kcal, protein 12.56, fat 9.51,
#       carbs 0.72, sodium 142, vit K 0.3
SPINACH = {"energy_kcal": 23, "protein_g": 2.86, "fat_g": 0.39, "carbs_g": 3.63, "sodium_mg": 79}
RICE = {"energy_kcal": 130, "protein_g": 2.69, "fat_g": 0.28, "carbs_g": 28.17, "sodium_mg": 1}
EGG = {"energy_kcal": 143, "protein_g": 12.56, "fat_g": 9.51, "carbs_g": 0.72, "sodium_mg": 142}
RECIPE = [
    {"name": "espinaca cruda", "quantity": 200, "unit": "g"},
    {"name": "arroz blanco cocido", "quantity": 1, "type_unit": "taza"},
    {"name": "huevos grandes", "quantity": 2, "unit": "unidades"},
]


def by_hand(spinach_grams: float) -> dict[str, float]:
    grams = {"spinach": spinach_grams, "rice": 158, "egg": 2 * 50}
    rows = {"spinach": SPINACH, "rice": RICE, "egg": EGG}
    return {key: sum(rows[food][key] * grams[food] / 100 for food in rows) for key in SPINACH}


def calculate(client, headers, body):
    return client.post("/api/nutrition/calculate", json=body, headers=headers)


def test_a_known_recipe_equals_the_hand_computation_weighed_edible(client, auth_headers):
    lines = [{**RECIPE[0], "basis": "edible"}, *RECIPE[1:]]

    response = calculate(client, auth_headers, {"ingredients": lines, "servings": 2})

    assert response.status_code == 200
    body = response.json
    expected = by_hand(200)
    for key, value in expected.items():
        assert body["totals"][key] == pytest.approx(value, abs=0.002), key
        assert body["per_serving"][key] == pytest.approx(value / 2, abs=0.002), key
    assert expected["energy_kcal"] == pytest.approx(394.4)  # 46 + 205.4 + 143
    matched = {line["name"]: line for line in body["ingredients"]}
    assert matched["arroz blanco cocido"]["food"]["ndb_no"] == "20445"
    assert matched["arroz blanco cocido"]["grams"] == 158
    assert matched["huevos grandes"]["food"]["ndb_no"] == "01123"
    assert matched["huevos grandes"]["edible_grams"] == 100
    assert matched["espinaca cruda"]["food"]["matched_via"] == "ingredient_master"
    assert body["unmatched"] == [] and "Release 28" in body["source"]


def test_a_mass_is_as_purchased_by_default_so_spinach_loses_its_refuse(client, auth_headers):
    body = calculate(client, auth_headers, {"ingredients": RECIPE}).json

    spinach = body["ingredients"][0]
    assert (spinach["grams"], spinach["edible_grams"]) == (200, 144)  # 200 x (1 - 0.28)
    assert spinach["basis"] == "as_purchased"
    assert body["totals"]["energy_kcal"] == pytest.approx(by_hand(144)["energy_kcal"])
    assert body["servings"] is None and body["per_serving"] is None


def test_unmatched_lines_are_reported_with_their_reason_and_not_counted(client, auth_headers):
    lines = [
        {"name": "huevo", "quantity": 1, "unit": "unidad"},
        {"name": "sal", "unit": "pizca"},
        {"name": "polvo de estrellas", "quantity": 3, "unit": "g"},
        {"name": "huevo", "quantity": 1, "unit": "ladrillos"},
        {"name": "huevo", "quantity": 1, "unit": "pizca"},
    ]

    body = calculate(client, auth_headers, {"ingredients": lines}).json

    reasons = [(u["name"], u["reason"]) for u in body["unmatched"]]
    assert reasons == [
        ("sal", "no_quantity"),
        ("polvo de estrellas", "no_match"),
        ("huevo", "unknown_unit"),
        ("huevo", "no_weight"),
    ]
    assert len(body["ingredients"]) == 1
    # one medium egg (SR28: 44 g) when no size is said
    assert body["totals"]["energy_kcal"] == pytest.approx(143 * 0.44)


def test_a_nutrient_sr28_did_not_analyse_is_unknown_and_named(client, auth_headers):
    # 16426 "Tofu, raw, firm, prepared with calcium sulfate": sugars and vitamin K are empty.
    lines = [
        {"name": "tofu", "quantity": 100, "unit": "g"},
        {"name": "espinaca", "quantity": 100, "unit": "g", "basis": "edible"},
    ]

    body = calculate(client, auth_headers, {"ingredients": lines}).json

    tofu = body["ingredients"][0]
    assert tofu["food"]["ndb_no"] == "16426" and tofu["nutrients"]["sugars_g"] is None
    assert body["totals"]["sugars_g"] == pytest.approx(0.42)  # spinach only: a lower bound
    assert body["incomplete"]["sugars_g"] == ["tofu"]
    assert body["totals"]["vit_k_ug"] == pytest.approx(482.9)


@pytest.mark.parametrize(
    "body",
    [
        {"ingredients": [{"name": "huevo", "quantity": 1, "unit": "g"}] * 10_000},
        {"ingredients": [{"name": "huevo", "quantity": 1, "unit": "g"}] * 201},
        {"ingredients": []},
        {"ingredients": [{"name": "huevo", "quantity": -1, "unit": "g"}]},
        {"ingredients": [{"name": "huevo", "quantity": 0, "unit": "g"}]},
        {"ingredients": [{"name": "huevo", "quantity": 1, "unit": "g"}], "servings": 0},
        {"ingredients": [{"name": "huevo", "quantity": 1, "unit": "g"}], "servings": -2},
        {"ingredients": [{"name": "huevo", "quantity": 1, "unit": "g", "basis": "raw"}]},
        {"ingredients": [{"quantity": 1, "unit": "g"}]},
        {},
    ],
)
def test_bad_input_is_a_400(client, auth_headers, body):
    response = calculate(client, auth_headers, body)

    assert response.status_code == 400
    assert response.json["code"] == "validation_error"


def test_two_hundred_lines_are_accepted(client, auth_headers):
    lines = [{"name": "huevo", "quantity": 1, "unit": "g"}] * 200

    response = calculate(client, auth_headers, {"ingredients": lines})

    assert response.status_code == 200 and len(response.json["ingredients"]) == 200


def test_calculate_needs_a_token(client):
    response = calculate(client, {}, {"ingredients": RECIPE})

    assert response.status_code == 401
