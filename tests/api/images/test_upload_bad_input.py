"""Upload bad input: corrupt and disguised files, decompression bombs, traversal, size caps."""

from __future__ import annotations

import io

import pytest

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from tests.images import (
    KEY,
    URL,
    picture,
    png_with_declared_size,
    post,
    stored_files,
    variant_names,
)
from zerowaste.bootstrap import create_app

pytestmark = pytest.mark.api


PNG = picture("PNG", (64, 48))
JPEG = picture("JPEG", (64, 48))


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"GIF89a" + bytes(range(256)) * 4, "x.gif"),
        (b"this is a plain text file, not a photo\n" * 20, "photo.jpg"),
        (PNG[: len(PNG) // 2], "truncated.png"),
        (PNG[:33] + b"\x00" * 200, "garbage.png"),
        (JPEG[: len(JPEG) - 200], "truncated.jpg"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 64, "broken.webp"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "vector.png"),
        (b"BM" + b"\x00" * 100, "bitmap.jpg"),
    ],
    ids=[
        "gif-magic-garbage",
        "text-named-jpg",
        "truncated-png",
        "png-garbage",
        "truncated-jpeg",
        "webp-garbage",
        "svg",
        "bmp",
    ],
)
def test_corrupt_or_disguised_files_are_400_invalid_image(
    client, auth_headers, settings, data, filename
):
    response = post(client, auth_headers, data, filename)

    assert response.status_code == 400, response.json
    assert response.json["code"] == "invalid_image"
    assert stored_files(settings) == []


@pytest.mark.parametrize("side", [50000, 7000], ids=["pillow-bomb-limit", "over-40-megapixels"])
def test_a_decompression_bomb_is_400_image_too_large(client, auth_headers, settings, side):
    bomb = png_with_declared_size(side, side)
    assert len(bomb) < 200

    response = post(client, auth_headers, bomb, "bomb.png")

    assert response.status_code == 400
    assert response.json["code"] == "image_too_large"
    assert stored_files(settings) == []


def test_path_traversal_in_names_does_not_reach_the_key(client, user, auth_headers, settings):
    response = post(
        client,
        auth_headers,
        picture("PNG"),
        "../../../../etc/evil.png",
        item_name="../../../var/x",
        image_type="food",
    )

    assert response.status_code == 201
    body = response.json
    assert KEY.match(body["image"]["storage_path"])
    assert body["upload_info"]["original_filename"] == "evil.png"
    assert body["image"]["name"] == "../../../var/x"  # only echoed, never used as a path
    folder = settings.var_dir / "files" / "uploads" / user["user"]["uid"] / "food"
    original = folder / body["image"]["storage_path"].rsplit("/", 1)[-1]
    variants = [original.with_suffix("") / name for name in variant_names()]
    assert stored_files(settings) == sorted([original, *variants])  # nothing outside its folder


def test_missing_and_empty_files_are_400(client, auth_headers, settings):
    missing = client.post(
        URL, data={"item_name": "x"}, headers=auth_headers, content_type="multipart/form-data"
    )
    empty = post(client, auth_headers, b"")

    assert (missing.status_code, missing.json["code"]) == (400, "image_required")
    assert (empty.status_code, empty.json["code"]) == (400, "empty_file")
    assert stored_files(settings) == []


def test_item_name_is_required(client, auth_headers):
    form = {"image": (io.BytesIO(PNG), "p.png"), "image_type": "food"}
    response = client.post(URL, data=form, headers=auth_headers, content_type="multipart/form-data")

    assert response.status_code == 400
    assert response.json["code"] == "validation_error"
    assert "item_name" in response.json["details"]


def test_a_json_body_is_415(client, auth_headers):
    response = client.post(URL, json={"item_name": "x", "image_type": "food"}, headers=auth_headers)

    assert response.status_code == 415
    assert response.json["code"] == "unsupported_media_type"


def test_uploading_needs_a_token(client):
    response = post(client, {}, PNG)

    assert response.status_code == 401


def test_a_body_over_10_mb_is_413(client, auth_headers, settings):
    response = post(client, auth_headers, b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024))

    assert response.status_code == 413
    assert response.json["code"] == "request_entity_too_large"
    assert stored_files(settings) == []


def test_the_10_mb_file_cap_holds_when_the_body_cap_is_raised(tmp_path, sqlite_url):
    settings = make_settings(tmp_path, database_url=sqlite_url, max_content_length=16 * 1024 * 1024)
    app = create_app(settings)
    client = app.test_client()
    headers = bearer(signup(client)["access_token"])

    response = post(client, headers, b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024))

    assert response.status_code == 413
    assert response.json["code"] == "file_too_large"
    assert stored_files(settings) == []
    app.extensions["zerowaste.engine"].dispose()
