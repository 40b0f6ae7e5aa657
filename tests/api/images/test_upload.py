"""POST /api/inventory/upload_image (contract row 41) and the signed file URLs it hands out."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image, ImageCms

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from tests.fakes import FixedClock
from tests.images import (
    GPS_IFD,
    KEY,
    ORIENTATION,
    local,
    picture,
    post,
    stored_files,
    variant_names,
)
from zerowaste.bootstrap import create_app
from zerowaste.infrastructure.storage.signing import ItsDangerousUrlSigner

pytestmark = pytest.mark.api


# --- the client's two request shapes -------------------------------------------------------


def test_l1_upload_answers_every_key_the_client_reads(client, user, auth_headers, settings):
    response = post(client, auth_headers, picture("PNG"), image_type="ingredient")

    assert response.status_code == 201, response.json
    body = response.json
    uid = user["user"]["uid"]
    info, image = body["upload_info"], body["image"]
    assert body["message"] and body["context"] == "inventory"
    assert set(info) >= {
        "storage_path",
        "public_url",
        "upload_type",
        "folder",
        "user_uid",
        "item_name",
        "filename",
    }
    assert set(image) >= {"image_path", "name", "image_type", "storage_path", "uid"}
    match = KEY.match(info["storage_path"])
    assert match and match["uid"] == uid and match["type"] == "ingredient"
    assert info["storage_path"] == image["storage_path"]
    assert info["folder"] == f"uploads/{uid}/ingredient"
    assert info["filename"] == info["storage_path"].rsplit("/", 1)[-1]
    assert (info["user_uid"], info["item_name"], info["upload_type"]) == (
        uid,
        "scan_1718000000000_0",
        "ingredient",
    )
    assert (image["name"], image["image_type"]) == ("scan_1718000000000_0", "ingredient")
    assert image["image_path"] == info["public_url"]
    assert image["image_path"].startswith(
        f"http://localhost/api/files/{info['storage_path']}?expires="
    )
    original = settings.var_dir / "files" / info["storage_path"]
    variants = [original.with_suffix("") / name for name in variant_names()]
    assert stored_files(settings) == sorted([original, *variants])  # the upload + its variants


def test_l2_sends_category_instead_of_image_type(client, user, auth_headers):
    response = post(
        client,
        auth_headers,
        picture("JPEG"),
        "food.jpg",
        category="food",
        item_name="food_scan_1_0",
    )

    assert response.status_code == 201, response.json
    assert response.json["image"]["image_type"] == "food"
    assert response.json["upload_info"]["folder"] == f"uploads/{user['user']['uid']}/food"
    assert response.json["image"]["storage_path"].endswith(".jpg")


@pytest.mark.parametrize(
    ("fields", "image_type", "upload_type"),
    [
        ({}, "default", "default"),
        ({"upload_type": "recognition"}, "default", "recognition"),
        ({"upload_type": "food"}, "food", "food"),
        (
            {"image_type": "Ingredient", "upload_type": "recognition", "extra": "x"},
            "ingredient",
            "recognition",
        ),
    ],
)
def test_upload_type_is_accepted_but_never_required(
    client, auth_headers, fields, image_type, upload_type
):
    response = post(client, auth_headers, picture("PNG"), **fields)

    assert response.status_code == 201, response.json
    assert response.json["image"]["image_type"] == image_type
    assert response.json["upload_info"]["upload_type"] == upload_type


def test_an_unknown_image_type_is_400_and_stores_nothing(client, auth_headers, settings):
    response = post(client, auth_headers, picture("PNG"), image_type="selfie")

    assert response.status_code == 400
    assert response.json["code"] == "invalid_image_type"
    assert stored_files(settings) == []


# --- what is stored and served -------------------------------------------------------------


def test_the_signed_url_serves_the_same_image_without_a_bearer_token(client, auth_headers):
    original = picture("PNG", (40, 30))
    path = post(client, auth_headers, original).json["image"]["image_path"]

    served = client.get(local(path))

    assert served.status_code == 200
    assert served.mimetype == "image/png"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Cache-Control"].startswith("private")
    with Image.open(io.BytesIO(served.data)) as got, Image.open(io.BytesIO(original)) as sent:
        assert got.size == sent.size
        assert got.convert("RGB").tobytes() == sent.convert("RGB").tobytes()
    again = client.get(local(path), headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "tamper",
    [
        lambda q: {
            **q,
            "signature": "A" + q["signature"][1:]
            if q["signature"][0] != "A"
            else "B" + q["signature"][1:],
        },
        lambda q: {**q, "expires": str(int(q["expires"]) + 60)},
        lambda q: {"expires": q["expires"]},
        lambda q: {},
    ],
    ids=["signature", "expires", "no-signature", "nothing"],
)
def test_a_tampered_or_missing_signature_is_403(client, auth_headers, tamper):
    path = post(client, auth_headers, picture("PNG")).json["image"]["image_path"]
    parts = urlsplit(path)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}

    response = client.get(parts.path, query_string=tamper(query))

    assert response.status_code == 403
    assert response.json["code"] == "invalid_signature"


@pytest.mark.parametrize("signature", ["ñ", "%FF", "%C3%B1" * 43, "%ED%B3%BF"])
def test_a_non_ascii_signature_is_403_not_a_server_error(client, auth_headers, signature):
    path = post(client, auth_headers, picture("PNG")).json["image"]["image_path"]
    parts = urlsplit(path)
    expires = parse_qs(parts.query)["expires"][0]

    response = client.get(f"{parts.path}?expires={expires}&signature={signature}")

    assert response.status_code == 403
    assert response.json["code"] == "invalid_signature"


def test_a_signed_url_for_another_key_does_not_open_this_one(client, auth_headers, other_headers):
    mine = post(client, auth_headers, picture("PNG")).json["image"]
    theirs = post(client, other_headers, picture("PNG")).json["image"]
    query = urlsplit(theirs["image_path"]).query

    response = client.get(f"/api/files/{mine['storage_path']}?{query}")

    assert response.status_code == 403


def test_the_url_expires_after_seven_days(tmp_path, sqlite_url):
    clock = FixedClock(datetime.now(UTC))
    app = create_app(make_settings(tmp_path, database_url=sqlite_url), clock=clock)
    client = app.test_client()
    headers = bearer(signup(client)["access_token"])
    path = local(post(client, headers, picture("PNG")).json["image"]["image_path"])

    clock.advance(timedelta(days=7) - timedelta(seconds=1))
    assert client.get(path).status_code == 200
    clock.advance(timedelta(seconds=2))
    expired = client.get(path)

    assert expired.status_code == 403
    assert expired.json["code"] == "signed_url_expired"
    app.extensions["zerowaste.engine"].dispose()


def test_keys_are_random_and_other_users_cannot_read_them(client, auth_headers, other_headers):
    first = post(client, auth_headers, picture("PNG")).json["image"]
    second = post(client, auth_headers, picture("PNG")).json["image"]
    assert first["storage_path"] != second["storage_path"]  # same item_name, new uuid each time

    guessed = client.get(f"/api/files/{first['storage_path']}", headers=other_headers)
    assert guessed.status_code == 403  # a bearer token is no substitute for the signature


def test_a_missing_file_with_a_valid_signature_is_404(app, client):
    key = "uploads/nobody/food/" + "0" * 32 + ".png"
    signer = ItsDangerousUrlSigner(
        app.extensions["zerowaste.settings"].jwt_secret_key, FixedClock(datetime.now(UTC))
    )
    expires, signature = signer.sign(key, timedelta(hours=1))

    response = client.get(
        f"/api/files/{key}", query_string={"expires": expires, "signature": signature}
    )

    assert response.status_code == 404
    assert response.json["code"] == "file_not_found"


def test_a_validly_signed_traversal_key_reads_nothing(app, client, settings):
    (settings.var_dir / "secret.txt").write_text("do not serve")
    key = "uploads/../secret.txt"
    signer = ItsDangerousUrlSigner(
        app.extensions["zerowaste.settings"].jwt_secret_key, FixedClock(datetime.now(UTC))
    )
    expires, signature = signer.sign(key, timedelta(hours=1))

    response = client.get(
        f"/api/files/{key}", query_string={"expires": expires, "signature": signature}
    )

    assert response.status_code == 404
    assert b"do not serve" not in response.data


def test_exif_is_stripped_the_photo_turned_upright_and_colours_kept(client, auth_headers):
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # camera held sideways: display rotated 90 degrees clockwise
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD)[2] = (12.0, 3.0, 4.0)  # GPSLatitude
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    photo = picture("JPEG", (40, 20), exif=exif.tobytes(), icc_profile=icc)
    with Image.open(io.BytesIO(photo)) as check:
        assert check.getexif().get_ifd(GPS_IFD)  # the upload really carries a location

    body = post(client, auth_headers, photo, "IMG_0001.JPG").json
    served = client.get(local(body["image"]["image_path"]))

    with Image.open(io.BytesIO(served.data)) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (20, 40)
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info
        assert stored.info["icc_profile"] == icc  # colour profile kept
    assert b"PhoneMaker" not in served.data


@pytest.mark.parametrize(
    ("data", "stored_ext", "content_type"),
    [
        (picture("WEBP"), "webp", "image/webp"),
        (picture("GIF"), "png", "image/png"),
        (picture("JPEG"), "jpg", "image/jpeg"),
    ],
    ids=["webp", "gif-as-png", "jpeg"],
)
def test_formats_are_read_from_the_bytes_not_the_name(
    client, auth_headers, data, stored_ext, content_type
):
    body = post(client, auth_headers, data, "looks_like.png").json

    assert body["image"]["storage_path"].endswith(f".{stored_ext}")
    assert body["upload_info"]["original_filename"] == "looks_like.png"
    assert client.get(local(body["image"]["image_path"])).mimetype == content_type


def test_big_pictures_are_scaled_to_2048_px(client, auth_headers):
    body = post(client, auth_headers, picture("PNG", (3000, 1000))).json

    assert (body["upload_info"]["width"], body["upload_info"]["height"]) == (2048, 683)
