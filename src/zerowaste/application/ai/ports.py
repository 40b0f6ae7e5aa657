"""Ports of the AI gateway: where usage records are kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.ai import UsageTotals


@dataclass(frozen=True)
class UsageRecord:
    user_uid: str | None  # None: work done for everyone (a shared image)
    provider: str
    model: str
    operation: str
    tokens_in: int
    tokens_out: int
    images: int
    cost_usd: Decimal
    degraded: bool
    created_at: datetime


class AiUsageRepository(Protocol):
    def add(self, record: UsageRecord) -> None: ...

    def totals(self, since: datetime, user_uid: str | None = None) -> UsageTotals:
        """Sums since `since`: one user's when `user_uid` is given, else the deployment's."""
        ...

    def household_totals(self, since: datetime, user_uid: str) -> UsageTotals:
        """Sums since `since` of every current member of `user_uid`'s household."""
        ...

    def by_operation(self, since: datetime, user_uid: str) -> dict[str, UsageTotals]: ...


class AiUnitOfWork(UnitOfWork, Protocol):
    @property
    def ai_usage(self) -> AiUsageRepository: ...
