"""Helpers of the image service's API tests: upload a photo, send transforms, decode answers."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from tests.images import picture, post

DECODERS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/avif": "AVIF",
}


def upload(client: Any, headers: dict[str, str], data: bytes | None = None) -> dict[str, Any]:
    """One of the caller's uploads (a 640 x 480 JPEG by default): the image part of the reply."""
    response = post(client, headers, data or picture("JPEG", (640, 480)), "photo.jpg")
    assert response.status_code == 201, response.json
    return dict(response.json["image"])


def with_file(client: Any, url: str, headers: dict[str, str], data: bytes, **fields: str) -> Any:
    form: dict[str, Any] = {**fields, "file": (io.BytesIO(data), "photo.bin", "image/jpeg")}
    return client.post(url, data=form, headers=headers, content_type="multipart/form-data")


def decoded(response: Any) -> Image.Image:
    """The answer's bytes opened by the decoder its Content-Type names."""
    image = Image.open(io.BytesIO(response.data), formats=[DECODERS[response.mimetype]])
    image.load()
    return image
