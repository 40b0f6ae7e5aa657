"""Image validation with Pillow and the embedded local file store.

PillowImageSanitizer treats every upload as hostile: it decodes through
infrastructure.image_decoding, the path renditions take too (only the JPEG, PNG, GIF and WEBP
decoders, pixel caps before any pixel is decoded, verified checksums, truncated files refused,
EXIF orientation applied, plain modes). The picture is scaled to at most 2048 px on its longest
side and re-encoded, which drops EXIF (GPS, device), XMP, comments and text chunks. The ICC
colour profile is kept so colours stay right. GIFs are stored as PNG (first frame).

LocalImageStore keeps files under `var/files/<key>`; keys are checked and resolved inside that
directory. Its URLs point at this API (`/api/files/<key>?expires=…&signature=…`).
"""

from __future__ import annotations

import io
import os
import shutil
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

from PIL import Image

from zerowaste.application.ports.storage import UrlSigner
from zerowaste.domain.images import SanitizedImage, is_valid_key
from zerowaste.domain.imaging.rules import MAX_SOURCE_PIXELS
from zerowaste.infrastructure.image_decoding import decode

MAX_PIXELS = MAX_SOURCE_PIXELS
MAX_SIDE = 2048
QUALITY = 85


class PillowImageSanitizer:
    def __init__(self, *, max_pixels: int = MAX_PIXELS, max_side: int = MAX_SIDE) -> None:
        self._max_pixels = max_pixels
        self._max_side = max_side

    def sanitize(self, data: bytes) -> SanitizedImage:
        image, source = decode(data, max_pixels=self._max_pixels, largest=self._max_side)
        try:
            image.thumbnail((self._max_side, self._max_side), Image.Resampling.LANCZOS)
            stored = "jpeg" if source == "jpeg" else "webp" if source == "webp" else "png"
            buffer = io.BytesIO()
            image.save(buffer, format=stored.upper(), **_save_options(stored, image))
            return SanitizedImage(buffer.getvalue(), stored, source, image.width, image.height)
        finally:
            image.close()


def _save_options(stored: str, image: Image.Image) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if stored == "jpeg":
        options = {"quality": QUALITY, "optimize": True}
    elif stored == "webp":
        options = {"quality": QUALITY, "method": 4}
    icc = image.info.get("icc_profile")
    if icc:
        options["icc_profile"] = icc
    return options


class LocalImageStore:
    """Files under one directory; URLs are signed paths on this API (embedded default)."""

    def __init__(self, root: Path, signer: UrlSigner, url_prefix: str = "/api/files/") -> None:
        self._root = root.resolve()
        self._signer = signer
        self._prefix = url_prefix

    def save(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        if path is None:
            raise ValueError(f"not a storage key: {key!r}")
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
        partial.write_bytes(data)
        os.replace(partial, path)  # readers never see half a file

    def url(self, key: str, ttl: timedelta) -> str:
        expires, signature = self._signer.sign(key, ttl)
        query = urlencode({"expires": expires, "signature": signature})
        return f"{self._prefix}{quote(key)}?{query}"

    def open(self, key: str) -> bytes | None:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        return path.read_bytes()

    def key_from_url(self, url: str) -> str | None:
        path = unquote(urlsplit(url).path)
        if not path.startswith(self._prefix):
            return None
        key = path[len(self._prefix) :]
        return key if is_valid_key(key) else None

    def delete_prefix(self, prefix: str) -> int:
        folder = (self._root / prefix).resolve()
        if folder == self._root or not folder.is_relative_to(self._root) or not folder.is_dir():
            return 0
        count = sum(1 for path in folder.rglob("*") if path.is_file())
        shutil.rmtree(folder)
        return count

    def list_keys(self, prefix: str) -> list[str]:
        """Keys of the files under `prefix` (files being written, `.<name>.part`, excluded)."""
        folder = (self._root / prefix).resolve()
        if not folder.is_relative_to(self._root) or not folder.is_dir():
            return []
        found = (p.relative_to(self._root).as_posix() for p in folder.rglob("*") if p.is_file())
        return sorted(key for key in found if is_valid_key(key) and key.startswith(prefix))

    def _path(self, key: str) -> Path | None:
        if not is_valid_key(key):
            return None
        path = (self._root / key).resolve()
        return path if path.is_relative_to(self._root) else None
