"""Bad input and other users' images: a clear 4xx, nothing recognised, nothing stored."""

from __future__ import annotations

import pytest

from tests.api.recognition.conftest import upload
from tests.fakes.ai import ingredient
from zerowaste.domain.recognition.items import Findings

pytestmark = pytest.mark.api
URL = "/api/recognition/ingredients"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"images_paths": []},
        {"images_paths": "x"},
        {"images_paths": [1]},
        {"images_paths": ["a"] * 6},
    ],
)
def test_bad_bodies_are_400_and_call_no_provider(client, auth_headers, ai, body):
    response = client.post(URL, json=body, headers=auth_headers)

    assert response.status_code == 400
    assert ai.vision.calls == []


def test_another_users_upload_is_404_and_nothing_is_stored(client, auth_headers, second_user, ai):
    theirs = upload(client, second_user)

    response = client.post(URL, json={"images_paths": [theirs]}, headers=auth_headers)

    assert response.status_code == 404 and response.json["code"] == "image_not_found"
    assert ai.vision.calls == []
    history = client.get("/api/recognition/history", headers=auth_headers).json
    assert history["total"] == 0


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "file:///data/user/0/scan.jpg", "https://example.com/a.jpg", "../x"]
)
def test_paths_that_are_not_our_uploads_are_404(client, auth_headers, ai, path):
    response = client.post(URL, json={"images_paths": [path]}, headers=auth_headers)

    assert response.status_code == 404
    assert ai.vision.calls == []


def test_shared_generated_pictures_cannot_be_recognised(client, auth_headers, ai, photo):
    ai.vision.findings = Findings((ingredient("Tomate"),))
    picture = client.post(URL, json={"images_paths": [photo]}, headers=auth_headers).json[
        "ingredients"
    ][0]["image_path"]

    response = client.post(URL, json={"images_paths": [picture]}, headers=auth_headers)

    assert response.status_code == 404


def test_not_json_is_415(client, auth_headers):
    response = client.post(URL, data="images_paths=x", headers=auth_headers)

    assert response.status_code == 415


def test_no_token_is_401(client):
    assert client.post(URL, json={"images_paths": ["x"]}).status_code == 401
