"""Image upload test helpers: real pictures made with Pillow, hostile ones built byte by byte."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image, features

from zerowaste.domain.imaging.variants import VARIANT_FORMATS, variant_specs

URL = "/api/inventory/upload_image"
KEY = re.compile(
    r"^uploads/(?P<uid>[^/]+)/(?P<type>food|ingredient|default)/[0-9a-f]{32}\.(?:jpg|png|webp)$"
)
GPS_IFD = 0x8825
ORIENTATION = 0x0112


def picture(fmt: str = "PNG", size: tuple[int, int] = (64, 48), **save: Any) -> bytes:
    image = Image.new("RGB", size, (200, 40, 30))
    for x in range(size[0] // 2):
        image.putpixel((x, 0), (10, 220, 90))  # some structure, not a flat colour
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def png_with_declared_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels (a decompression bomb)."""
    data = bytearray(picture("PNG", (1, 1)))
    ihdr = bytearray(data[12:29])  # b"IHDR" + 13 bytes of header
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return bytes(data)


def post(
    client: Any, headers: dict[str, str], data: bytes, filename: str = "photo.png", **fields: str
) -> Any:
    form: dict[str, Any] = {"item_name": "scan_1718000000000_0", **fields}
    form["image"] = (io.BytesIO(data), filename, "image/jpeg")
    return client.post(URL, data=form, headers=headers, content_type="multipart/form-data")


def stored_files(settings: Any) -> list[Path]:
    root = settings.var_dir / "files"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def variant_names() -> list[str]:
    """The variants every image gets here (AVIF ones when Pillow writes AVIF)."""
    formats = tuple(f for f in VARIANT_FORMATS if features.check(f))
    return [spec.name for spec in variant_specs(formats)]


def local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"
