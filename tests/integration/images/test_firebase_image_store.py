"""FirebaseImageStore through the real firebase-admin / google-cloud-storage stack, offline.

google-cloud-storage honours STORAGE_EMULATOR_HOST: tests/fake_gcs.py serves the GCS JSON API,
the OAuth token endpoint and signed / download-token reads on 127.0.0.1.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests
from PIL import Image

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from tests.fakes import FixedClock
from tests.fakes import firebase as ft
from tests.fakes.gcs import BUCKET, FakeGcs, running_fake_gcs, service_account_file
from zerowaste.bootstrap import create_app
from zerowaste.domain.shared.errors import UpstreamUnavailable
from zerowaste.infrastructure.storage.firebase import FirebaseImageStore
from zerowaste.infrastructure.storage.signing import ItsDangerousUrlSigner

pytestmark = pytest.mark.integration

KEY = "uploads/user-1/food/" + "a" * 32 + ".png"
SEVEN_DAYS = timedelta(days=7)


@pytest.fixture
def gcs(monkeypatch) -> Iterator[FakeGcs]:
    with running_fake_gcs() as fake:
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", fake.base)
        yield fake


@pytest.fixture
def make_store(tmp_path, gcs) -> Iterator[Any]:
    built: list[FirebaseImageStore] = []
    signer = ItsDangerousUrlSigner("test-secret-" + "x" * 40, FixedClock(datetime.now(UTC)))

    def build(*, signing: bool = True, **options: Any) -> FirebaseImageStore:
        credentials = service_account_file(tmp_path, gcs) if signing else None
        settings = make_settings(
            tmp_path,
            firebase_project_id=ft.PROJECT,
            firebase_storage_bucket=BUCKET,
            firebase_credentials=credentials,
        )
        store = FirebaseImageStore(settings, signer, **options)
        built.append(store)
        return store

    build.signer = signer  # type: ignore[attr-defined]
    yield build
    for store in built:
        store.close()


def _png(size: tuple[int, int] = (8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 200, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_save_uploads_with_the_service_account_token(make_store, gcs):
    store = make_store()
    data = _png()

    store.save(KEY, data, "image/png")

    stored = gcs.objects[KEY]
    assert stored["data"] == data
    assert stored["resource"]["contentType"] == "image/png"
    assert stored["resource"]["metadata"] == {
        "firebaseStorageDownloadTokens": make_store.signer.token(KEY)
    }
    upload = next(c for c in gcs.calls if c[1].startswith("/upload/"))
    assert upload[2] == "multipart"
    assert upload[3] == "Bearer fake-access-token"


def test_delete_prefix_removes_every_object_of_a_user_and_no_other(make_store, gcs):
    store = make_store()
    mine = ["uploads/u1/ingredient/a.png", "uploads/u1/food/b.png"]
    for key in [*mine, "uploads/u10/ingredient/c.png", "uploads/u2/ingredient/d.png"]:
        store.save(key, _png(), "image/png")

    deleted = store.delete_prefix("uploads/u1/")

    assert deleted == 2
    assert sorted(gcs.objects) == ["uploads/u10/ingredient/c.png", "uploads/u2/ingredient/d.png"]
    assert store.delete_prefix("uploads/u1/") == 0


def test_a_signed_url_is_v4_for_seven_days_and_reads_the_object(make_store, gcs):
    store = make_store()
    data = _png()
    store.save(KEY, data, "image/png")
    store.save(KEY.replace("a" * 32, "b" * 32), b"other", "image/png")
    assert store.signs_urls

    url = store.url(KEY, SEVEN_DAYS)

    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert url.startswith(f"{gcs.base}/{BUCKET}/{KEY}?")
    assert query["X-Goog-Algorithm"] == "GOOG4-RSA-SHA256"
    assert query["X-Goog-Expires"] == "604800"
    assert query["X-Goog-Credential"].startswith(
        f"firebase-adminsdk@{ft.PROJECT}.iam.gserviceaccount.com/"
    )
    assert requests.get(url, timeout=5).content == data
    forged = url.replace("a" * 32, "b" * 32)
    assert requests.get(forged, timeout=5).status_code == 403


def test_open_downloads_and_a_missing_object_is_none(make_store):
    store = make_store()
    data = _png()
    store.save(KEY, data, "image/png")

    assert store.open(KEY) == data
    assert store.open(KEY.replace("a" * 32, "c" * 32)) is None
    assert store.open("../etc/passwd") is None


def test_objects_over_8_mb_use_a_resumable_upload(make_store, gcs):
    store = make_store()
    data = bytes(range(256)) * (9 * 4096)  # 9 MiB

    store.save(KEY, data, "image/png")

    assert gcs.objects[KEY]["data"] == data
    assert any(c[2] == "resumable" for c in gcs.calls)


def test_without_signing_credentials_urls_are_firebase_download_urls(make_store, gcs):
    store = make_store(signing=False)  # emulator set, no service account: anonymous
    data = _png()
    store.save(KEY, data, "image/png")
    assert not store.signs_urls

    url = store.url(KEY, SEVEN_DAYS)

    token = make_store.signer.token(KEY)
    assert url == f"{gcs.base}/v0/b/{BUCKET}/o/{quote(KEY, safe='')}?alt=media&token={token}"
    assert requests.get(url, timeout=5).content == data
    assert requests.get(url.replace("token=", "token=x"), timeout=5).status_code == 403
    assert all(c[3] is None for c in gcs.calls if c[1].startswith("/upload/"))


def test_key_from_url_reads_every_url_shape_of_this_bucket_only(make_store):
    store = make_store()
    signed = store.url(KEY, SEVEN_DAYS)
    quoted = quote(KEY, safe="")

    assert store.key_from_url(signed) == KEY
    assert (
        store.key_from_url(
            f"https://firebasestorage.googleapis.com/v0/b/{BUCKET}/o/{quoted}?alt=media"
        )
        == KEY
    )
    assert (
        store.key_from_url(
            f"https://storage.googleapis.com/download/storage/v1/b/{BUCKET}/o/{quoted}"
        )
        == KEY
    )
    assert store.key_from_url(f"gs://{BUCKET}/{KEY}") == KEY
    assert store.key_from_url(f"https://storage.googleapis.com/other-bucket/{KEY}") is None
    assert store.key_from_url(f"https://storage.googleapis.com/{BUCKET}/uploads/../../x") is None


@pytest.mark.parametrize(
    ("status", "prefix"),
    [(503, "/upload/"), (403, "/upload/"), (500, "/token")],
    ids=["gcs-503", "gcs-403", "oauth-down"],
)
def test_storage_errors_are_upstream_unavailable(make_store, gcs, status, prefix):
    store = make_store(retry=None)
    gcs.fail_with, gcs.fail_prefix = status, prefix

    with pytest.raises(UpstreamUnavailable) as caught:
        store.save(KEY, _png(), "image/png")

    assert caught.value.code == "storage_unavailable"


def test_the_api_stores_uploads_in_the_bucket_when_configured(tmp_path, sqlite_url, gcs):
    settings = make_settings(
        tmp_path,
        database_url=sqlite_url,
        firebase_project_id=ft.PROJECT,
        firebase_storage_bucket=BUCKET,
        firebase_credentials=service_account_file(tmp_path, gcs),
    )
    app = create_app(settings, identity=None)
    client = app.test_client()
    owner = signup(client)
    form = {
        "image": (io.BytesIO(_png((30, 20))), "photo.png"),
        "item_name": "scan_1_0",
        "image_type": "ingredient",
    }

    response = client.post(
        "/api/inventory/upload_image",
        data=form,
        headers=bearer(owner["access_token"]),
        content_type="multipart/form-data",
    )

    assert response.status_code == 201, response.json
    image = response.json["image"]
    assert image["storage_path"] in gcs.objects
    assert image["image_path"].startswith(
        f"{gcs.base}/{BUCKET}/uploads/{owner['user']['uid']}/ingredient/"
    )
    with Image.open(io.BytesIO(requests.get(image["image_path"], timeout=5).content)) as served:
        assert served.size == (30, 20)
    services = app.extensions["zerowaste.services"]
    # The bucket URL resolves to the caller's key, and to nothing for anyone else.
    references = services.images.stored_reference
    assert references(owner["user"]["uid"], image["image_path"]) == image["storage_path"]
    other = signup(client)["user"]["uid"]
    assert references(other, image["image_path"]) == image["image_path"]
    services.images._store.close()
    app.extensions["zerowaste.engine"].dispose()
