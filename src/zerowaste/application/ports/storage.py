"""File storage ports: where image files live, how their URLs are signed and how untrusted
image bytes are cleaned."""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from zerowaste.domain.images import SanitizedImage


class ImageStore(Protocol):
    """Where image files live: a local directory (embedded) or Firebase Storage."""

    def save(self, key: str, data: bytes, content_type: str) -> None: ...

    def url(self, key: str, ttl: timedelta) -> str: ...  # absolute, or a path on this API

    def open(self, key: str) -> bytes | None: ...  # None when there is no such file

    def key_from_url(self, url: str) -> str | None: ...  # the key behind a URL it made

    def delete_prefix(self, prefix: str) -> int: ...  # every file under it; how many

    def list_keys(self, prefix: str) -> list[str]: ...  # every file's key under it, sorted


class UrlSigner(Protocol):
    """Signatures for file URLs served by this API (image widgets send no bearer token)."""

    def sign(self, key: str, ttl: timedelta) -> tuple[int, str]: ...  # (expires, signature)

    def verify(self, key: str, expires: str | None, signature: str | None) -> int:
        """The expiry of a valid signature; PermissionDenied `invalid_signature` when forged,
        altered or malformed, `signed_url_expired` when expired."""
        ...

    def token(self, key: str) -> str: ...  # stable and unguessable (Firebase download tokens)


class ImageSanitizer(Protocol):
    """Decodes untrusted image bytes and re-encodes them without metadata, or rejects them
    with InvalidInput (`invalid_image`, `image_too_large`)."""

    def sanitize(self, data: bytes) -> SanitizedImage: ...
