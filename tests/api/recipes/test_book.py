"""Rows 46-50 and section B: save, list, defaults, delete, favourites; households never see
each other's recipes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.api

CLIENT_RECIPE = {  # what the app sends (row 46), extra keys included
    "title": "Tortilla de espinaca",
    "description": "Rápida y rica",
    "ingredients": [
        {"name": "Espinaca", "quantity": 200, "type_unit": "g"},
        {"name": "Huevo", "quantity": 3, "type_unit": "unidades"},
        {"name": "Sal", "quantity": "Al gusto", "type_unit": "porción"},
    ],
    "steps": [
        {"step_order": 2, "description": "Cocina a fuego medio."},
        {"step_order": 1, "description": "Bate los huevos con la espinaca."},
    ],
    "duration": "15 min",
    "difficulty": "Fácil",
    "category": "desayuno",
    "image_path": None,
    "generated_by_ai": True,
    "footer": "Aprovecha la espinaca que se marchita",
}


def save(client, headers, **changes):
    response = client.post("/api/recipes/save", json={**CLIENT_RECIPE, **changes}, headers=headers)
    assert response.status_code == 201, response.json
    return response.json["recipe"]


def test_a_saved_recipe_comes_back_in_the_client_shape(client, auth_headers):
    recipe = save(client, auth_headers)

    saved = client.get("/api/recipes/saved", headers=auth_headers).json

    assert saved["count"] == 1 and saved["recipes"][0]["uid"] == recipe["uid"]
    assert [s["description"] for s in recipe["steps"]] == [
        "Bate los huevos con la espinaca.",
        "Cocina a fuego medio.",
    ]
    lines = {line["name"]: line for line in recipe["ingredients"]}
    assert lines["Espinaca"]["quantity"] == 200 and lines["Espinaca"]["type_unit"] == "g"
    assert lines["Sal"]["quantity"] is None  # "Al gusto"
    assert (recipe["difficulty"], recipe["minutes"], recipe["source"]) == ("Fácil", 15, "saved")
    assert recipe["saved_at"] and recipe["generated_by_ai"] is False


def test_all_lists_the_catalog_and_the_households_recipes_only(client, auth_headers, other_headers):
    save(client, auth_headers, title="Mi receta secreta")

    mine = client.get("/api/recipes/all?search=secreta", headers=auth_headers).json
    theirs = client.get("/api/recipes/all?search=secreta", headers=other_headers).json
    catalog = client.get("/api/recipes/all?per_page=5&page=2", headers=other_headers).json

    assert [r["title"] for r in mine["recipes"]] == ["Mi receta secreta"]
    assert theirs["total"] == 0
    assert catalog["total"] == 501 and catalog["count"] == 5 and catalog["page"] == 2
    assert all(r["source"] == "catalog" and r["attribution"] for r in catalog["recipes"])


def test_all_filters_combine(client, auth_headers):
    quick = client.get(
        "/api/recipes/all?max_prep_time=20&ingredients=egg&per_page=100", headers=auth_headers
    ).json

    assert quick["total"] > 0
    for recipe in quick["recipes"]:
        assert recipe["minutes"] is not None and recipe["minutes"] <= 20
        assert any("egg" in line["text"].lower() for line in recipe["ingredients"])


def test_another_households_recipe_is_404_everywhere(client, auth_headers, other_headers):
    uid = save(client, auth_headers)["uid"]

    assert client.get(f"/api/recipes/{uid}", headers=other_headers).status_code == 404
    assert client.delete(f"/api/recipes/{uid}", headers=other_headers).status_code == 404
    assert (
        client.post(
            f"/api/recipes/generated/{uid}/favorite", json={}, headers=other_headers
        ).status_code
        == 404
    )
    gone = client.delete(
        "/api/recipes/delete", json={"title": CLIENT_RECIPE["title"]}, headers=other_headers
    )
    assert gone.status_code == 404
    assert client.get(f"/api/recipes/{uid}", headers=auth_headers).status_code == 200


def test_delete_by_title_in_both_client_shapes(client, auth_headers):
    save(client, auth_headers, title="Sopa")
    save(client, auth_headers, title="sopa ")
    save(client, auth_headers, title="Ensalada")

    l1 = client.delete("/api/recipes/delete", json={"title": "SOPA"}, headers=auth_headers)
    l2 = client.delete(
        "/api/recipes/delete", json={"recipe_title": "Ensalada"}, headers=auth_headers
    )
    again = client.delete("/api/recipes/delete", json={"title": "Sopa"}, headers=auth_headers)

    assert (l1.status_code, l1.json["deleted"]) == (200, 2)
    assert l2.status_code == 200 and again.status_code == 404
    assert client.get("/api/recipes/saved", headers=auth_headers).json["count"] == 0


def test_catalog_recipes_cannot_be_deleted(client, auth_headers):
    uid = client.get("/api/recipes/all?per_page=1", headers=auth_headers).json["recipes"][0]["uid"]

    assert client.delete(f"/api/recipes/{uid}", headers=auth_headers).status_code == 404
    assert client.get(f"/api/recipes/{uid}", headers=auth_headers).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": ""},
        {"title": "x", "difficulty": "imposible"},
        {"title": "x", "ingredients": [{"quantity": 2}]},
        {"title": "x", "steps": [{"step_order": 1}]},
        {"title": "x", "ingredients": "huevo"},
        {"title": "x", "image_path": "javascript:alert(1)"},
        {"title": "x" * 201},
    ],
)
def test_bad_payloads_are_400_and_save_nothing(client, auth_headers, body):
    response = client.post("/api/recipes/save", json=body, headers=auth_headers)

    assert response.status_code == 400
    assert client.get("/api/recipes/saved", headers=auth_headers).json["count"] == 0


def test_defaults_by_category_need_no_token(client):
    for category in ("destacadas", "rapidas_faciles", "vegetarianas", "postres", "saludables"):
        response = client.get(f"/api/recipes/default?category={category}")
        assert response.status_code == 200, category
        body = response.json
        assert body["total_recipes"] > 0 and body["filter_applied"] == {"category": category}
        assert set(body["categories_summary"]) == {
            "destacadas",
            "rapidas_faciles",
            "vegetarianas",
            "postres",
            "saludables",
        }
    quick = client.get("/api/recipes/default?category=rapidas_faciles").json["default_recipes"]
    assert all(r["difficulty"] != "Difícil" for r in quick)
    assert client.get("/api/recipes/default?category=nope").status_code == 400


def test_vegetarian_defaults_have_no_meat(client):
    recipes = client.get("/api/recipes/default?category=vegetarianas").json["default_recipes"]

    for recipe in recipes:
        text = " ".join(line["text"] for line in recipe["ingredients"]).lower()
        assert not any(meat in text for meat in (" pollo", "chicken", "beef", "bacon", "cerdo"))


def test_favourites_with_rating_and_notes(client, auth_headers):
    uid = save(client, auth_headers)["uid"]
    catalog_uid = client.get("/api/recipes/default").json["default_recipes"][0]["uid"]

    first = client.post(
        f"/api/recipes/generated/{uid}/favorite",
        json={"rating": 5, "notes": "la mejor"},
        headers=auth_headers,
    )
    client.put(f"/api/recipes/generated/{catalog_uid}/favorite", json={}, headers=auth_headers)
    bad = client.post(
        f"/api/recipes/generated/{uid}/favorite", json={"rating": 6}, headers=auth_headers
    )
    listed = client.get("/api/recipes/generated/favorites", headers=auth_headers).json

    assert first.status_code == 200 and first.json["rating"] == 5
    assert bad.status_code == 400
    assert listed["count"] == 2
    removed = client.delete(f"/api/recipes/generated/{uid}/favorite", headers=auth_headers)
    assert removed.status_code == 200
    assert client.get("/api/recipes/generated/favorites", headers=auth_headers).json["count"] == 1
    again = client.delete(f"/api/recipes/generated/{uid}/favorite", headers=auth_headers)
    assert again.status_code == 404


def test_deleting_an_account_keeps_the_catalog(client, auth_headers):
    save(client, auth_headers)

    assert client.delete("/api/user/profile", headers=auth_headers).status_code == 200
