"""Image uploads: validate, re-encode, store under a server-made key, hand out signed URLs.

The bytes decide the format (magic numbers, then a full decode by the ImageSanitizer); the
client's filename and Content-Type are only reported. Stored files never carry the client's
metadata (EXIF, GPS). URLs expire after 7 days; files served by this API carry a signature
(the UrlSigner port) because image widgets cannot send a bearer token.
An image the client names by URL (`image_path`, `images_paths[]`) is resolved to a storage key
only for the caller's own uploads and the shared generated images, never another user's files.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from rapidfuzz import fuzz, process

from zerowaste.application.ports.storage import ImageSanitizer, ImageStore, UrlSigner
from zerowaste.domain import images as rules
from zerowaste.domain.shared.errors import InvalidInput, NotFound
from zerowaste.domain.shared.text import folded

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


@dataclass(frozen=True)
class ImageRecord:
    """An image a user may pick for an item: one of their uploads, or a shared picture."""

    name: str
    key: str
    image_type: str
    url: str = ""


class UploadLibrary(Protocol):
    """What was uploaded under which item name (rows 6-8), beside the shared pictures."""

    def record(self, image: StoredImage) -> None: ...

    def candidates(self, owner_id: str, limit: int) -> list[ImageRecord]:
        """The owner's uploads (newest first) and the ready shared pictures."""
        ...


SIMILAR_LIMIT = 10
SIMILAR_MIN_SCORE = 60
CANDIDATES_SCANNED = 2000


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
        library: UploadLibrary | None = None,
    ) -> None:
        self._library = library
        self._store, self._sanitizer, self._signer = store, sanitizer, signer
        self._url_ttl = url_ttl
        self._max_bytes = max_bytes
        self._new_id = new_id
        self._listeners: list[Callable[[StoredImage], None]] = []

    def on_upload(self, listener: Callable[[StoredImage], None]) -> None:
        """Call `listener` with each user upload once stored (its variants job)."""
        self._listeners.append(listener)

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
        stored = StoredImage(
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
        if self._library is not None:
            self._library.record(stored)
        for listener in self._listeners:
            listener(stored)
        return stored

    def upload_reference(self, data: bytes, image_type: str) -> StoredImage:
        """Check, clean and store a shared reference image (admins, row 10): under
        `reference/`, owned by no account, so it outlives whoever uploaded it."""
        if image_type not in rules.IMAGE_TYPES:
            raise InvalidInput("Unknown image type", code="invalid_image_type")
        clean = self._sanitize(data)
        image_id = self._new_id()
        # A folder per image: the stores delete by prefix (a local folder, a bucket prefix).
        key = f"{rules.REFERENCE_PREFIX}{image_type}/{image_id}/image.{clean.extension}"
        self._store.save(key, clean.data, clean.content_type)
        return StoredImage(
            id=image_id,
            key=key,
            url=self._store.url(key, self._url_ttl),
            owner_id="",
            image_type=image_type,
            upload_type=image_type,
            item_name="",
            original_filename=None,
            content_type=clean.content_type,
            size=len(clean.data),
            width=clean.width,
            height=clean.height,
            source_format=clean.source_format,
        )

    def delete_reference(self, key: str) -> None:
        """Remove a reference image's folder (a key outside `reference/` is left alone)."""
        if key.startswith(rules.REFERENCE_PREFIX) and rules.is_valid_key(key):
            self._store.delete_prefix(key.rsplit("/", 1)[0] + "/")

    def similar(
        self, owner_id: str, item_name: str, limit: int = SIMILAR_LIMIT
    ) -> list[ImageRecord]:
        """Images whose item name is like `item_name` (row 7): the caller's uploads and the
        shared pictures, best match first (rapidfuzz WRatio over accent-folded names)."""
        name = (item_name or "").strip()
        if not name:
            raise InvalidInput("item_name is required", code="item_name_required")
        if self._library is None:
            return []
        found = self._library.candidates(owner_id, CANDIDATES_SCANNED)
        names = [folded(record.name) for record in found]
        ranked = process.extract(
            folded(name), names, scorer=fuzz.WRatio, limit=None, score_cutoff=SIMILAR_MIN_SCORE
        )
        seen: set[str] = set()
        result = []
        for _, _score, index in sorted(ranked, key=lambda r: (-r[1], r[2])):
            record = found[index]
            if record.key in seen:
                continue
            seen.add(record.key)
            result.append(
                ImageRecord(record.name, record.key, record.image_type, self.url_for(record.key))
            )
            if len(result) == limit:
                break
        return result

    @property
    def store(self) -> ImageStore:
        """Where files live (generated pictures are stored beside the uploads)."""
        return self._store

    def url_for(self, key: str) -> str:
        """A fresh URL (7 days) for a stored key."""
        return self._store.url(key, self._url_ttl)

    def open_signed(self, key: str, expires: str | None, signature: str | None) -> StoredFile:
        """The file behind a signed URL; the signature is checked before the file is looked up."""
        self._signer.verify(key, expires, signature)
        data = self._open(key, NotFound("File not found", code="file_not_found"))
        return StoredFile(key, data, rules.content_type_of(key))

    def _owned_key(self, owner_id: str, image_path: str) -> str:
        """The storage key behind a URL or key the caller sent, if the caller may read it."""
        text = (image_path or "").strip()
        key = text if rules.is_valid_key(text) else self._store.key_from_url(text)
        if key is None or not rules.readable_by(owner_id, key):
            raise NotFound("Image not found", code="image_not_found")
        return key

    def upload_key_of(self, owner_id: str, image_path: str) -> str:
        """The key of one of the caller's own uploads named by URL or key (recognition reads
        only photos the caller uploaded: not another user's, not the shared pictures)."""
        key = self._owned_key(owner_id, image_path)
        if not rules.is_upload_of(owner_id, key):
            raise NotFound("Image not found", code="image_not_found")
        return key

    def read_key(self, key: str) -> tuple[bytes, str]:
        """The bytes and content type of a stored file (NotFound when it is gone)."""
        data = self._open(key, NotFound("Image not found", code="image_not_found"))
        return data, rules.content_type_of(key)

    def _open(self, key: str, missing: NotFound) -> bytes:
        data = self._store.open(key) if rules.is_valid_key(key) else None
        if data is None:
            raise missing
        return data

    def stored_reference(self, owner_id: str, image_path: str) -> str:
        """What to keep for an image the client names: our storage key for the caller's own
        uploads (signed URLs expire after 7 days; the key does not), else the text as sent."""
        text = (image_path or "").strip()
        try:
            return self._owned_key(owner_id, text)
        except NotFound:
            return text

    def delete_user_files(self, user_id: str) -> int:
        """Every file the user uploaded (account deletion); how many there were."""
        return self._store.delete_prefix(rules.user_prefix(user_id))

    def display_url(self, reference: str) -> str:
        """A fresh URL for a stored key; anything else (an external URL, "") unchanged."""
        return self.url_for(reference) if rules.is_valid_key(reference) else reference

    def _sanitize(self, data: bytes) -> rules.SanitizedImage:
        if not data:
            raise InvalidInput("The image file is empty", code="empty_file")
        if len(data) > self._max_bytes:
            raise UploadTooLarge(f"The image is larger than {self._max_bytes // 2**20} MB")
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
