"""Image uploads: validate, re-encode, store under a server-made key, hand out signed URLs.

The bytes decide the format (magic numbers, then a full decode by the ImageSanitizer); the
client's filename and Content-Type are only reported. Stored files never carry the client's
metadata (EXIF, GPS). URLs expire after 7 days; files served by this API are signed with an
HMAC key derived from the JWT secret, because image widgets cannot send a bearer token.
Reading an image back by the URL a client sends (`image_path`, `images_paths[]`) is allowed
only for the caller's own uploads and the shared generated images: no other user's files.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from base64 import urlsafe_b64encode
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.storage import ImageSanitizer, ImageStore
from zerowaste.domain import images as rules
from zerowaste.domain.shared.errors import InvalidInput, NotFound, PermissionDenied

SIGNED_URL_TTL = timedelta(days=7)
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ITEM_NAME = 200


class UploadTooLarge(InvalidInput):
    """The file is over the upload cap (the interface answers 413)."""

    code = "file_too_large"


@dataclass(frozen=True)
class StoredImage:
    id: str
    key: str
    url: str  # absolute (Firebase) or relative to this API (local store)
    owner_id: str
    image_type: str
    upload_type: str
    item_name: str
    original_filename: str | None
    content_type: str
    size: int
    width: int
    height: int
    source_format: str

    @property
    def filename(self) -> str:
        return self.key.rsplit("/", 1)[-1]

    @property
    def folder(self) -> str:
        return self.key.rsplit("/", 1)[0]


@dataclass(frozen=True)
class StoredFile:
    key: str
    data: bytes
    content_type: str


class UrlSigner:
    """HMAC-SHA256 over `key \\n expires` with a key derived from the app's secret."""

    def __init__(self, secret: str, clock: Clock) -> None:
        self._key = hmac.new(secret.encode(), b"zerowaste/file-urls/v1", hashlib.sha256).digest()
        self._clock = clock

    def sign(self, key: str, ttl: timedelta) -> tuple[int, str]:
        expires = int(self._clock.now().timestamp() + ttl.total_seconds())
        return expires, self._mac(f"url\n{key}\n{expires}")

    def verify(self, key: str, expires: str | None, signature: str | None) -> int:
        """The expiry of a valid signature; PermissionDenied when forged, altered or expired."""
        # Query strings are any text: non-ASCII digits pass isdigit() but not int(), and
        # compare_digest refuses non-ASCII strings; neither is ever a signature we issued.
        if not expires or not signature or not f"{expires}{signature}".isascii():
            raise PermissionDenied("Invalid file signature", code="invalid_signature")
        if not expires.isdigit() or len(expires) > 12:
            raise PermissionDenied("Invalid file signature", code="invalid_signature")
        if not hmac.compare_digest(self._mac(f"url\n{key}\n{expires}"), signature):
            raise PermissionDenied("Invalid file signature", code="invalid_signature")
        if int(expires) < self._clock.now().timestamp():
            raise PermissionDenied("This file link has expired", code="signed_url_expired")
        return int(expires)

    def token(self, key: str) -> str:
        """A stable unguessable token for a key (Firebase download tokens)."""
        return self._mac(f"token\n{key}")

    def _mac(self, message: str) -> str:
        digest = hmac.new(self._key, message.encode(), hashlib.sha256).digest()
        return urlsafe_b64encode(digest).rstrip(b"=").decode()


class ImageService:
    def __init__(
        self,
        store: ImageStore,
        sanitizer: ImageSanitizer,
        signer: UrlSigner,
        *,
        url_ttl: timedelta = SIGNED_URL_TTL,
        max_bytes: int = MAX_UPLOAD_BYTES,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self._store = store
        self._sanitizer = sanitizer
        self._signer = signer
        self._url_ttl = url_ttl
        self._max_bytes = max_bytes
        self._new_id = new_id

    def upload(
        self,
        owner_id: str,
        data: bytes,
        filename: str | None,
        declared_type: str | None,
        item_name: str | None,
        *,
        upload_type: str | None = None,
    ) -> StoredImage:
        """Check, clean and store one image of the caller; the key never uses client names."""
        name = (item_name or "").strip()
        if not name:
            raise InvalidInput("item_name is required", code="item_name_required")
        if len(name) > MAX_ITEM_NAME:
            raise InvalidInput("item_name is too long", code="item_name_too_long")
        image_type = rules.resolve_image_type(declared_type, upload_type)
        clean = self._sanitize(data)
        image_id = self._new_id()
        key = rules.upload_key(owner_id, image_type, image_id, clean.extension)
        self._store.save(key, clean.data, clean.content_type)
        reported = (upload_type or "").strip().lower()
        return StoredImage(
            id=image_id,
            key=key,
            url=self._store.url(key, self._url_ttl),
            owner_id=owner_id,
            image_type=image_type,
            upload_type=reported if reported in rules.UPLOAD_TYPES else image_type,
            item_name=name,
            original_filename=_base_name(filename),
            content_type=clean.content_type,
            size=len(clean.data),
            width=clean.width,
            height=clean.height,
            source_format=clean.source_format,
        )

    def url_for(self, key: str) -> str:
        """A fresh URL (7 days) for a stored key."""
        return self._store.url(key, self._url_ttl)

    def open_signed(self, key: str, expires: str | None, signature: str | None) -> StoredFile:
        """The file behind a signed URL; the signature is checked before the file is looked up."""
        self._signer.verify(key, expires, signature)
        data = self._store.open(key) if rules.is_valid_key(key) else None
        if data is None:
            raise NotFound("File not found", code="file_not_found")
        return StoredFile(key, data, rules.content_type_of(key))

    def owned_key(self, owner_id: str, image_path: str) -> str:
        """The storage key behind a URL or key the caller sent, if the caller may read it."""
        text = (image_path or "").strip()
        key = text if rules.is_valid_key(text) else self._store.key_from_url(text)
        if key is None or not rules.readable_by(owner_id, key):
            raise NotFound("Image not found", code="image_not_found")
        return key

    def stored_reference(self, owner_id: str, image_path: str) -> str:
        """What to keep for an image the client names: our storage key for the caller's own
        uploads (signed URLs expire after 7 days; the key does not), else the text as sent."""
        text = (image_path or "").strip()
        try:
            return self.owned_key(owner_id, text)
        except NotFound:
            return text

    def display_url(self, reference: str) -> str:
        """A fresh URL for a stored key; anything else (an external URL, "") unchanged."""
        return self.url_for(reference) if rules.is_valid_key(reference) else reference

    def read_owned(self, owner_id: str, image_path: str) -> bytes:
        """Bytes of an image the caller may read (recognition input); others' files are 404."""
        data = self._store.open(self.owned_key(owner_id, image_path))
        if data is None:
            raise NotFound("Image not found", code="image_not_found")
        return data

    def _sanitize(self, data: bytes) -> rules.SanitizedImage:
        if not data:
            raise InvalidInput("The image file is empty", code="empty_file")
        if len(data) > self._max_bytes:
            limit_mb = self._max_bytes // (1024 * 1024)
            raise UploadTooLarge(f"The image is larger than {limit_mb} MB")
        sniffed = rules.sniff_format(data)
        if sniffed is None:
            raise InvalidInput(
                "The file is not a JPEG, PNG, GIF or WEBP image", code="invalid_image"
            )
        clean = self._sanitizer.sanitize(data)
        if clean.source_format != sniffed:
            raise InvalidInput("The file is not a valid image", code="invalid_image")
        return clean


def _base_name(filename: str | None) -> str | None:
    """The client's file name without any directory part (reported only, never used in keys)."""
    if not filename:
        return None
    base = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return base[:255] or None
