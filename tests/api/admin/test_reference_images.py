"""Row 10, reference images: admins upload (multipart `file`, `label`, `category`), list
(`items[]`, filters), read, relabel and delete; everyone else gets 401/403 and nothing stored."""

from __future__ import annotations

import io
from typing import Any

import pytest

from tests.api.admin.test_admin_api import admin_headers, grant  # noqa: F401 - fixture
from tests.api.conftest import bearer, signup
from tests.images import local, picture, stored_files

URL = "/api/reference-images"


def upload(client: Any, headers: dict[str, str], data: bytes | None = None, **fields: str) -> Any:
    form: dict[str, Any] = {"label": "Tomate", "category": "Verduras", **fields}
    form["file"] = (io.BytesIO(data or picture()), "tomate.png", "image/png")
    return client.post(URL, data=form, headers=headers, content_type="multipart/form-data")


def test_an_admin_uploads_lists_reads_relabels_and_deletes(
    client: Any,
    settings: Any,
    admin_headers: dict[str, str],  # noqa: F811
) -> None:
    made = upload(client, admin_headers)
    assert made.status_code == 201
    image = made.json
    assert (image["label"], image["category"], image["image_type"]) == (
        "Tomate", "verduras", "ingredient",
    )  # fmt: skip
    assert image["image_path"].startswith("reference/ingredient/")
    assert client.get(local(image["image_url"])).data[:4] == b"\x89PNG"
    upload(client, admin_headers, label="Pollo", category="Carnes", image_type="food")

    listed = client.get(f"{URL}?category=VERDURAS&limit=5", headers=admin_headers).json
    assert [i["label"] for i in listed["items"]] == ["Tomate"]
    assert (listed["total"], listed["per_page"]) == (1, 5)
    assert client.get(f"{URL}?label=pol", headers=admin_headers).json["total"] == 1
    assert client.get(f"{URL}?image_type=food", headers=admin_headers).json["total"] == 1
    assert client.get(URL, headers=admin_headers).json["total"] == 2

    one = client.get(f"{URL}/{image['id']}", headers=admin_headers)
    assert one.status_code == 200 and one.json["label"] == "Tomate"
    changed = client.put(f"{URL}/{image['id']}", json={"label": "Jitomate"}, headers=admin_headers)
    assert changed.status_code == 200
    assert (changed.json["label"], changed.json["category"]) == ("Jitomate", "verduras")

    files_before = len(stored_files(settings))
    gone = client.delete(f"{URL}/{image['id']}", headers=admin_headers)
    assert gone.status_code == 200 and gone.json["id"] == image["id"]
    assert len(stored_files(settings)) == files_before - 1
    assert client.get(f"{URL}/{image['id']}", headers=admin_headers).status_code == 404
    assert client.get(local(image["image_url"])).status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", URL), ("post", URL), ("get", f"{URL}/abc"), ("put", f"{URL}/abc"),
     ("delete", f"{URL}/abc")],
)  # fmt: skip
def test_without_a_token_401_and_for_a_non_admin_403(
    client: Any, auth_headers: dict[str, str], method: str, path: str
) -> None:
    assert getattr(client, method)(path).status_code == 401
    refused = getattr(client, method)(path, headers=auth_headers, json={"label": "x"})
    assert refused.status_code == 403 and refused.json["code"] == "admin_only"


def test_a_non_admin_upload_stores_nothing(
    client: Any, settings: Any, auth_headers: dict[str, str]
) -> None:
    assert upload(client, auth_headers).status_code == 403
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("fields", "data"),
    [
        ({"label": ""}, None),
        ({"image_type": "poster"}, None),
        ({"label": "x" * 201}, None),
        ({}, b"GIF89a not really an image"),
        ({}, b"%PDF-1.4 hello"),
    ],
)
def test_bad_uploads_are_400_and_store_nothing(
    client: Any,
    settings: Any,
    admin_headers: dict[str, str],  # noqa: F811
    fields: dict[str, str],
    data: bytes | None,
) -> None:
    response = upload(client, admin_headers, data, **fields)
    assert response.status_code == 400
    assert stored_files(settings) == []
    assert client.get(URL, headers=admin_headers).json["total"] == 0


def test_a_missing_file_is_400_and_a_json_body_415(
    client: Any,
    admin_headers: dict[str, str],  # noqa: F811
) -> None:
    no_file = client.post(
        URL, data={"label": "x"}, headers=admin_headers, content_type="multipart/form-data"
    )
    assert no_file.status_code == 400
    assert client.post(URL, json={"label": "x"}, headers=admin_headers).status_code == 415


def test_relabel_needs_a_field_and_unknown_ids_are_404(
    client: Any,
    admin_headers: dict[str, str],  # noqa: F811
) -> None:
    image = upload(client, admin_headers).json
    assert client.put(f"{URL}/{image['id']}", json={}, headers=admin_headers).status_code == 400
    too_long = client.put(f"{URL}/{image['id']}", json={"label": "x" * 201}, headers=admin_headers)
    assert too_long.status_code == 400
    assert client.get(f"{URL}/{image['id']}", headers=admin_headers).json["label"] == "Tomate"
    for method in ("get", "delete"):
        assert getattr(client, method)(f"{URL}/nope", headers=admin_headers).status_code == 404
    missing = client.put(f"{URL}/nope", json={"label": "x"}, headers=admin_headers)
    assert missing.status_code == 404


def test_reference_image_calls_are_audit_logged(
    app: Any,
    client: Any,
    admin_headers: dict[str, str],  # noqa: F811
) -> None:
    upload(client, admin_headers)
    entries = client.get("/api/admin/audit-log", headers=admin_headers).json["entries"]
    assert [e["action"] for e in entries] == ["audit_log", "reference_images.add", "grant"]
    other = signup(client)
    grant(app, other["email"])
    listed = client.get(URL, headers=bearer(other["access_token"]))
    assert listed.status_code == 200 and listed.json["count"] == 1  # shared by every admin
