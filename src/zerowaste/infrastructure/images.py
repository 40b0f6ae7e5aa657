"""Image validation with Pillow and the embedded local file store.

PillowImageSanitizer treats every upload as hostile: only the JPEG, PNG, GIF and WEBP decoders
may look at the bytes; the declared size is checked before any pixel is decoded (decompression
bombs); PNG checksums are verified and the whole image is decoded (truncated files fail); the
picture is turned upright from its EXIF orientation, scaled to at most 2048 px on its longest
side and re-encoded, which drops EXIF (GPS, device), XMP, comments and text chunks. The ICC
colour profile is kept so colours stay right. GIFs are stored as PNG (first frame).

LocalImageStore keeps files under `var/files/<key>`; keys are checked and resolved inside that
directory. Its URLs point at this API (`/api/files/<key>?expires=…&signature=…`).
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

from PIL import Image, ImageOps

from zerowaste.application.ports.storage import UrlSigner
from zerowaste.domain.images import SanitizedImage, is_valid_key
from zerowaste.domain.shared.errors import InvalidInput

log = logging.getLogger(__name__)

ALLOWED_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
MAX_PIXELS = 40_000_000  # 40 MP: more than any phone photo, far below a decompression bomb
MAX_SIDE = 2048
QUALITY = 85
_ALPHA_MODES = ("RGBA", "LA", "PA", "RGBa", "La")


class PillowImageSanitizer:
    def __init__(self, *, max_pixels: int = MAX_PIXELS, max_side: int = MAX_SIDE) -> None:
        self._max_pixels = max_pixels
        self._max_side = max_side

    def sanitize(self, data: bytes) -> SanitizedImage:
        image, source = self._decode(data)
        try:
            image.thumbnail((self._max_side, self._max_side), Image.Resampling.LANCZOS)
            stored = "jpeg" if source == "jpeg" else "webp" if source == "webp" else "png"
            buffer = io.BytesIO()
            image.save(buffer, format=stored.upper(), **_save_options(stored, image))
            return SanitizedImage(buffer.getvalue(), stored, source, image.width, image.height)
        finally:
            image.close()

    def _decode(self, data: bytes) -> tuple[Image.Image, str]:
        """The upright, fully decoded first frame in a storable mode, with no metadata."""
        try:
            return self._decode_checked(data)
        except InvalidInput:
            raise
        except Image.DecompressionBombError as exc:
            raise _too_large() from exc
        except Exception as exc:  # hostile bytes can fail anywhere inside a decoder
            log.info("image rejected: %s: %s", exc.__class__.__name__, exc)
            raise InvalidInput("The file is not a valid image", code="invalid_image") from exc

    def _decode_checked(self, data: bytes) -> tuple[Image.Image, str]:
        with Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as probe:
            self._check_size(probe.size)
            probe.verify()  # PNG chunk checksums; the full decode below catches truncation
        with Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as image:
            source = str(image.format).lower()
            self._check_size(image.size)
            if source == "jpeg":
                image.draft(None, (self._max_side, self._max_side))  # decode at reduced scale
            image.load()
            upright = ImageOps.exif_transpose(image)
        icc = upright.info.get("icc_profile")
        mode = _storable_mode(upright, source)
        clean = upright.convert(mode) if upright.mode != mode else upright.copy()
        upright.close()
        clean.info = {"icc_profile": icc} if icc else {}
        return clean, source

    def _check_size(self, size: tuple[int, int]) -> None:
        width, height = size
        if width < 1 or height < 1:
            raise InvalidInput("The file is not a valid image", code="invalid_image")
        if width * height > self._max_pixels:
            raise _too_large()


def _too_large() -> InvalidInput:
    return InvalidInput(
        f"The image has too many pixels (at most {MAX_PIXELS // 1_000_000} megapixels)",
        code="image_too_large",
    )


def _storable_mode(image: Image.Image, source: str) -> str:
    alpha = image.mode in _ALPHA_MODES or (image.mode == "P" and "transparency" in image.info)
    if image.mode == "L" or (image.mode == "1" and source != "jpeg"):
        return "L"
    if alpha and source != "jpeg":
        return "RGBA"
    return "RGB"


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
