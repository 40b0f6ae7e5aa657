"""Item images uploaded to us are kept by storage key and shown with fresh signed URLs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from tests.fakes import FixedClock
from tests.images import local, picture, post
from zerowaste.bootstrap import create_app

pytestmark = pytest.mark.api


def test_an_uploaded_image_outlives_its_signed_url(tmp_path: Any, sqlite_url: str) -> None:
    clock = FixedClock(datetime.now(UTC).replace(microsecond=0))
    app = create_app(make_settings(tmp_path, database_url=sqlite_url), clock=clock)
    client = app.test_client()
    headers = bearer(signup(client)["access_token"])
    uploaded = post(client, headers, picture("PNG"), image_type="ingredient").json
    signed_url = uploaded["image"]["image_path"]
    line = {"name": "Jitomate", "quantity": 1, "type_unit": "kg", "image_path": signed_url}
    assert (
        client.post(
            "/api/inventory/ingredients", json={"ingredients": [line]}, headers=headers
        ).status_code
        == 201
    )

    with app.extensions["zerowaste.engine"].connect() as conn:
        stored = conn.execute(text("SELECT image_path FROM inventory_items")).scalar_one()
    clock.advance(timedelta(days=8))  # the upload's own URL has expired by now
    listed = client.get("/api/inventory", headers=headers).json["ingredients"][0]["image_path"]

    assert stored == uploaded["upload_info"]["storage_path"]  # the key, not the URL
    assert client.get(local(signed_url)).status_code == 403
    assert listed.startswith("http") and listed != signed_url
    fetched = client.get(local(listed))
    assert fetched.status_code == 200 and fetched.data[:8] == b"\x89PNG\r\n\x1a\n"
    app.extensions["zerowaste.engine"].dispose()


def test_an_external_image_url_is_kept_as_sent(client: Any, auth_headers: dict[str, str]) -> None:
    url = "https://images.example.org/tomate.jpg"
    line = {"name": "Tomate", "quantity": 1, "type_unit": "kg", "image_path": url}
    client.post("/api/inventory/ingredients", json={"ingredients": [line]}, headers=auth_headers)

    listed = client.get("/api/inventory", headers=auth_headers).json["ingredients"][0]

    assert listed["image_path"] == url
