"""Reference images (row 10): admins upload, label, list, relabel and delete shared pictures;
the file goes through the image feature's checks (magic bytes, full decode, re-encode)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from zerowaste.application.admin.service import Paged
from zerowaste.application.images import ImageService
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWork, UnitOfWorkFactory
from zerowaste.domain.admin.reference_images import MAX_CATEGORY, MAX_LABEL, ReferenceImage
from zerowaste.domain.shared.errors import InvalidInput, NotFound


@dataclass(frozen=True)
class ReferenceFilter:
    category: str | None = None
    label: str | None = None  # part of the label
    image_type: str | None = None


class ReferenceImageRepository(Protocol):
    def add(self, image: ReferenceImage) -> None: ...

    def get(self, image_id: str) -> ReferenceImage | None: ...

    def relabel(self, image_id: str, label: str, category: str, now: datetime) -> None: ...

    def delete(self, image_id: str) -> None: ...

    def keys_under(self, prefix: str) -> set[str]: ...  # image keys starting with prefix

    def page(
        self, where: ReferenceFilter, limit: int, offset: int
    ) -> tuple[list[ReferenceImage], int]: ...


class ReferenceUnitOfWork(UnitOfWork, Protocol):
    @property
    def reference_images(self) -> ReferenceImageRepository: ...


def _text(value: str, limit: int, field: str, *, required: bool) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise InvalidInput(f"{field} is required", code=f"{field}_required")
    if len(text) > limit:
        raise InvalidInput(f"{field} is too long", code=f"{field}_too_long")
    return text


class ReferenceImages:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[ReferenceUnitOfWork],
        clock: Clock,
        images: ImageService,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._images = images

    def add(
        self, admin_uid: str, data: bytes, label: str, category: str, image_type: str
    ) -> ReferenceImage:
        """Store the file (checked and re-encoded), then its row; a failed row removes it."""
        label = _text(label, MAX_LABEL, "label", required=True)
        category = _text(category, MAX_CATEGORY, "category", required=False).lower()
        stored = self._images.upload_reference(data, image_type)
        now = self._clock.now()
        image = ReferenceImage(
            stored.id,
            label,
            category,
            image_type,
            stored.key,
            stored.content_type,
            stored.width,
            stored.height,
            stored.size,
            admin_uid,
            now,
            now,
        )
        try:
            with self._uow_factory() as uow:
                uow.reference_images.add(image)
                uow.commit()
        except BaseException:
            self._images.delete_reference(stored.key)
            raise
        return self._with_url(image)

    def get(self, image_id: str) -> ReferenceImage:
        with self._uow_factory.read() as uow:
            found = uow.reference_images.get(image_id)
        if found is None:
            raise NotFound("Reference image not found", code="reference_image_not_found")
        return self._with_url(found)

    def relabel(self, image_id: str, label: str | None, category: str | None) -> ReferenceImage:
        with self._uow_factory() as uow:
            found = uow.reference_images.get(image_id)
            if found is None:
                raise NotFound("Reference image not found", code="reference_image_not_found")
            new_label = (
                found.label if label is None else _text(label, MAX_LABEL, "label", required=True)
            )
            new_category = (
                found.category
                if category is None
                else _text(category, MAX_CATEGORY, "category", required=False).lower()
            )
            now = self._clock.now()
            uow.reference_images.relabel(image_id, new_label, new_category, now)
            uow.commit()
        changed = dataclasses.replace(found, label=new_label, category=new_category, updated_at=now)
        return self._with_url(changed)

    def delete(self, image_id: str) -> None:
        with self._uow_factory() as uow:
            found = uow.reference_images.get(image_id)
            if found is None:
                raise NotFound("Reference image not found", code="reference_image_not_found")
            uow.reference_images.delete(image_id)
            uow.commit()
        self._images.delete_reference(found.image_key)

    def page(self, where: ReferenceFilter, page: int, per_page: int) -> Paged[ReferenceImage]:
        with self._uow_factory.read() as uow:
            found, total = uow.reference_images.page(where, per_page, (page - 1) * per_page)
        return Paged([self._with_url(i) for i in found], total, page, per_page)

    def _with_url(self, image: ReferenceImage) -> ReferenceImage:
        return dataclasses.replace(image, url=self._images.url_for(image.image_key))
