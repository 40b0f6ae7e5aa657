"""`POST /api/admin/sync_images` (row 67; the original's `/api/image_management/sync_images`):
index the pictures placed under the storage's `reference/` prefix by hand (a bucket upload, a
copied folder) as reference images, so the admin UI lists them beside the uploaded ones.

A file is indexed once: a key already in `reference_images` is skipped, so a second sync adds
nothing. What the key says gives the type, category and label (`domain.admin.reference_images.
reference_from_key`); the bytes must decode as an image (the same sanitizer as uploads, which
only checks here: the file is left as it is) or the file is skipped. Width and height are the
ones the sanitizer reports (the longest side capped at 2048 px, like every stored picture).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from zerowaste.application.admin.reference_images import ReferenceUnitOfWork
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.storage import ImageSanitizer, ImageStore
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain.admin.reference_images import ReferenceImage, reference_from_key
from zerowaste.domain.images import IMAGE_TYPES, REFERENCE_PREFIX
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.image_formats import content_type_of_format

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncReport:
    scanned: int  # files found under the prefix
    added: int  # new reference images
    skipped: int  # already indexed, not an image file, or bytes that are no image


class ReferenceSync:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[ReferenceUnitOfWork],
        clock: Clock,
        store: ImageStore,
        sanitizer: ImageSanitizer,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._store = store
        self._sanitizer = sanitizer
        self._new_id = new_id

    def sync(self, admin_uid: str) -> SyncReport:
        """Index every file under `reference/` not indexed yet; the counts of what was seen."""
        keys = self._store.list_keys(REFERENCE_PREFIX)
        with self._uow_factory.read() as uow:
            known = uow.reference_images.keys_under(REFERENCE_PREFIX)
        found = [image for key in keys if key not in known if (image := self._read(key, admin_uid))]
        if found:
            with self._uow_factory() as uow:
                # Keys indexed meanwhile (an upload, another sync) are not added twice.
                known = uow.reference_images.keys_under(REFERENCE_PREFIX)
                found = [image for image in found if image.image_key not in known]
                for image in found:
                    uow.reference_images.add(image)
                uow.commit()
        log.info("reference sync: %d files, %d added", len(keys), len(found))
        return SyncReport(len(keys), len(found), len(keys) - len(found))

    def _read(self, key: str, admin_uid: str) -> ReferenceImage | None:
        described = reference_from_key(key, REFERENCE_PREFIX, IMAGE_TYPES)
        data = self._store.open(key) if described else None
        if described is None or data is None:
            return None
        try:
            clean = self._sanitizer.sanitize(data)
        except InvalidInput:
            log.info("reference sync: %s is not a usable image", key)
            return None
        now = self._clock.now()
        return ReferenceImage(
            self._new_id(),
            described.label,
            described.category,
            described.image_type,
            key,
            content_type_of_format(clean.source_format),
            clean.width,
            clean.height,
            len(data),
            admin_uid,
            now,
            now,
        )
