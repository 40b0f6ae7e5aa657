"""Ports of the admin feature: one repository of deployment-wide reads (each a bounded number
of SQL statements, whatever the number of users), the audit rows, and the table renderer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.admin.audit import AdminAction
from zerowaste.domain.admin.stats import (
    ActiveUsers,
    ModelUsage,
    RecipeTotals,
    UserSummary,
    UserTotals,
    WasteAvoided,
)


@dataclass(frozen=True)
class DailyModelUsage:
    day: str  # YYYY-MM-DD (UTC)
    model: str
    calls: int
    tokens_in: int
    tokens_out: int
    images: int
    cost_usd: str  # exact decimal, as text


class AdminRepository(Protocol):
    def admin_name(self, uid: str) -> str | None:
        """The admin's email (or uid without one); None when the user is not an admin."""
        ...

    def uids_by_email(self, email: str) -> list[str]: ...

    def set_admin(self, uid: str, flag: bool) -> None: ...

    def users_page(
        self, search: str | None, limit: int, offset: int
    ) -> tuple[list[UserSummary], int]: ...

    def user_totals(self) -> UserTotals: ...

    def active_users(self, now: datetime) -> ActiveUsers: ...

    def cohort_counts(self, origin: datetime) -> tuple[dict[int, int], dict[tuple[int, int], int]]:
        """Signups per week since `origin`, and of them those active per week (week numbers
        counted from `origin`)."""
        ...

    def recipe_totals(self) -> RecipeTotals: ...

    def ai_by_model(self) -> list[ModelUsage]: ...

    def ai_by_day(self, since: datetime) -> list[DailyModelUsage]: ...

    def waste_avoided(self) -> WasteAvoided: ...

    def job_outcomes(self, since: datetime) -> dict[str, int]:
        """Jobs finished since `since`, by status."""
        ...

    def add_action(self, action: AdminAction) -> AdminAction: ...

    def actions_page(self, limit: int, offset: int) -> tuple[list[AdminAction], int]: ...


class AdminUnitOfWork(UnitOfWork, Protocol):
    @property
    def admin(self) -> AdminRepository: ...


Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    name: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]


class TableRenderer(Protocol):
    def render(self, table: Table, fmt: str) -> bytes:
        """The table as a `csv` (UTF-8) or `xlsx` file."""
        ...
