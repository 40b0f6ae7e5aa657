"""The household's figures: its inventory journal (what was used or wasted), its cooks and its
planned slots. `member` restricts the journal and the cooks to what one member did (the
journal's `user_uid`, the cook's `user_uid`); planned slots record no person and stay the
household's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import and_, func, null, select
from sqlalchemy.sql.elements import ColumnElement

from zerowaste.domain.analytics.reports import Count
from zerowaste.domain.analytics.usage import USAGE_REASONS, JournalTotal
from zerowaste.domain.analytics.window import Granularity
from zerowaste.infrastructure.db.analytics.buckets import Queries, key, since, until, weekday
from zerowaste.infrastructure.db.inventory.tables import ItemRow, JournalRow
from zerowaste.infrastructure.db.meal_plans.tables import SlotRow
from zerowaste.infrastructure.db.recipe_history import CookRow


def _in_journal(
    household_id: str, start: date, end: date, member: str | None
) -> ColumnElement[bool]:
    return and_(
        JournalRow.household_id == household_id,
        JournalRow.occurred_at >= since(start),
        JournalRow.occurred_at < until(end),
        JournalRow.reason.in_(USAGE_REASONS),
        *([JournalRow.user_uid == member] if member else []),
    )


def _in_cooks(household_id: str, start: date, end: date, member: str | None) -> ColumnElement[bool]:
    return and_(
        CookRow.household_id == household_id,
        CookRow.cooked_at >= since(start),
        CookRow.cooked_at < until(end),
        *([CookRow.user_uid == member] if member else []),
    )


class HouseholdFigures(Queries):
    def first_journal_day(self, household_id: str, member: str | None = None) -> date | None:
        first = self._s.scalar(
            select(func.min(JournalRow.occurred_at)).where(
                JournalRow.household_id == household_id,
                JournalRow.reason.in_(USAGE_REASONS),
                *([JournalRow.user_uid == member] if member else []),
            )
        )
        return None if first is None else key(first)

    def journal_by_bucket(
        self,
        household_id: str,
        start: date,
        end: date,
        granularity: Granularity,
        member: str | None = None,
    ) -> list[JournalTotal]:
        rows = self._by_bucket(
            JournalRow.occurred_at,
            granularity,
            _in_journal(household_id, start, end, member),
            (func.sum(JournalRow.quantity), func.count()),
            (JournalRow.reason, JournalRow.unit),
        )
        return [
            JournalTotal(b, reason, unit, Decimal(str(qty or 0)), n)
            for b, reason, unit, qty, n in rows
        ]

    def journal_by_item(
        self, household_id: str, start: date, end: date, member: str | None = None
    ) -> list[JournalTotal]:
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
            .where(_in_journal(household_id, start, end, member))
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
        self,
        household_id: str,
        start: date,
        end: date,
        granularity: Granularity,
        member: str | None = None,
    ) -> list[Count]:
        where = _in_cooks(household_id, start, end, member)
        rows = self._by_bucket(CookRow.cooked_at, granularity, where, (func.count(),))
        return [Count(b, n) for b, n in rows]

    def cooks_by_weekday(
        self, household_id: str, start: date, end: date, member: str | None = None
    ) -> list[Count]:
        day = weekday(CookRow.cooked_at).label("weekday")
        rows = self._s.execute(
            select(day, func.count())
            .where(_in_cooks(household_id, start, end, member))
            .group_by(day)
            .order_by(day)
        ).all()
        return [Count(int(d), n) for d, n in rows]

    def top_cooked(
        self, household_id: str, start: date, end: date, n: int, member: str | None = None
    ) -> list[Count]:
        times = func.count().label("times")
        rows = self._s.execute(
            select(CookRow.recipe_uid, func.max(CookRow.title), times)
            .where(_in_cooks(household_id, start, end, member))
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
