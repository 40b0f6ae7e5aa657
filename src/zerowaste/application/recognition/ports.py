"""Ports of the recognition feature: stored recognitions, the barcode table and each user's
name corrections."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from zerowaste.application.accounts.ports import UserRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.recognition.results import Recognition


class RecognitionRepository(Protocol):
    """Recognitions belong to the user who took the photos (never shared with others)."""

    def add(self, recognition: Recognition) -> None: ...

    def get(self, user_uid: str, recognition_id: str) -> Recognition | None: ...

    def history(self, user_uid: str, limit: int, offset: int) -> list[Recognition]: ...

    def count(self, user_uid: str) -> int: ...

    def add_feedback(
        self, user_uid: str, recognition_id: str, feedback: dict[str, Any], now: datetime
    ) -> None: ...


class BarcodeDirectory(Protocol):
    """EAN/UPC → ingredient name, grown from users' confirmations (no product database)."""

    def lookup(self, code: str, user_uid: str) -> str | None:
        """The user's own confirmation first, else the name most users confirmed."""
        ...

    def confirm(self, code: str, user_uid: str, name: str, now: datetime) -> None: ...


class NameCorrections(Protocol):
    """What a user said a recognised name really was; applied to that user's next matches."""

    def for_user(self, user_uid: str) -> dict[str, str]: ...  # folded wrong name → right name

    def correct(self, user_uid: str, wrong: str, right: str, now: datetime) -> None: ...


class RecognitionUnitOfWork(UnitOfWork, Protocol):
    @property
    def recognitions(self) -> RecognitionRepository: ...

    @property
    def barcodes(self) -> BarcodeDirectory: ...

    @property
    def corrections(self) -> NameCorrections: ...

    @property
    def users(self) -> UserRepository: ...
