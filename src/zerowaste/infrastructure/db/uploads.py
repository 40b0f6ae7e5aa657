"""Which item name each upload was made for (image management rows 6-8), next to the shared
generated pictures, so a user can find an image again by name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from zerowaste.application.images import ImageRecord, StoredImage
from zerowaste.infrastructure.db.base import Base, UTCDateTime
from zerowaste.infrastructure.db.recognition import PictureRow

PICTURE_TYPES = {"ingredient": "ingredient", "food": "food"}


class UploadedImageRow(Base):
    __tablename__ = "uploaded_images"
    __table_args__ = (Index("ix_uploaded_images_owner_created", "owner_uid", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    storage_key: Mapped[str] = mapped_column(String(300))
    item_name: Mapped[str] = mapped_column(String(200))
    image_type: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class SqlAlchemyUploadLibrary:
    """Each call is its own short transaction (an upload is recorded right after its file)."""

    def __init__(self, session_factory: sessionmaker[Session], now: Callable[[], datetime]):
        self._sf = session_factory
        self._now = now

    def record(self, image: StoredImage) -> None:
        with self._sf.begin() as s:
            s.add(
                UploadedImageRow(
                    id=image.id,
                    owner_uid=image.owner_id,
                    storage_key=image.key,
                    item_name=image.item_name[:200],
                    image_type=image.image_type,
                    created_at=self._now(),
                )
            )

    def candidates(self, owner_id: str, limit: int) -> list[ImageRecord]:
        with self._sf() as s:
            uploads = s.execute(
                select(
                    UploadedImageRow.item_name,
                    UploadedImageRow.storage_key,
                    UploadedImageRow.image_type,
                )
                .where(UploadedImageRow.owner_uid == owner_id)
                .order_by(UploadedImageRow.created_at.desc(), UploadedImageRow.id)
                .limit(limit)
            ).all()
            pictures = s.execute(
                select(PictureRow.name_key, PictureRow.storage_key, PictureRow.kind)
                .where(PictureRow.status == "ready", PictureRow.storage_key.is_not(None))
                .order_by(PictureRow.updated_at.desc())
                .limit(limit)
            ).all()
        found = [ImageRecord(name, key, kind) for name, key, kind in uploads]
        found += [
            ImageRecord(name, key, PICTURE_TYPES.get(kind, "default"))
            for name, key, kind in pictures
            if key
        ]
        return found
