"""The embedded default end to end: a photographed receipt and a barcode become inventory items
through the public API, with the real local provider (tesseract + zxing-cpp), no fakes."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.api.conftest import bearer, signup
from tests.integration.ai.local import pictures
from tests.integration.ai.local.conftest import tesseract  # noqa: F401  (fixture)

pytestmark = pytest.mark.integration
TICKET = ["ABARROTES LUPITA", "2x Tomate 1.20", "Arroz SOS 1 kg $32.90", "TOTAL 34.10"]


def _upload(client: Any, headers: dict[str, str], data: bytes, name: str) -> str:
    response = client.post(
        "/api/image_management/upload_image",
        data={"image": (io.BytesIO(data), f"{name}.png"), "item_name": name},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.json
    return str(response.json["image"]["image_path"])


def test_a_receipt_photo_becomes_inventory_items(client: Any, tesseract: None) -> None:  # noqa: F811
    headers = bearer(signup(client)["access_token"])
    photo = _upload(client, headers, pictures.encode(pictures.receipt(TICKET)), "scan_1")

    recognized = client.post(
        "/api/recognition/ingredients", json={"images_paths": [photo]}, headers=headers
    )

    assert recognized.status_code == 200, recognized.json
    body = recognized.json
    found = {(i["name"], i["quantity"], i["type_unit"]) for i in body["ingredients"]}
    assert found == {("Jitomate", 2, "unidades"), ("Arroz blanco", 1, "kg")}
    assert body["provider"] == "local" and body["degraded"] is False
    assert all(i["image_status"] == "ready" for i in body["ingredients"])  # Pillow cards
    added = client.post(
        "/api/inventory/ingredients/from-recognition",
        json={"recognition_id": body["recognition_id"], "selected_ingredients": []},
        headers=headers,
    )
    assert added.status_code == 201 and added.json["ingredients_count"] == 2
    listed = client.get("/api/inventory", headers=headers).json["ingredients"]
    assert sorted(i["name"] for i in listed) == ["Arroz blanco", "Jitomate"]


def test_an_unknown_barcode_is_unmatched_until_a_user_confirms_it(client: Any) -> None:
    headers = bearer(signup(client)["access_token"])
    image, printed = pictures.code("ean13", "750105530007")
    photo = _upload(client, headers, pictures.encode(image), "scan_2")

    first = client.post(
        "/api/recognition/ingredients", json={"images_paths": [photo]}, headers=headers
    ).json
    assert first["ingredients"] == []
    assert first["barcodes"] == [{"code": printed, "format": "EAN13", "matched": False}]

    client.post(
        "/api/recognition/feedback",
        json={
            "recognition_id": first["recognition_id"],
            "corrections": [{"barcode": printed, "correct_name": "Frijoles negros"}],
        },
        headers=headers,
    )
    again = client.post(
        "/api/recognition/ingredients",
        json={"images_paths": [_upload(client, headers, pictures.encode(image), "scan_3")]},
        headers=headers,
    ).json

    (beans,) = again["ingredients"]
    assert beans["name"] == "Frijoles negros" and beans["source"] == "barcode"
    assert again["barcodes"][0]["matched"] is True
