"""Reference images (row 10): shared, labelled pictures that admins manage."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, delete, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.application.admin.reference_images import ReferenceFilter
from zerowaste.domain.admin.reference_images import ReferenceImage
from zerowaste.infrastructure.db.base import Base, UTCDateTime


class ReferenceImageRow(Base):
    __tablename__ = "reference_images"
    __table_args__ = (
        Index("ix_reference_images_category_created", "category", "created_at"),
        Index("ix_reference_images_type_created", "image_type", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40))
    image_type: Mapped[str] = mapped_column(String(20))
    image_key: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    # SET NULL: a reference image is the deployment's, not its uploader's.
    created_by: Mapped[str | None] = mapped_column(
        ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


_FIELDS = (
    "id",
    "label",
    "category",
    "image_type",
    "image_key",
    "content_type",
    "width",
    "height",
    "size",
    "created_by",
    "created_at",
    "updated_at",
)


def _image(row: ReferenceImageRow) -> ReferenceImage:
    return ReferenceImage(**{name: getattr(row, name) for name in _FIELDS})


def _where(where: ReferenceFilter) -> list[Any]:
    r = ReferenceImageRow
    found: list[Any] = []
    if where.category:
        found.append(r.category == where.category.strip().lower())
    if where.image_type:
        found.append(r.image_type == where.image_type)
    if where.label:
        text = where.label.strip().lower()
        text = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        found.append(func.lower(r.label).like(f"%{text}%", escape="\\"))
    return found


class SqlAlchemyReferenceImages:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, image: ReferenceImage) -> None:
        self._s.add(ReferenceImageRow(**{name: getattr(image, name) for name in _FIELDS}))
        self._s.flush()

    def get(self, image_id: str) -> ReferenceImage | None:
        row = self._s.get(ReferenceImageRow, image_id)
        return _image(row) if row is not None else None

    def relabel(self, image_id: str, label: str, category: str, now: datetime) -> None:
        self._s.execute(
            update(ReferenceImageRow)
            .where(ReferenceImageRow.id == image_id)
            .values(label=label, category=category, updated_at=now)
            .execution_options(synchronize_session=False)
        )

    def delete(self, image_id: str) -> None:
        self._s.execute(delete(ReferenceImageRow).where(ReferenceImageRow.id == image_id))

    def keys_under(self, prefix: str) -> set[str]:
        r = ReferenceImageRow
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        found = self._s.scalars(
            select(r.image_key).where(r.image_key.like(f"{escaped}%", escape="\\"))
        )
        return set(found)

    def page(
        self, where: ReferenceFilter, limit: int, offset: int
    ) -> tuple[list[ReferenceImage], int]:
        conditions = _where(where)
        r = ReferenceImageRow
        total = self._s.scalar(select(func.count()).select_from(r).where(*conditions)) or 0
        rows = self._s.scalars(
            select(r)
            .where(*conditions)
            .order_by(r.created_at.desc(), r.id)
            .limit(limit)
            .offset(offset)
        ).all()
        return [_image(row) for row in rows], int(total)
