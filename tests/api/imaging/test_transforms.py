"""POST /api/images/{optimize,convert,resize} and GET /api/images/{info,formats}: a caller's
upload by key or URL, or a posted file; outputs decoded; another user's key is 404; bad input
is a clear 4xx and stores nothing."""

from __future__ import annotations

import pytest
from PIL import Image, features

from tests.api.imaging.helpers import decoded, upload, with_file
from tests.images import GPS_IFD, ORIENTATION, local, picture, png_with_declared_size, stored_files

pytestmark = pytest.mark.api
AVIF = bool(features.check("avif"))
FORMATS = ["webp", "jpeg", "png", *(["avif"] if AVIF else [])]


def test_optimize_an_upload_by_key_keeps_its_format_and_fits_max_side(client, auth_headers):
    image = upload(client, auth_headers)

    response = client.post(
        "/api/images/optimize",
        json={"key": image["storage_path"], "max_side": 320},
        headers=auth_headers,
    )

    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    assert decoded(response).size == (320, 240)
    assert (response.headers["X-Image-Width"], response.headers["X-Image-Height"]) == ("320", "240")


def test_optimize_a_posted_file_turns_it_upright_and_strips_its_exif(client, auth_headers):
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif.get_ifd(GPS_IFD)[2] = (12.0, 3.0, 4.0)
    photo = picture("JPEG", (80, 40), exif=exif.tobytes())

    response = with_file(client, "/api/images/optimize", auth_headers, photo, format="webp")

    assert response.status_code == 200 and response.mimetype == "image/webp"
    out = decoded(response)
    assert out.size == (40, 80)
    assert dict(out.getexif()) == {}


@pytest.mark.parametrize("fmt", FORMATS)
def test_convert_answers_the_bytes_of_each_format(client, auth_headers, fmt):
    image = upload(client, auth_headers)

    response = client.post(
        "/api/images/convert",
        json={"key": image["image_path"], "format": fmt, "quality": 70},
        headers=auth_headers,
    )

    assert response.status_code == 200
    assert response.mimetype == f"image/{fmt}"
    assert decoded(response).size == (640, 480)


def test_convert_a_posted_gif_to_png(client, auth_headers):
    response = with_file(
        client, "/api/images/convert", auth_headers, picture("GIF", (30, 20)), format="png"
    )

    assert response.status_code == 200 and decoded(response).format == "PNG"


def test_resize_stores_every_size_and_answers_a_signed_url_per_size(client, auth_headers):
    image = upload(client, auth_headers)

    response = client.post(
        "/api/images/resize",
        json={"key": image["storage_path"], "sizes": [128, 512, 128], "format": "webp"},
        headers=auth_headers,
    )

    assert response.status_code == 201, response.json
    sizes = response.json["sizes"]
    assert [(s["name"], s["width"], s["height"]) for s in sizes] == [
        ("w512.webp", 512, 384),
        ("w128.webp", 128, 96),
    ]
    folder = image["storage_path"].rsplit(".", 1)[0]
    assert [s["key"] for s in sizes] == [f"{folder}/w512.webp", f"{folder}/w128.webp"]
    for size in sizes:
        served = client.get(local(size["url"]))
        assert served.status_code == 200 and served.mimetype == "image/webp"
        assert decoded(served).size == (size["width"], size["height"])
        assert len(served.data) == size["size"]


def test_resize_a_posted_file_stores_it_under_the_callers_folder(
    client, user, auth_headers, settings
):
    response = with_file(
        client, "/api/images/resize", auth_headers, picture("PNG", (300, 100)), sizes="100,50"
    )

    assert response.status_code == 201, response.json
    uid = user["user"]["uid"]
    assert all(s["key"].startswith(f"uploads/{uid}/resized/") for s in response.json["sizes"])
    assert [s["content_type"] for s in response.json["sizes"]] == ["image/png", "image/png"]
    assert len(stored_files(settings)) == 2


def test_info_reports_dimensions_format_size_exif_and_the_variants(client, auth_headers):
    image = upload(client, auth_headers, picture("PNG", (90, 60)))

    response = client.get(
        "/api/images/info", query_string={"key": image["storage_path"]}, headers=auth_headers
    )

    assert response.status_code == 200, response.json
    body = response.json
    assert (body["format"], body["width"], body["height"]) == ("png", 90, 60)
    assert body["has_exif"] is False and body["animated"] is False and body["frames"] == 1
    assert body["size"] > 0
    names = [v["name"] for v in body["variants"]]
    assert "thumb_256.webp" in names and "full.webp" in names
    assert ("thumb_256.avif" in names) is AVIF
    thumb = next(v for v in body["variants"] if v["name"] == "thumb_256.webp")
    assert decoded(client.get(local(thumb["url"]))).size == (90, 60)  # never enlarged


def test_formats_lists_what_this_build_writes(client, auth_headers):
    response = client.get("/api/images/formats", headers=auth_headers)

    assert response.status_code == 200
    assert response.json["formats"] == ["webp", *(["avif"] if AVIF else []), "jpeg", "png"]


# --- ownership ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/api/images/optimize", {}),
        ("/api/images/convert", {"format": "webp"}),
        ("/api/images/resize", {"sizes": [64]}),
    ],
)
def test_another_users_upload_is_404_and_nothing_is_stored(
    client, auth_headers, other_headers, settings, path, extra
):
    image = upload(client, auth_headers)
    before = stored_files(settings)

    for key in (image["storage_path"], image["image_path"]):
        response = client.post(path, json={"key": key, **extra}, headers=other_headers)
        assert response.status_code == 404, response.json
        assert response.json["code"] == "image_not_found"
    assert stored_files(settings) == before


def test_info_of_another_users_upload_or_a_shared_picture_is_404(
    client, auth_headers, other_headers
):
    image = upload(client, auth_headers)

    for key in (image["storage_path"], "ingredients/tomate-abc.png", "../../etc/passwd"):
        response = client.get("/api/images/info", query_string={"key": key}, headers=other_headers)
        assert response.status_code == 404, key


def test_the_routes_need_a_token(client):
    assert client.post("/api/images/optimize", json={"key": "x"}).status_code == 401
    assert client.get("/api/images/info", query_string={"key": "x"}).status_code == 401


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (b"%PDF-1.7 not an image", "invalid_image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 200, "invalid_image"),  # JPEG magic, no JPEG
        (png_with_declared_size(40_000, 40_000), "image_too_large"),
    ],
    ids=["zero-byte", "wrong-magic", "jpeg-magic-only", "bomb"],
)
def test_hostile_files_are_400_and_store_nothing(client, auth_headers, settings, data, code):
    for path, fields in (
        ("/api/images/optimize", {}),
        ("/api/images/convert", {"format": "webp"}),
        ("/api/images/resize", {"sizes": "64"}),
    ):
        response = with_file(client, path, auth_headers, data, **fields)
        assert response.status_code == 400, (path, response.json)
        assert response.json["code"] == code
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"format": "webp"}, "image_required"),
        ({}, "validation_error"),  # no format
        ({"key": "x", "format": "bmp"}, "invalid_format"),
        ({"key": "x", "format": "webp", "quality": 0}, "validation_error"),
        ({"key": "x", "format": "webp", "quality": "high"}, "validation_error"),
    ],
)
def test_bad_convert_requests_are_400(client, auth_headers, body, code):
    image = upload(client, auth_headers)
    if "key" in body:
        body = {**body, "key": image["storage_path"]}

    response = client.post("/api/images/convert", json=body, headers=auth_headers)

    assert response.status_code == 400, response.json
    assert response.json["code"] == code


@pytest.mark.parametrize("sizes", [[], [8], [99999], [16, 32, 64, 128, 256, 512, 1024]])
def test_bad_sizes_are_400_and_store_nothing(client, auth_headers, settings, sizes):
    image = upload(client, auth_headers)
    before = stored_files(settings)

    response = client.post(
        "/api/images/resize",
        json={"key": image["storage_path"], "sizes": sizes},
        headers=auth_headers,
    )

    assert response.status_code == 400 and response.json["code"] == "validation_error"
    assert stored_files(settings) == before


def test_a_file_over_10_mb_is_413(client, auth_headers):
    big = b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024 + 10)

    response = with_file(client, "/api/images/optimize", auth_headers, big)

    assert response.status_code == 413


def test_a_file_and_a_key_at_once_is_400(client, auth_headers):
    image = upload(client, auth_headers)

    response = with_file(
        client, "/api/images/optimize", auth_headers, picture("PNG"), key=image["storage_path"]
    )

    assert response.status_code == 400 and response.json["code"] == "ambiguous_source"


def test_json_with_a_wrong_content_type_is_415(client, auth_headers):
    response = client.post(
        "/api/images/optimize",
        data=b'{"key": "x"}',
        headers=auth_headers,
        content_type="text/plain",
    )

    assert response.status_code == 415


def test_avif_when_this_build_cannot_write_it_is_a_clear_400(client, auth_headers, monkeypatch):
    from zerowaste.infrastructure.imaging import pillow

    real = pillow.features.check
    monkeypatch.setattr(pillow.features, "check", lambda f: False if f == "avif" else real(f))
    image = upload(client, auth_headers)

    response = client.post(
        "/api/images/convert",
        json={"key": image["storage_path"], "format": "avif"},
        headers=auth_headers,
    )

    assert response.status_code == 400
    assert response.json["code"] == "format_unavailable"
    assert "avif" not in response.json["details"]["allowed"]
