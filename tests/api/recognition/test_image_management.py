"""Rows 6-8: upload for an item name, find images by name, assign one to the caller's items."""

from __future__ import annotations

import io

import pytest

from tests.api.recognition.conftest import MANAGE_UPLOAD, upload
from tests.images import picture, png_with_declared_size

pytestmark = pytest.mark.api


def test_upload_answers_the_image_the_client_keeps(client, auth_headers):
    response = client.post(
        MANAGE_UPLOAD,
        data={
            "image": (io.BytesIO(picture()), "x.png"),
            "item_name": "food_scan_1_0",
            "image_type": "food",
        },
        headers=auth_headers,
        content_type="multipart/form-data",
    )

    assert response.status_code == 201
    image = response.json["image"]
    assert image["image_type"] == "food" and image["name"] == "food_scan_1_0"
    assert "/api/files/uploads/" in image["image_path"] and image["storage_path"].startswith(
        "uploads/"
    )


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"image": (io.BytesIO(b"GIF89a not really"), "a.gif"), "item_name": "x"}, 400),
        (
            {
                "image": (io.BytesIO(png_with_declared_size(30000, 30000)), "b.png"),
                "item_name": "x",
            },
            400,
        ),
        ({"image": (io.BytesIO(picture()), "c.png")}, 400),
        ({"item_name": "x"}, 400),
        ({"image": (io.BytesIO(picture()), "../../etc/passwd"), "item_name": "../../x"}, 201),
    ],
)
def test_hostile_uploads(client, auth_headers, data, status):
    response = client.post(
        MANAGE_UPLOAD, data=data, headers=auth_headers, content_type="multipart/form-data"
    )

    assert response.status_code == status, response.json
    if status == 201:  # names never steer where a file lands
        assert ".." not in response.json["image"]["storage_path"]


def test_similar_images_are_the_callers_and_best_first(client, auth_headers, second_user):
    upload(client, auth_headers, "tomate cherry")
    upload(client, auth_headers, "Tomates")
    upload(client, auth_headers, "aguacate")
    upload(client, second_user, "tomate")  # another user's: never offered

    found = client.post(
        "/api/image_management/search_similar_images",
        json={"item_name": "tomate"},
        headers=auth_headers,
    )

    assert found.status_code == 200
    names = [i["name"] for i in found.json]
    assert set(names) == {"Tomates", "tomate cherry"}
    assert all(i["image_path"].startswith("http") for i in found.json)


def test_assign_sets_the_image_of_the_callers_items_of_that_name(client, auth_headers):
    client.post(
        "/api/inventory/ingredients",
        json={
            "ingredients": [
                {
                    "name": "Tomate",
                    "quantity": 1,
                    "type_unit": "kg",
                    "storage_type": "Refrigerado",
                    "tips": "",
                    "image_path": "",
                }
            ]
        },
        headers=auth_headers,
    )
    path = upload(client, auth_headers, "tomate")

    response = client.post(
        "/api/image_management/assign_image",
        json={"item_name": "Tomate", "image_path": path},
        headers=auth_headers,
    )

    assert response.status_code == 200 and response.json["items_updated"] == 1
    listed = client.get("/api/inventory", headers=auth_headers).json["ingredients"][0]
    assert "/api/files/uploads/" in listed["image_path"]


def test_assign_without_a_path_or_a_similar_image_is_404(client, auth_headers):
    response = client.post(
        "/api/image_management/assign_image", json={"item_name": "Durian"}, headers=auth_headers
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    "body", [{}, {"item_name": ""}, {"item_name": "x", "image_path": "javascript:alert(1)"}]
)
def test_bad_bodies_are_400(client, auth_headers, body):
    for path in (
        "/api/image_management/search_similar_images",
        "/api/image_management/assign_image",
    ):
        if "image_path" in body and path.endswith("search_similar_images"):
            continue
        assert client.post(path, json=body, headers=auth_headers).status_code == 400, path
