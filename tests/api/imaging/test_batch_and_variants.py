"""batch-optimize answers 202 with a job (run inline here, as without a broker); uploads get
thumbnails and WebP/AVIF variants served by the source's signed URL with immutable cache
headers; behind Nginx (ZW_ACCEL_REDIRECT_PREFIX) the API answers X-Accel-Redirect instead."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import features

from tests.api.conftest import bearer, signup
from tests.api.imaging.helpers import decoded, upload
from tests.conftest import make_settings
from tests.images import local, picture, stored_files, variant_names
from zerowaste.bootstrap import create_app

pytestmark = pytest.mark.api
IMMUTABLE = "public, max-age=31536000, immutable"


def _start(client, headers, keys, **options):
    return client.post(
        "/api/images/batch-optimize", json={"keys": keys, **options}, headers=headers
    )


def test_batch_optimize_is_a_job_whose_result_links_each_optimized_image(client, auth_headers):
    first = upload(client, auth_headers, picture("JPEG", (900, 600)))
    second = upload(client, auth_headers, picture("PNG", (300, 200)))

    started = _start(
        client,
        auth_headers,
        [first["storage_path"], second["image_path"]],
        format="webp",
        max_side=450,
    )

    assert started.status_code == 202, started.json
    assert started.headers["Location"] == started.json["status_url"]
    status = client.get(started.json["status_url"], headers=auth_headers)
    assert status.status_code == 200
    job = status.json
    assert (job["status"], job["progress"], job["error"]) == ("completed", 100, None)
    lines = job["items"]
    assert [line["key"] for line in lines] == [first["storage_path"], second["storage_path"]]
    assert [(line["width"], line["height"]) for line in lines] == [(450, 300), (300, 200)]
    for line in lines:
        assert line["error"] is None and line["optimized_key"].endswith("/optimized.webp")
        served = client.get(local(line["url"]))
        assert served.mimetype == "image/webp"
        assert decoded(served).size == (line["width"], line["height"])
        assert len(served.data) == line["bytes_after"]


def test_another_users_key_is_404_and_no_job_is_started(
    app, client, auth_headers, other_headers, settings
):
    mine = upload(client, other_headers)
    theirs = upload(client, auth_headers)
    before = stored_files(settings)

    response = _start(client, other_headers, [mine["storage_path"], theirs["storage_path"]])

    assert response.status_code == 404 and response.json["code"] == "image_not_found"
    assert stored_files(settings) == before  # no optimized.* written for either
    with app.extensions["zerowaste.engine"].connect() as db:
        started = db.exec_driver_sql(
            "SELECT COUNT(*) FROM jobs WHERE type = 'imaging.batch_optimize'"
        ).scalar()
    assert started == 0


def test_another_users_batch_job_is_404(client, auth_headers, other_headers):
    image = upload(client, auth_headers)
    started = _start(client, auth_headers, [image["storage_path"]])

    assert client.get(started.json["status_url"], headers=other_headers).status_code == 404
    assert client.get("/api/images/jobs/not-a-job", headers=auth_headers).status_code == 404


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"keys": []}, "validation_error"),
        ({"keys": ["k"] * 21}, "validation_error"),
        ({"keys": "k"}, "validation_error"),
        ({"format": "webp"}, "validation_error"),
        ({"keys": ["KEY"], "format": "tiff"}, "invalid_format"),
        ({"keys": ["KEY"], "quality": 101}, "validation_error"),
    ],
)
def test_bad_batch_requests_are_400(client, auth_headers, body, code):
    image = upload(client, auth_headers)
    if body.get("keys") == ["KEY"]:
        body = {**body, "keys": [image["storage_path"]]}

    response = client.post("/api/images/batch-optimize", json=body, headers=auth_headers)

    assert response.status_code == 400, response.json
    assert response.json["code"] == code


# --- variants of uploads ----------------------------------------------------------------------


def _variant_url(image_path: str, name: str) -> str:
    return f"{local(image_path)}&variant={name}"


def test_an_upload_gets_thumbnails_and_webp_avif_variants_served_as_immutable(client, auth_headers):
    image = upload(client, auth_headers, picture("JPEG", (1600, 1200)))

    expected = {"thumb_256": (256, 192), "thumb_512": (512, 384), "thumb_1024": (1024, 768)}
    expected["full"] = (1600, 1200)
    for name in variant_names():
        served = client.get(_variant_url(image["image_path"], name))
        assert served.status_code == 200, (name, served.json)
        assert served.headers["Cache-Control"] == IMMUTABLE
        assert served.mimetype == ("image/avif" if name.endswith(".avif") else "image/webp")
        assert decoded(served).size == expected[name.split(".")[0]]
    assert ("thumb_256.avif" in variant_names()) is bool(features.check("avif"))


def test_variants_need_the_sources_signature_and_a_known_name(client, auth_headers):
    image = upload(client, auth_headers)
    forged = image["image_path"].replace("signature=", "signature=x")

    assert client.get(_variant_url(forged, "thumb_256.webp")).status_code == 403
    for bad in ("thumb_300.webp", "../../x.webp", "original.jpg"):
        response = client.get(_variant_url(image["image_path"], bad))
        assert response.status_code == 400 and response.json["code"] == "invalid_variant"


def test_a_variant_not_written_yet_is_404(client, auth_headers, settings):
    image = upload(client, auth_headers)
    folder = settings.var_dir / "files" / image["storage_path"].rsplit(".", 1)[0]
    (folder / "thumb_512.webp").unlink()

    response = client.get(_variant_url(image["image_path"], "thumb_512.webp"))

    assert response.status_code == 404 and response.json["code"] == "variant_not_found"


def test_deleting_the_account_deletes_the_variants(client, auth_headers, settings):
    upload(client, auth_headers)
    assert len(stored_files(settings)) == 1 + len(variant_names())

    response = client.delete("/api/user/profile", headers=auth_headers)

    assert response.status_code == 200, response.json
    assert stored_files(settings) == []


def test_behind_nginx_the_api_checks_the_signature_and_answers_x_accel_redirect(
    tmp_path, sqlite_url
):
    app = create_app(
        make_settings(
            tmp_path, database_url=sqlite_url, accel_redirect_prefix="/protected-uploads/"
        )
    )
    client = app.test_client()
    headers = bearer(signup(client)["access_token"])
    image = upload(client, headers)
    key = image["storage_path"]

    source = client.get(local(image["image_path"]))
    variant = client.get(_variant_url(image["image_path"], "thumb_256.webp"))
    forged = client.get(local(image["image_path"].replace("signature=", "signature=x")))

    assert source.status_code == 200 and source.data == b""
    assert source.headers["X-Accel-Redirect"] == f"/protected-uploads/{key}"
    assert source.mimetype == "image/jpeg"
    assert source.headers["Cache-Control"].startswith("private")
    assert variant.status_code == 200 and variant.data == b""
    folder = key.rsplit(".", 1)[0]
    assert variant.headers["X-Accel-Redirect"] == f"/protected-uploads/{folder}/thumb_256.webp"
    assert variant.mimetype == "image/webp" and variant.headers["Cache-Control"] == IMMUTABLE
    assert forged.status_code == 403 and "X-Accel-Redirect" not in forged.headers
    expired = image["image_path"].replace(
        parse_qs(urlsplit(image["image_path"]).query)["expires"][0], "1"
    )
    assert client.get(local(expired)).status_code == 403  # the signature covers the expiry
    app.extensions["zerowaste.engine"].dispose()
