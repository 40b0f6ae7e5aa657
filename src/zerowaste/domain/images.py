"""Uploaded images: accepted formats, image types and the storage key layout (pure rules).

Keys are `uploads/<owner uid>/<image type>/<uuid4 hex>.<ext>`: built only from the owner's uid,
a validated image type and a random id, never from anything the client names, so a filename or
item name cannot steer where a file lands. The real format is read from the bytes (magic
numbers); the client's filename and Content-Type are only reported back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.image_formats import CONTENT_TYPES, EXTENSIONS, content_type_of_format

IMAGE_TYPES = ("food", "ingredient", "default")
# The original's `upload_type` values; `recognition` photos are stored as `default` images.
UPLOAD_TYPES = {"recognition": "default", "ingredient": "ingredient", "food": "food"}
_TYPE_ALIASES = {"ingredients": "ingredient", "foods": "food", "recognitions": "default"}

# Stored (re-encoded) formats are jpeg, png and webp: GIF uploads are stored as PNG (first
# frame); avif keys are variants and conversions (domain.imaging).

UPLOADS_PREFIX = "uploads/"
REFERENCE_PREFIX = "reference/"  # admins' shared reference images (row 10)
# Folders of images shared by every user (generated pictures of ingredients, foods, recipes).
SHARED_PREFIXES = ("ingredients/", "foods/", "recipes/")
_KEY = re.compile(r"^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){1,5}$")
_UID_SEGMENT = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


@dataclass(frozen=True)
class SanitizedImage:
    """An image decoded, checked and re-encoded without metadata."""

    data: bytes
    format: str  # stored format: jpeg | png | webp
    source_format: str  # format read from the upload's bytes: jpeg | png | gif | webp
    width: int
    height: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]

    @property
    def content_type(self) -> str:
        return content_type_of_format(self.format)


def sniff_format(data: bytes) -> str | None:
    """The image format named by the leading magic bytes, or None when it is not one we accept."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def resolve_image_type(declared: str | None, upload_type: str | None) -> str:
    """The image type from `image_type` (L1) / `category` (L2), else the original's `upload_type`.

    Nothing given means `default`; an unknown value is rejected.
    """
    for value, table in ((declared, None), (upload_type, UPLOAD_TYPES)):
        text = (value or "").strip().lower()
        if not text:
            continue
        text = _TYPE_ALIASES.get(text, text)
        if text in IMAGE_TYPES:
            return text
        if table is not None and text in table:
            return table[text]
        allowed = [*IMAGE_TYPES, *UPLOAD_TYPES]
        raise InvalidInput(
            "Unknown image type", code="invalid_image_type", details={"allowed": allowed}
        )
    return "default"


def user_prefix(owner_id: str) -> str:
    """Where every upload of one user lives (deleted with the account)."""
    if not _UID_SEGMENT.match(owner_id):
        raise InvalidInput("This account cannot store files", code="invalid_owner")
    return f"{UPLOADS_PREFIX}{owner_id}/"


def upload_key(owner_id: str, image_type: str, image_id: str, extension: str) -> str:
    if not _UID_SEGMENT.match(owner_id):
        raise InvalidInput("This account cannot store files", code="invalid_owner")
    if image_type not in IMAGE_TYPES or extension not in CONTENT_TYPES:
        raise InvalidInput("Unknown image type", code="invalid_image_type")
    return f"{UPLOADS_PREFIX}{owner_id}/{image_type}/{image_id}.{extension}"


def is_valid_key(key: str) -> bool:
    """A key we could have written: plain segments, no `..`, no absolute or backslash paths."""
    return bool(_KEY.match(key)) and ".." not in key


def is_image_reference(text: str) -> bool:
    """What a client may store as an image: one of our storage keys, or an absolute http(s)
    URL. `javascript:`, `data:`, `file:` and relative paths would be handed to other clients'
    image widgets as they were stored."""
    if is_valid_key(text):
        return True
    parts = urlsplit(text)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and text.isprintable()


def content_type_of(key: str) -> str:
    return CONTENT_TYPES.get(key.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def readable_by(owner_id: str, key: str) -> bool:
    """Owners read their own uploads; generated images are shared by everyone."""
    if not is_valid_key(key):
        return False
    return key.startswith((f"{UPLOADS_PREFIX}{owner_id}/", *SHARED_PREFIXES))


def is_upload_of(owner_id: str, key: str) -> bool:
    """A file the owner uploaded (not a shared generated picture)."""
    return is_valid_key(key) and key.startswith(f"{UPLOADS_PREFIX}{owner_id}/")
