"""`ImageStore.list_keys` on Firebase Storage (the real google-cloud-storage client against
tests/fakes/gcs.py) and `POST /api/admin/sync_images` indexing a bucket's reference pictures."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.api.admin.test_admin_api import grant
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


@pytest.fixture
def gcs(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGcs]:
    with running_fake_gcs() as fake:
        monkeypatch.setenv("STORAGE_EMULATOR_HOST", fake.base)
        yield fake


def _settings(tmp_path: Path, gcs: FakeGcs, **changes: Any) -> Any:
    return make_settings(
        tmp_path,
        firebase_project_id=ft.PROJECT,
        firebase_storage_bucket=BUCKET,
        firebase_credentials=service_account_file(tmp_path, gcs),
        **changes,
    )


@pytest.fixture
def store(tmp_path: Path, gcs: FakeGcs) -> Iterator[FirebaseImageStore]:
    signer = ItsDangerousUrlSigner("test-secret-" + "x" * 40, FixedClock(datetime.now(UTC)))
    built = FirebaseImageStore(_settings(tmp_path, gcs), signer, retry=None)
    yield built
    built.close()


def _jpeg(size: tuple[int, int] = (24, 16)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_list_keys_names_the_objects_under_a_prefix_only(
    store: FirebaseImageStore, gcs: FakeGcs
) -> None:
    for key in ("reference/food/b.jpg", "reference/ingredient/a.jpg", "uploads/u1/food/c.jpg"):
        store.save(key, _jpeg(), "image/jpeg")

    assert store.list_keys("reference/") == ["reference/food/b.jpg", "reference/ingredient/a.jpg"]
    assert store.list_keys("nothing/") == []
    listing = [c for c in gcs.calls if c[0] == "GET" and c[1] == f"/storage/v1/b/{BUCKET}/o"]
    assert listing and listing[-1][3] == "Bearer fake-access-token"


def test_a_failing_listing_is_upstream_unavailable(store: FirebaseImageStore, gcs: FakeGcs) -> None:
    gcs.fail_with, gcs.fail_prefix = 503, f"/storage/v1/b/{BUCKET}/o"

    with pytest.raises(UpstreamUnavailable):
        store.list_keys("reference/")


def test_sync_images_indexes_the_buckets_reference_pictures_once(
    tmp_path: Path, sqlite_url: str, gcs: FakeGcs, store: FirebaseImageStore
) -> None:
    store.save("reference/ingredient/frutas/mango_ataulfo.jpg", _jpeg((24, 16)), "image/jpeg")
    store.save("reference/ingredient/readme.txt", b"hello", "text/plain")
    app = create_app(_settings(tmp_path, gcs, database_url=sqlite_url), identity=None)
    client = app.test_client()
    account = signup(client)
    grant(app, account["email"])
    headers = bearer(account["access_token"])
    try:
        first = client.post("/api/admin/sync_images", headers=headers)
        again = client.post("/api/admin/sync_images", headers=headers)
        listed = client.get("/api/reference-images", headers=headers).json["items"]
    finally:
        app.extensions["zerowaste.services"].images.store.close()
        app.extensions["zerowaste.engine"].dispose()

    assert (first.status_code, first.json) == (200, {"scanned": 2, "added": 1, "skipped": 1})
    assert again.json == {"scanned": 2, "added": 0, "skipped": 2}
    (mango,) = listed
    assert (mango["label"], mango["category"], mango["image_type"]) == (
        "mango ataulfo",
        "frutas",
        "ingredient",
    )
    assert (mango["width"], mango["height"]) == (24, 16)
    assert mango["image_url"].startswith(f"{gcs.base}/{BUCKET}/reference/ingredient/frutas/")
