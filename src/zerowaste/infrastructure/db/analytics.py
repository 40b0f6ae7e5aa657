"""Analytics sums in SQL: GROUP BY over the owner's indexed (owner, time) columns, with the
bucket key computed in SQL by `day_bucket`, one construct compiled per dialect (SQLite's
strftime/date modifiers, MariaDB's DATE_FORMAT/WEEKDAY). Every query answers at most one row
per bucket and group (a few hundred), never the journal's rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, String, and_, func, null, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from zerowaste.domain.analytics.reports import Count, IntakeTotal, SavingsTotal
from zerowaste.domain.analytics.usage import USAGE_REASONS, JournalTotal
from zerowaste.domain.analytics.window import Granularity
from zerowaste.infrastructure.db.intake import FoodLogRow
from zerowaste.infrastructure.db.inventory.tables import ItemRow, JournalRow
from zerowaste.infrastructure.db.meal_plans.tables import SlotRow
from zerowaste.infrastructure.db.recipe_history import CookRow
from zerowaste.infrastructure.db.savings import SavingsRow


class _Bucket(FunctionElement[str]):
    """The ISO date ('YYYY-MM-DD') of the bucket a DATE/DATETIME falls in: the day itself, its
    week's Monday or its month's first day. One subclass per granularity, so that the
    granularity is part of the statement cache key (the class is)."""

    type = String()
    inherit_cache = True
    granularity: Granularity = "day"


class _WeekBucket(_Bucket):
    inherit_cache = True
    granularity: Granularity = "week"


class _MonthBucket(_Bucket):
    inherit_cache = True
    granularity: Granularity = "month"


_BUCKETS: dict[str, type[_Bucket]] = {"day": _Bucket, "week": _WeekBucket, "month": _MonthBucket}


def day_bucket(column: Any, granularity: Granularity) -> _Bucket:
    return _BUCKETS[granularity](column)


class weekday(FunctionElement[int]):  # noqa: N801
    """0 = Monday ... 6 = Sunday."""

    type = Integer()
    inherit_cache = True


def _arg(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(_Bucket)
def _bucket_sqlite(element: _Bucket, compiler: SQLCompiler, **kw: Any) -> str:
    col = _arg(element, compiler, **kw)
    if element.granularity == "month":
        return f"strftime('%Y-%m-01', {col})"
    if element.granularity == "week":
        return f"date({col}, '-' || ((CAST(strftime('%w', {col}) AS INTEGER) + 6) % 7) || ' days')"
    return f"date({col})"


@compiles(_Bucket, "mysql")
@compiles(_Bucket, "mariadb")
def _bucket_mysql(element: _Bucket, compiler: SQLCompiler, **kw: Any) -> str:
    col = _arg(element, compiler, **kw)
    if element.granularity == "month":
        return f"DATE_FORMAT({col}, '%%Y-%%m-01')"
    if element.granularity == "week":
        return f"DATE_FORMAT(DATE_SUB(DATE({col}), INTERVAL WEEKDAY({col}) DAY), '%%Y-%%m-%%d')"
    return f"DATE_FORMAT({col}, '%%Y-%%m-%%d')"


@compiles(weekday)
def _weekday_sqlite(element: weekday, compiler: SQLCompiler, **kw: Any) -> str:
    return f"((CAST(strftime('%w', {_arg(element, compiler, **kw)}) AS INTEGER) + 6) % 7)"


@compiles(weekday, "mysql")
@compiles(weekday, "mariadb")
def _weekday_mysql(element: weekday, compiler: SQLCompiler, **kw: Any) -> str:
    return f"WEEKDAY({_arg(element, compiler, **kw)})"


def _since(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _until(day: date) -> datetime:
    """The first instant after `day` (ranges are half open on timestamps)."""
    return _since(day + timedelta(days=1))


def _key(value: Any) -> date:
    """A bucket key or a first day as a date (SQLite answers text, a datetime column a
    datetime, MariaDB's DATE_FORMAT text)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class SqlAlchemyAnalyticsQueries:
    def __init__(self, session: Session) -> None:
        self._s = session

    def _in_journal(self, household_id: str, start: date, end: date) -> ColumnElement[bool]:
        return and_(
            JournalRow.household_id == household_id,
            JournalRow.occurred_at >= _since(start),
            JournalRow.occurred_at < _until(end),
            JournalRow.reason.in_(USAGE_REASONS),
        )

    def first_day(self, household_id: str, user_uid: str) -> date | None:
        found = [
            self._s.scalar(
                select(func.min(JournalRow.occurred_at)).where(
                    JournalRow.household_id == household_id
                )
            ),
            self._s.scalar(
                select(func.min(CookRow.cooked_at)).where(CookRow.household_id == household_id)
            ),
            self._s.scalar(select(func.min(FoodLogRow.day)).where(FoodLogRow.user_uid == user_uid)),
            self._s.scalar(
                select(func.min(SavingsRow.saved_at)).where(SavingsRow.user_uid == user_uid)
            ),
        ]
        days = [_key(v) for v in found if v is not None]
        return min(days) if days else None

    def first_journal_day(self, household_id: str) -> date | None:
        first = self._s.scalar(
            select(func.min(JournalRow.occurred_at)).where(
                JournalRow.household_id == household_id, JournalRow.reason.in_(USAGE_REASONS)
            )
        )
        return None if first is None else _key(first)

    def journal_by_bucket(
        self, household_id: str, start: date, end: date, granularity: Granularity
    ) -> list[JournalTotal]:
        bucket = day_bucket(JournalRow.occurred_at, granularity).label("bucket")
        rows = self._s.execute(
            select(
                bucket,
                JournalRow.reason,
                JournalRow.unit,
                func.sum(JournalRow.quantity),
                func.count(),
            )
            .where(self._in_journal(household_id, start, end))
            .group_by(bucket, JournalRow.reason, JournalRow.unit)
            .order_by(null())  # MariaDB sorts a GROUP BY unless told not to
        ).all()
        return [
            JournalTotal(_key(b), reason, unit, Decimal(str(qty or 0)), n)
            for b, reason, unit, qty, n in rows
        ]

    def journal_by_item(self, household_id: str, start: date, end: date) -> list[JournalTotal]:
        # Grouped first (from the covering index), then each group's item category looked up:
        # one join per group, not per journal row.
        grouped = (
            select(
                JournalRow.item_id,
                JournalRow.item_name,
                JournalRow.reason,
                JournalRow.unit,
                func.sum(JournalRow.quantity).label("quantity"),
                func.count().label("entries"),
            )
            .where(self._in_journal(household_id, start, end))
            .group_by(JournalRow.item_id, JournalRow.item_name, JournalRow.reason, JournalRow.unit)
            .order_by(null())
            .subquery()
        )
        rows = self._s.execute(
            select(
                grouped.c.item_name,
                ItemRow.category,
                grouped.c.reason,
                grouped.c.unit,
                grouped.c.quantity,
                grouped.c.entries,
            ).outerjoin(ItemRow, ItemRow.id == grouped.c.item_id)
        ).all()
        return [
            JournalTotal(name, reason, unit, Decimal(str(qty or 0)), n, category or None)
            for name, category, reason, unit, qty, n in rows
        ]

    def cooks_by_bucket(
        self, household_id: str, start: date, end: date, granularity: Granularity
    ) -> list[Count]:
        bucket = day_bucket(CookRow.cooked_at, granularity).label("bucket")
        rows = self._s.execute(
            select(bucket, func.count())
            .where(self._in_cooks(household_id, start, end))
            .group_by(bucket)
        ).all()
        return [Count(_key(b), n) for b, n in rows]

    def cooks_by_weekday(self, household_id: str, start: date, end: date) -> list[Count]:
        day = weekday(CookRow.cooked_at).label("weekday")
        rows = self._s.execute(
            select(day, func.count())
            .where(self._in_cooks(household_id, start, end))
            .group_by(day)
            .order_by(day)
        ).all()
        return [Count(int(d), n) for d, n in rows]

    def top_cooked(self, household_id: str, start: date, end: date, n: int) -> list[Count]:
        times = func.count().label("times")
        rows = self._s.execute(
            select(CookRow.recipe_uid, func.max(CookRow.title), times)
            .where(self._in_cooks(household_id, start, end))
            .group_by(CookRow.recipe_uid)
            .order_by(times.desc(), CookRow.recipe_uid)
            .limit(n)
        ).all()
        return [Count(uid, count, title) for uid, title, count in rows]

    def planned_by_meal_type(self, household_id: str, start: date, end: date) -> list[Count]:
        rows = self._s.execute(
            select(SlotRow.meal_type, func.count())
            .where(SlotRow.household_id == household_id, SlotRow.date.between(start, end))
            .group_by(SlotRow.meal_type)
            .order_by(SlotRow.meal_type)
        ).all()
        return [Count(meal, n) for meal, n in rows]

    def intake_by_bucket(
        self, user_uid: str, start: date, end: date, granularity: Granularity
    ) -> list[IntakeTotal]:
        bucket = day_bucket(FoodLogRow.day, granularity).label("bucket")
        rows = self._s.execute(
            select(
                bucket,
                func.count(FoodLogRow.day.distinct()),
                func.sum(FoodLogRow.kcal),
                func.sum(FoodLogRow.protein_g),
                func.sum(FoodLogRow.fat_g),
                func.sum(FoodLogRow.carbs_g),
            )
            .where(FoodLogRow.user_uid == user_uid, FoodLogRow.day.between(start, end))
            .group_by(bucket)
        ).all()
        return [
            IntakeTotal(_key(b), days, float(k or 0), float(p or 0), float(f or 0), float(c or 0))
            for b, days, k, p, f, c in rows
        ]

    def savings_by_bucket(
        self, user_uid: str, start: date, end: date, granularity: Granularity
    ) -> list[SavingsTotal]:
        bucket = day_bucket(SavingsRow.cooked_at, granularity).label("bucket")
        rows = self._s.execute(
            select(
                bucket,
                func.count(),
                func.sum(SavingsRow.carbon_kg_co2e),
                func.sum(SavingsRow.water_l),
                func.sum(SavingsRow.energy_mj),
                func.sum(SavingsRow.cost_mxn),
            )
            .where(
                SavingsRow.user_uid == user_uid,
                SavingsRow.is_cooked.is_(True),
                SavingsRow.cooked_at >= _since(start),
                SavingsRow.cooked_at < _until(end),
            )
            .group_by(bucket)
        ).all()
        return [
            SavingsTotal(_key(b), n, float(c or 0), float(w or 0), float(e or 0), float(m or 0))
            for b, n, c, w, e, m in rows
        ]

    def _in_cooks(self, household_id: str, start: date, end: date) -> ColumnElement[bool]:
        return and_(
            CookRow.household_id == household_id,
            CookRow.cooked_at >= _since(start),
            CookRow.cooked_at < _until(end),
        )
