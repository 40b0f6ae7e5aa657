"""Rows 11, 13, 15, 16: recognise the caller's uploads, synchronously."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.api.recognition.conftest import upload
from tests.fakes.ai import food, ingredient
from zerowaste.domain.recognition.items import DecodedBarcode, Findings

pytestmark = pytest.mark.api
INGREDIENT_KEYS = {
    "name",
    "quantity",
    "type_unit",
    "storage_type",
    "expiration_time",
    "time_unit",
    "tips",
    "image_path",
    "image_status",
    "expiration_date",
    "added_at",
    "allergy_alert",
    "allergens",
    "confidence",
    "description",
}


def test_ingredients_come_back_in_the_client_shape_with_dates_and_pictures(
    client, auth_headers, photo, ai
):
    ai.vision.findings = Findings((ingredient("Tomate", expiration_time=2, time_unit="Semanas"),))

    response = client.post(
        "/api/recognition/ingredients", json={"images_paths": [photo]}, headers=auth_headers
    )

    assert response.status_code == 200, response.json
    body = response.json
    (tomato,) = body["ingredients"]
    assert set(tomato) >= INGREDIENT_KEYS
    assert (tomato["name"], tomato["quantity"], tomato["type_unit"]) == ("Tomate", 2, "unidades")
    added = date.fromisoformat(tomato["added_at"][:10])
    assert tomato["expiration_date"] == f"{added + timedelta(weeks=2)}T00:00:00"
    # The embedded default runs the picture job inline: the picture is ready and served by us.
    assert tomato["image_status"] == "ready" and "/api/files/ingredients/" in tomato["image_path"]
    assert body["images_status"] == "ready" and body["provider"] == "gemini"
    assert body["recognition_id"] and body["degraded"] is False
    assert ai.vision.calls[0][1] == "ingredients"


def test_the_profile_language_reaches_the_provider(client, auth_headers, photo, ai):
    client.put("/api/user/profile", json={"language": "en"}, headers=auth_headers)

    client.post(
        "/api/recognition/ingredients", json={"images_paths": [photo]}, headers=auth_headers
    )

    assert ai.vision.calls[0][2].language == "en"


def test_an_allergen_the_user_listed_raises_an_alert(client, auth_headers, photo, ai):
    client.put("/api/user/profile", json={"allergies": ["lácteos"]}, headers=auth_headers)
    ai.vision.findings = Findings((ingredient("Leche"), ingredient("Tomate")))

    body = client.post(
        "/api/recognition/ingredients", json={"images_paths": [photo]}, headers=auth_headers
    ).json

    milk, tomato = body["ingredients"]
    assert milk["allergy_alert"] is True and "milk" in milk["allergens"]
    assert tomato["allergy_alert"] is False
    assert body["has_allergens"] is True
    assert [a["item"] for a in body["allergy_alerts"]] == ["Leche"]


def test_foods_and_batch_shapes(client, auth_headers, photo, ai):
    ai.vision.findings = Findings((ingredient("Cebolla"),), (food("Arroz con pollo"),))

    foods = client.post(
        "/api/recognition/foods", json={"images_paths": [photo]}, headers=auth_headers
    ).json
    batch = client.post(
        "/api/recognition/batch", json={"images_paths": [photo]}, headers=auth_headers
    ).json

    assert (
        foods["foods"][0]["category"] == "Plato principal" and foods["foods"][0]["calories"] == 520
    )
    assert foods["foods"][0]["image_status"] == "ready"  # foods get pictures too (row 13's bug)
    items = {i["name"]: i for i in batch["recognized_items"]}
    assert items["Arroz con pollo"]["item_type"] == "food"
    assert items["Cebolla"]["item_type"] == "ingredient" and batch["recognition_id"]


def test_complete_adds_impact_and_ideas(client, auth_headers, photo, ai):
    ai.vision.findings = Findings((ingredient("Espinaca"),))

    body = client.post(
        "/api/recognition/ingredients/complete",
        json={"images_paths": [photo]},
        headers=auth_headers,
    ).json

    (spinach,) = body["ingredients"]
    assert spinach["environmental_impact"]["carbon_footprint"]["unit"] == "kg"
    assert spinach["utilization_ideas"][0]["title"] == "Sopa de Espinaca"


def test_a_failing_provider_falls_back_to_the_local_engine_and_says_so(
    client, auth_headers, photo, ai
):
    ai.vision.fail = True

    body = client.post(
        "/api/recognition/ingredients", json={"images_paths": [photo]}, headers=auth_headers
    ).json

    assert body["provider"] == "local" and body["degraded"] is True
    assert body["ingredients"] == []
    assert any("unavailable" in note for note in body["notes"])
    assert body["message"]  # says why nothing was found, never invents items


def test_unknown_barcodes_are_reported_unmatched_never_guessed(client, auth_headers, photo, ai):
    ai.vision.findings = Findings(barcodes=(DecodedBarcode("7501055300075", "EAN13"),))

    body = client.post(
        "/api/recognition/ingredients", json={"images_paths": [photo]}, headers=auth_headers
    ).json

    assert body["ingredients"] == []
    assert body["barcodes"] == [{"code": "7501055300075", "format": "EAN13", "matched": False}]


def test_a_confirmed_barcode_is_known_to_everyone_after(
    client, auth_headers, second_user, photo, ai
):
    ai.vision.findings = Findings(barcodes=(DecodedBarcode("7501055300075", "EAN13"),))
    first = client.post(
        "/api/recognition/ingredients", json={"images_paths": [photo]}, headers=auth_headers
    ).json
    feedback = {
        "recognition_id": first["recognition_id"],
        "corrections": [{"barcode": "7501055300075", "correct_name": "Leche"}],
    }
    assert (
        client.post("/api/recognition/feedback", json=feedback, headers=auth_headers).status_code
        == 201
    )

    other_photo = upload(client, second_user)
    body = client.post(
        "/api/recognition/ingredients", json={"images_paths": [other_photo]}, headers=second_user
    ).json

    assert body["barcodes"][0]["matched"] is True and body["barcodes"][0]["name"] == "Leche"
    (milk,) = body["ingredients"]
    assert milk["name"] == "Leche" and milk["source"] == "barcode"
    assert milk["storage_type"] == "Refrigerado" and milk["expiration_time"] >= 1


def test_a_users_correction_renames_their_next_matches_only(
    client, auth_headers, second_user, photo, ai
):
    ai.vision.findings = Findings((ingredient("Jitomate bola"),))
    first = client.post(
        "/api/recognition/ingredients", json={"images_paths": [photo]}, headers=auth_headers
    ).json
    client.post(
        "/api/recognition/feedback",
        json={
            "recognition_id": first["recognition_id"],
            "corrections": [{"name": "jitomate  BOLA", "correct_name": "Tomate"}],
        },
        headers=auth_headers,
    )

    mine = client.post(
        "/api/recognition/ingredients",
        json={"images_paths": [upload(client, auth_headers, "scan_2")]},
        headers=auth_headers,
    ).json
    theirs = client.post(
        "/api/recognition/ingredients",
        json={"images_paths": [upload(client, second_user)]},
        headers=second_user,
    ).json

    assert mine["ingredients"][0]["name"] == "Tomate"
    assert theirs["ingredients"][0]["name"] == "Jitomate bola"
