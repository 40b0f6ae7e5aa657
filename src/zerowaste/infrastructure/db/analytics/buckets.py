"""The bucket key computed in SQL by `day_bucket`, one construct compiled per dialect (SQLite's
strftime/date modifiers, MariaDB's DATE_FORMAT/WEEKDAY), the weekday likewise, and `by_bucket`:
the one GROUP BY of every "per bucket" sum (at most one row per bucket and group)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Integer, String, null, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from zerowaste.domain.analytics.window import Granularity


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


def since(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def until(day: date) -> datetime:
    """The first instant after `day` (ranges are half open on timestamps)."""
    return since(day + timedelta(days=1))


def key(value: Any) -> date:
    """A bucket key or a first day as a date (SQLite answers text, a datetime column a
    datetime, MariaDB's DATE_FORMAT text)."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


class Queries:
    """The session every analytics query class reads through."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def _by_bucket(
        self,
        at: Any,
        granularity: Granularity,
        where: ColumnElement[bool],
        sums: Sequence[Any],
        groups: Sequence[Any] = (),
    ) -> list[tuple[Any, ...]]:
        """(bucket's first day, *groups, *sums) per bucket and group, by bucket: one GROUP BY
        with the bucket of `at` computed in SQL, left unsorted by the database (MariaDB sorts
        a GROUP BY unless told not to) and sorted here (a few hundred rows at most)."""
        bucket = day_bucket(at, granularity).label("bucket")
        rows = self._s.execute(
            select(bucket, *groups, *sums).where(where).group_by(bucket, *groups).order_by(null())
        ).all()
        return sorted(((key(row[0]), *row[1:]) for row in rows), key=lambda row: row[0])
