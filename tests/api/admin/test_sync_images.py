"""Row 67, `POST /api/admin/sync_images`: pictures placed under the local store's `reference/`
by hand become reference images (label from the file name) once; uploaded ones, other files
and broken images are skipped; non-admins get 401/403 and nothing is indexed; audit-logged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.api.admin.test_admin_api import admin_headers, audit  # noqa: F401 - fixture
from tests.api.admin.test_reference_images import URL as REFERENCE_URL
from tests.api.admin.test_reference_images import upload
from tests.images import picture

URL = "/api/admin/sync_images"


def place(settings: Any, key: str, data: bytes) -> None:
    path: Path = settings.var_dir / "files" / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def test_an_admin_indexes_hand_placed_pictures_once(
    client: Any,
    settings: Any,
    admin_headers: dict[str, str],  # noqa: F811
) -> None:
    uploaded = upload(client, admin_headers).json  # indexed already: skipped
    place(settings, "reference/ingredient/verduras/chile_poblano.jpg", picture("JPEG", (30, 20)))
    place(settings, "reference/food/lomo-saltado.png", picture())
    place(settings, "reference/ingredient/notes.txt", b"not a picture")
    place(settings, "reference/ingredient/broken.png", b"\x89PNG\r\n\x1a\n truncated")
    place(settings, "uploads/u1/food/elsewhere.png", picture())  # outside the prefix

    first = client.post(URL, headers=admin_headers)

    assert first.status_code == 200
    assert first.json == {"scanned": 5, "added": 2, "skipped": 3}
    items = client.get(f"{REFERENCE_URL}?per_page=50", headers=admin_headers).json["items"]
    found = {i["label"]: i for i in items}
    assert set(found) == {"Tomate", "chile poblano", "lomo saltado"}
    chile = found["chile poblano"]
    assert (chile["category"], chile["image_type"]) == ("verduras", "ingredient")
    assert chile["image_path"] == "reference/ingredient/verduras/chile_poblano.jpg"
    assert (chile["width"], chile["height"]) == (30, 20)
    assert found["lomo saltado"]["image_type"] == "food"
    assert found["Tomate"]["id"] == uploaded["id"]

    again = client.post(URL, headers=admin_headers)
    assert again.json == {"scanned": 5, "added": 0, "skipped": 5}
    assert client.get(REFERENCE_URL, headers=admin_headers).json["total"] == 3
    assert [e["action"] for e in audit(client, admin_headers)][:3] == [
        "audit_log",
        "reference_images.list",
        "sync_images",
    ]


def test_an_empty_store_scans_nothing(
    client: Any,
    admin_headers: dict[str, str],  # noqa: F811
) -> None:
    response = client.post(URL, headers=admin_headers)
    assert (response.status_code, response.json) == (200, {"scanned": 0, "added": 0, "skipped": 0})


def test_without_a_token_401_and_for_a_non_admin_403_indexing_nothing(
    client: Any,
    settings: Any,
    auth_headers: dict[str, str],
    admin_headers: dict[str, str],  # noqa: F811
) -> None:
    place(settings, "reference/ingredient/tomate.jpg", picture("JPEG"))

    assert client.post(URL).status_code == 401
    refused = client.post(URL, headers=auth_headers)

    assert refused.status_code == 403 and refused.json["code"] == "admin_only"
    assert client.get(REFERENCE_URL, headers=admin_headers).json["total"] == 0
