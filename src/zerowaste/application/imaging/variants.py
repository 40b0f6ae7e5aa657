"""Variants of stored images: thumbnails (256, 512, 1024 px) and full-size copies in WebP and,
when this build writes it, AVIF; written beside the source (domain.imaging.variants).

An upload gets its variants in a background job (`imaging.variants`) started once the upload
is stored, so the upload answers as fast as before; a generated picture gets them in the job
that drew it (`WithVariants` wraps the store that job writes to). The signed URL of a source
also serves its variants: `/api/files/<key>?expires=&signature=&variant=thumb_256.webp`.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from zerowaste.application.images import ImageService, StoredFile, StoredImage
from zerowaste.application.imaging.ports import ImageProcessor
from zerowaste.application.jobs.ports import Progress
from zerowaste.application.jobs.service import JobService
from zerowaste.application.ports.storage import ImageStore, UrlSigner
from zerowaste.domain import images as uploads
from zerowaste.domain.imaging import variants as rules
from zerowaste.domain.jobs import Job
from zerowaste.domain.shared.errors import InvalidInput, NotFound, UpstreamUnavailable

log = logging.getLogger(__name__)

JOB_TYPE = "imaging.variants"
_IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})


class UploadVariants:
    def __init__(
        self,
        images: ImageService,
        processor: ImageProcessor,
        signer: UrlSigner,
        jobs: JobService,
    ) -> None:
        self._images = images
        self._processor = processor
        self._signer = signer
        self._jobs = jobs
        formats = tuple(f for f in rules.VARIANT_FORMATS if processor.supports(f))
        self._specs = rules.variant_specs(formats)

    @property
    def names(self) -> list[str]:
        """The variants every image gets on this deployment."""
        return [spec.name for spec in self._specs]

    def schedule(self, image: StoredImage) -> None:
        """Start the variants job of a fresh upload; a queue that is down costs the variants
        (logged), never the upload."""
        try:
            self._jobs.start(image.owner_id, JOB_TYPE, {"key": image.key})
        except UpstreamUnavailable:
            log.warning("variants of %s not scheduled: the job queue is unavailable", image.key)

    def run_job(self, job: Job, progress: Progress) -> dict[str, Any]:
        """The worker's side: write every variant of the job's upload (idempotent by key)."""
        key = str(job.payload.get("key", ""))
        if not uploads.is_upload_of(job.owner_uid, key):
            raise NotFound("Image not found", code="image_not_found")
        data, _ = self._images.read_key(key)
        progress.report(10, "rendering")
        return {"key": key, "variants": self.make(key, data)}

    def make(self, key: str, data: bytes) -> list[str]:
        """Render and store every variant of `key`; their names."""
        folder = rules.variant_folder(key)
        for rendition in self._processor.render(data, self._specs):
            self._images.store.save(
                folder + rendition.spec.name, rendition.data, rendition.spec.content_type
            )
        return self.names

    def open(self, key: str, expires: str | None, signature: str | None, name: str) -> StoredFile:
        """A variant of the file a signed URL names (the source's signature is checked first)."""
        found = self.signed_key(key, expires, signature, name)
        data = self._images.store.open(found)
        if data is None:
            raise NotFound("This variant is not ready", code="variant_not_found")
        return StoredFile(found, data, rules.content_type_of_variant(name))

    def signed_key(
        self, key: str, expires: str | None, signature: str | None, name: str | None
    ) -> str:
        """The storage key of a signed file, or of its variant `name`, checked but unread (Nginx
        sends it: X-Accel-Redirect)."""
        self._signer.verify(key, expires, signature)
        if not uploads.is_valid_key(key):
            raise NotFound("File not found", code="file_not_found")
        if name is None:
            return key
        if not rules.is_variant_name(name):
            raise InvalidInput(
                "Unknown variant", code="invalid_variant", details={"allowed": self.names}
            )
        return rules.variant_key(key, name)


class WithVariants:
    """An ImageStore that also writes the variants of each image saved through it (the picture
    job's store: pictures are drawn in a worker already)."""

    def __init__(self, store: ImageStore, variants: UploadVariants) -> None:
        self._store = store
        self._variants = variants

    def save(self, key: str, data: bytes, content_type: str) -> None:
        self._store.save(key, data, content_type)
        if content_type in _IMAGE_TYPES:
            try:
                self._variants.make(key, data)
            except InvalidInput as exc:  # a picture we cannot decode keeps no variants
                log.warning("no variants for %s: %s", key, exc.message)

    def url(self, key: str, ttl: timedelta) -> str:
        return self._store.url(key, ttl)

    def open(self, key: str) -> bytes | None:
        return self._store.open(key)

    def key_from_url(self, url: str) -> str | None:
        return self._store.key_from_url(url)

    def delete_prefix(self, prefix: str) -> int:
        return self._store.delete_prefix(prefix)

    def list_keys(self, prefix: str) -> list[str]:
        return self._store.list_keys(prefix)
