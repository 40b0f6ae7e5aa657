"""Ports of analytics: the sums the database computes (GROUP BY over indexed columns, at most
one row per day and group) and the renderers of charts and tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from zerowaste.application.accounts.ports import UserRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.analytics.exports import Chart, Table
from zerowaste.domain.analytics.reports import Count, IntakeTotal, SavingsTotal
from zerowaste.domain.analytics.usage import JournalTotal
from zerowaste.domain.analytics.window import Granularity
from zerowaste.domain.intake.targets import Targets


class AnalyticsQueries(Protocol):
    """Every method reads one owner's rows within [start, end] (UTC days); `member` restricts
    a household's journal and cooks to what that member did."""

    def first_day(self, household_id: str, user_uid: str) -> date | None:
        """The first day anything was journalled, cooked, logged or saved by this owner."""
        ...

    def first_journal_day(self, household_id: str, member: str | None = None) -> date | None:
        """The day of the household's first consumption or waste (its first month's base)."""
        ...

    def journal_by_bucket(
        self,
        household_id: str,
        start: date,
        end: date,
        granularity: Granularity,
        member: str | None = None,
    ) -> list[JournalTotal]:
        """Used quantities per bucket (key: the bucket's first day), reason and unit."""
        ...

    def journal_by_item(
        self, household_id: str, start: date, end: date, member: str | None = None
    ) -> list[JournalTotal]:
        """Used quantities per item name (key), category, reason and unit."""
        ...

    def cooks_by_bucket(
        self,
        household_id: str,
        start: date,
        end: date,
        granularity: Granularity,
        member: str | None = None,
    ) -> list[Count]: ...

    def cooks_by_weekday(
        self, household_id: str, start: date, end: date, member: str | None = None
    ) -> list[Count]: ...

    def top_cooked(
        self, household_id: str, start: date, end: date, n: int, member: str | None = None
    ) -> list[Count]: ...

    def planned_by_meal_type(self, household_id: str, start: date, end: date) -> list[Count]: ...

    def intake_by_bucket(
        self, user_uid: str, start: date, end: date, granularity: Granularity
    ) -> list[IntakeTotal]: ...

    def savings_by_bucket(
        self, user_uid: str, start: date, end: date, granularity: Granularity
    ) -> list[SavingsTotal]:
        """Cooked recipes' savings per bucket of the day they were cooked."""
        ...


class AnalyticsUnitOfWork(UnitOfWork, Protocol):
    @property
    def analytics(self) -> AnalyticsQueries: ...

    @property
    def users(self) -> UserRepository: ...


@dataclass(frozen=True)
class Rendered:
    content: bytes
    content_type: str
    filename: str


class ReportRenderer(Protocol):
    def chart(self, chart: Chart, fmt: str) -> bytes:
        """A PNG or SVG picture of the chart."""
        ...

    def table(self, table: Table, fmt: str) -> bytes:
        """The table as CSV (UTF-8) or XLSX."""
        ...


TargetsOf = Callable[[str], Targets]  # the user's daily targets; NotFound without a profile
