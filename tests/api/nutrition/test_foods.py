"""GET /api/nutrition/ingredient/<name> and /api/nutrition/database: SR28 rows as published."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.api


def test_an_ingredient_by_its_spanish_name_per_100_g_and_its_portions(client, auth_headers):
    response = client.get("/api/nutrition/ingredient/Espinaca", headers=auth_headers)

    assert response.status_code == 200
    body = response.json
    # 11457 "Spinach, raw": 23 kcal, 2.86 g protein per 100 g; refuse 28 %; 1 cup = 30 g
    assert (body["ndb_no"], body["name"], body["matched_via"]) == (
        "11457",
        "Spinach, raw",
        "ingredient_master",
    )
    assert body["per_100g"]["energy_kcal"] == 23 and body["per_100g"]["protein_g"] == 2.86
    assert body["refuse_pct"] == 28
    assert {"amount": 1, "description": "cup", "grams": 30} in body["portions"]
    assert "Release 28" in body["source"]


def test_an_english_name_with_a_preparation_and_accents_folded(client, auth_headers):
    cooked = client.get("/api/nutrition/ingredient/cooked white rice", headers=auth_headers)
    accented = client.get("/api/nutrition/ingredient/ARROZ BLANCO COCÍDO", headers=auth_headers)

    assert cooked.json["ndb_no"] == "20445" and accented.json["ndb_no"] == "20445"


def test_an_unanalysed_nutrient_is_null(client, auth_headers):
    body = client.get("/api/nutrition/ingredient/tofu", headers=auth_headers).json

    assert body["per_100g"]["sugars_g"] is None and body["per_100g"]["energy_kcal"] == 144


def test_an_unknown_ingredient_is_a_404(client, auth_headers):
    response = client.get("/api/nutrition/ingredient/polvo de estrellas", headers=auth_headers)

    assert response.status_code == 404
    assert response.json["code"] == "nutrition_food_not_found"


def test_the_database_search_narrowed_by_preparation_with_a_portion(client, auth_headers):
    response = client.get(
        "/api/nutrition/database?food_item=egg&preparation_method=fried&portion_size=1 large",
        headers=auth_headers,
    )

    assert response.status_code == 200
    body = response.json
    first = body["foods"][0]
    # 01128 "Egg, whole, cooked, fried": 196 kcal per 100 g; 1 large = 46 g
    assert (first["ndb_no"], first["name"]) == ("01128", "Egg, whole, cooked, fried")
    assert first["portion_grams"] == 46
    assert first["portion_nutrients"]["energy_kcal"] == pytest.approx(196 * 0.46)
    assert all("fried" in food["name"] for food in body["foods"])
    assert body["portion_size"] == "1 large" and body["page"] == 1


def test_the_database_search_with_grams_and_pages(client, auth_headers):
    first = client.get(
        "/api/nutrition/database?food_item=spinach&portion_size=150&per_page=2",
        headers=auth_headers,
    ).json
    second = client.get(
        "/api/nutrition/database?food_item=spinach&portion_size=150&per_page=2&page=2",
        headers=auth_headers,
    ).json

    assert first["foods"][0]["ndb_no"] == "11457"  # the raw, plain form first
    assert first["foods"][0]["portion_nutrients"]["energy_kcal"] == pytest.approx(23 * 1.5)
    assert len(first["foods"]) == 2 and first["total"] > 2
    assert first["pages"] == -(-first["total"] // 2)
    assert not {f["ndb_no"] for f in first["foods"]} & {f["ndb_no"] for f in second["foods"]}


def test_a_spanish_name_finds_the_food_the_ingredient_master_links(client, auth_headers):
    body = client.get(
        "/api/nutrition/database?food_item=huevo&preparation_method=scrambled",
        headers=auth_headers,
    ).json

    # the master links huevo to 01123 (raw); scrambled is 01132 "Egg, whole, cooked, scrambled"
    assert [f["ndb_no"] for f in body["foods"]] == ["01132"] and body["total"] == 1


def test_a_portion_the_food_has_no_measure_for_is_null(client, auth_headers):
    body = client.get(
        "/api/nutrition/database?food_item=spinach raw&portion_size=1 slice",
        headers=auth_headers,
    ).json

    assert body["foods"][0]["portion_grams"] is None
    assert body["foods"][0]["portion_nutrients"] is None


@pytest.mark.parametrize(
    "query",
    [
        "",
        "food_item=egg&preparation_method=microwaved-in-space",
        "food_item=egg&portion_size=lots",
        "food_item=egg&portion_size=-5",
        "food_item=egg&page=0",
        "food_item=egg&per_page=1000",
    ],
)
def test_a_bad_database_query_is_a_400(client, auth_headers, query):
    response = client.get(f"/api/nutrition/database?{query}", headers=auth_headers)

    assert response.status_code == 400


def test_the_food_routes_need_a_token(client):
    assert client.get("/api/nutrition/ingredient/huevo").status_code == 401
    assert client.get("/api/nutrition/database?food_item=egg").status_code == 401
