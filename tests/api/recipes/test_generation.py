"""Rows 43-45 on the local engine: recipes that use what expires first, with the client's
shape, stored as the household's, never another household's stock."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.api.inventory.helpers import (  # noqa: F401  (fixtures)
    add,
    app_fixture,
    clock_fixture,
    line,
)
from zerowaste.domain.shared.errors import TransientConflict, UpstreamUnavailable

pytestmark = pytest.mark.api


def test_what_expires_first_is_used_first(client, auth_headers, clock):
    # Spinach expires tomorrow, rice in a year: the recipes use the spinach first.
    add(
        client,
        auth_headers,
        line("Espinaca", 300, "g", expiration_time=1),
        line("Arroz", 1, "kg", expiration_time=365),
        line("Huevo", 6, "unidades", expiration_time=20),
    )

    response = client.post("/api/recipes/generate-from-inventory", json={}, headers=auth_headers)

    assert response.status_code == 200, response.json
    body = response.json
    recipes = body["generated_recipes"]
    assert body["total_recipes"] == len(recipes) == 3
    first = recipes[0]
    assert "Espinaca" in first["inventory_utilization"]["used_ingredients"]
    assert first["uses_expiring_items"] is True
    assert "Espinaca" in first["footer"]
    assert {"uid", "title", "name", "ingredients", "steps", "duration", "difficulty"} <= set(first)
    assert 0 < body["inventory_utilization"]["utilization_percentage"] <= 100
    assert body["inventory_usage"].endswith("%") and body["provider"] == "local"


def test_generated_recipes_are_stored_in_the_gallery(client, auth_headers):
    add(client, auth_headers, line("Huevo", 6, "unidades"), line("Tomate", 3, "unidades"))

    body = client.post("/api/recipes/generate-from-inventory", json={}, headers=auth_headers).json
    gallery = client.get("/api/recipes/generated/gallery", headers=auth_headers).json

    assert {r["uid"] for r in gallery["recipes"]} == {r["uid"] for r in body["generated_recipes"]}
    assert all(r["source"] == "generated" for r in gallery["recipes"])
    # Pictures were drawn (inline without a broker): the gallery shows them.
    assert all(
        r["image_status"] == "ready" and "/api/files/recipes/" in r["image_path"]
        for r in gallery["recipes"]
    )


def test_allergies_remove_recipes_with_that_food(client, auth_headers):
    client.put("/api/user/profile", json={"allergies": ["huevo"]}, headers=auth_headers)
    add(client, auth_headers, line("Huevo", 6, "unidades"), line("Harina", 1, "kg"))

    response = client.post("/api/recipes/generate-from-inventory", json={}, headers=auth_headers)

    for recipe in response.json.get("generated_recipes", []):
        text = " ".join(i["text"] or i["name"] for i in recipe["ingredients"]).lower()
        assert "egg" not in text and "huevo" not in text


def test_an_empty_inventory_is_a_clear_400(client, auth_headers):
    response = client.post("/api/recipes/generate-from-inventory", json={}, headers=auth_headers)

    assert response.status_code == 400 and response.json["code"] == "empty_inventory"


def test_expired_stock_is_not_offered(client, auth_headers, clock):
    add(client, auth_headers, line("Espinaca", 300, "g", expiration_time=1))
    clock.advance(timedelta(days=3))

    response = client.post("/api/recipes/generate-from-inventory", json={}, headers=auth_headers)

    assert response.status_code == 400


def test_custom_and_generate_in_both_client_shapes(client, auth_headers):
    custom = client.post(
        "/api/recipes/generate-custom",
        json={"ingredients": ["tomate", "cebolla"], "num_recipes": 2},
        headers=auth_headers,
    )
    l1 = client.post(
        "/api/recipes/generate",
        json={"ingredients": [{"name": "huevo", "quantity": 2, "type_unit": "unidades"}]},
        headers=auth_headers,
    )
    l2 = client.post(
        "/api/recipes/generate",
        json={"ingredients": ["huevo"], "servings": 2},
        headers=auth_headers,
    )

    assert custom.status_code == 200 and custom.json["total_recipes"] == 2
    assert l1.status_code == 200 and l2.status_code == 200


@pytest.mark.parametrize(
    "body",
    [{}, {"ingredients": []}, {"ingredients": ["a"], "num_recipes": 9}, {"ingredients": "a"}],
)
def test_bad_custom_bodies_are_400(client, auth_headers, body):
    response = client.post("/api/recipes/generate-custom", json=body, headers=auth_headers)

    assert response.status_code == 400
    assert client.get("/api/recipes/generated/gallery", headers=auth_headers).json["total"] == 0


def test_another_households_stock_is_never_used(client, auth_headers, other_headers):
    add(client, auth_headers, line("Espinaca", 300, "g", expiration_time=1))

    response = client.post("/api/recipes/generate-from-inventory", json={}, headers=other_headers)

    assert response.status_code == 400  # their inventory is empty


def test_generation_pictures_are_reported_and_personal(client, auth_headers, other_headers):
    add(client, auth_headers, line("Huevo", 6, "unidades"))
    body = client.post("/api/recipes/generate-from-inventory", json={}, headers=auth_headers).json

    pictures = client.get(f"/api/generation/{body['generation_id']}/images", headers=auth_headers)
    job = client.get(
        f"/api/generation/images/status/{body['images']['task_id']}", headers=auth_headers
    )
    theirs = client.get(f"/api/generation/{body['generation_id']}/images", headers=other_headers)

    assert pictures.status_code == 200
    assert pictures.json["images_ready"] == pictures.json["total_recipes"] == 3  # inline job
    assert all(r["image_status"] == "ready" and r["image_path"] for r in pictures.json["recipes"])
    assert job.status_code == 200 and job.json["status"] == "completed"
    assert theirs.status_code == 404


def test_the_profiles_language_and_measurement_system_are_honoured(client, auth_headers):
    client.put(
        "/api/user/profile",
        json={"language": "en", "measurementUnit": "imperial"},
        headers=auth_headers,
    )
    add(client, auth_headers, line("Arroz", 2, "kg"), line("Huevo", 6, "unidades"))

    body = client.post("/api/recipes/generate-from-inventory", json={}, headers=auth_headers).json

    assert body["personalization_info"]["language"] == "en"
    assert any(r["lang"] == "en" for r in body["generated_recipes"])
    units = {i["type_unit"] for r in body["generated_recipes"] for i in r["ingredients"]}
    assert not units & {"g", "kg", "ml", "l"}  # masses and volumes in oz, lb, tbsp, cups


def test_new_recipes_are_preferred_and_last_weeks_come_back_when_nothing_new_fits(
    client, auth_headers
):
    add(client, auth_headers, line("Huevo", 6, "unidades"), line("Harina", 1, "kg"))
    seen: list[set[str]] = []
    for _ in range(3):
        body = client.post(
            "/api/recipes/generate-from-inventory", json={"num_recipes": 5}, headers=auth_headers
        ).json
        seen.append({r["title"] for r in body["generated_recipes"]})

    assert not seen[0] & seen[1]  # the second call brings other recipes while there are some
    assert all(len(titles) == 5 for titles in seen)  # and never runs dry


def test_each_generation_is_stored_with_its_inputs_and_is_the_households(
    client, auth_headers, other_headers
):
    add(
        client,
        auth_headers,
        line("Espinaca", 300, "g", expiration_time=1),
        line("Arroz", 1, "kg", expiration_time=365),
    )
    body = client.post("/api/recipes/generate-from-inventory", json={}, headers=auth_headers).json

    mine = client.get("/api/generation/history", headers=auth_headers)
    theirs = client.get("/api/generation/history", headers=other_headers)

    assert mine.status_code == 200
    (stored,) = mine.json["generations"]
    assert stored["generation_id"] == body["generation_id"]
    assert stored["generation_type"] == "inventory" and stored["provider"] == "local"
    assert stored["inputs"]["priorities"] == ["Espinaca"]  # within 7 days; rice is not
    assert [r["uid"] for r in stored["recipes"]] == [r["uid"] for r in body["generated_recipes"]]
    assert (
        stored["utilization_percentage"] == body["inventory_utilization"]["utilization_percentage"]
    )
    assert theirs.status_code == 200 and theirs.json["generations"] == []
    assert client.get("/api/generation/history?page=0", headers=auth_headers).status_code == 400


def test_preferred_food_types_come_first_among_recipes_that_save_the_same(
    client, auth_headers, other_headers
):
    def desserts(headers: dict[str, str]) -> list[bool]:
        body = client.post(
            "/api/recipes/generate-custom",
            json={"ingredients": ["Huevo", "Harina", "Azúcar"], "num_recipes": 5},
            headers=headers,
        ).json
        return [
            bool({"dessert", "sweet", "postre"} & {t.casefold() for t in r["tags"]})
            or r["category"] == "postre"
            for r in body["generated_recipes"]
        ]

    client.put("/api/user/profile", json={"preferredFoodTypes": ["Postres"]}, headers=auth_headers)

    liked, plain = desserts(auth_headers), desserts(other_headers)  # same catalog, same stock

    assert sum(liked) > sum(plain)  # the Spanish "Postres" reaches the catalog's "dessert" tags
    assert liked[0]


@pytest.mark.parametrize(
    "error",
    [
        TransientConflict("The database is busy; try again"),
        UpstreamUnavailable("Background jobs are unavailable", code="queue_unavailable"),
    ],
    ids=["claim-lost", "queue-down"],
)
def test_recipes_stored_are_answered_when_their_pictures_cannot_be_started(
    app, client, auth_headers, monkeypatch, caplog, error
):
    """The recipes are committed before their pictures are asked for: a 503 then (the 12-01
    soak's) made the client generate them twice. They are answered, without `images`, and
    the log says why."""
    pictures = app.extensions["zerowaste.services"].pictures

    def unavailable(*_args):
        raise error

    monkeypatch.setattr(pictures, "request", unavailable)
    add(client, auth_headers, line("Huevo", 6, "unidades"), line("Tomate", 3, "unidades"))

    response = client.post("/api/recipes/generate-from-inventory", json={}, headers=auth_headers)

    assert response.status_code == 200, response.json
    body = response.json
    assert body["generated_recipes"] and "images" not in body
    history = client.get("/api/generation/history", headers=auth_headers).json
    assert [g["generation_id"] for g in history["generations"]] == [body["generation_id"]]
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any(body["generation_id"] in m and error.code in m for m in said), said
