"""Ports of the screening feature: each user's screenings and audit rows (personal, never the
household's), plus the profiles it reads the language and the estimated need from."""

from __future__ import annotations

from typing import Protocol

from zerowaste.application.accounts.ports import UserRepository
from zerowaste.application.intake.ports import NutritionProfileRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.screening.audit import AuditEntry
from zerowaste.domain.screening.rules import Screening


class ScreeningRepository(Protocol):
    def add(self, user_uid: str, screening: Screening) -> Screening:
        """The screening with its new id."""
        ...

    def latest(self, user_uid: str) -> Screening | None: ...


class AuditLogRepository(Protocol):
    def add(self, entry: AuditEntry) -> AuditEntry: ...

    def page(self, user_uid: str, limit: int, offset: int) -> tuple[list[AuditEntry], int]:
        """The user's rows newest first, and how many there are in all."""
        ...


class ScreeningUnitOfWork(UnitOfWork, Protocol):
    @property
    def screenings(self) -> ScreeningRepository: ...

    @property
    def audit_log(self) -> AuditLogRepository: ...

    @property
    def nutrition_profiles(self) -> NutritionProfileRepository: ...

    @property
    def users(self) -> UserRepository: ...
