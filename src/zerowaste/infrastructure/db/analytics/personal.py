"""The caller's own figures: their food log (intake) and their cooked recipes' savings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func

from zerowaste.domain.analytics.reports import IntakeTotal, SavingsTotal
from zerowaste.domain.analytics.window import Granularity
from zerowaste.infrastructure.db.analytics.buckets import Queries, since, until
from zerowaste.infrastructure.db.intake import FoodLogRow
from zerowaste.infrastructure.db.savings import SavingsRow


class PersonalFigures(Queries):
    def intake_by_bucket(
        self, user_uid: str, start: date, end: date, granularity: Granularity
    ) -> list[IntakeTotal]:
        rows = self._by_bucket(
            FoodLogRow.day,
            granularity,
            and_(FoodLogRow.user_uid == user_uid, FoodLogRow.day.between(start, end)),
            (
                func.count(FoodLogRow.day.distinct()),
                func.sum(FoodLogRow.kcal),
                func.sum(FoodLogRow.protein_g),
                func.sum(FoodLogRow.fat_g),
                func.sum(FoodLogRow.carbs_g),
            ),
        )
        return [
            IntakeTotal(b, days, float(k or 0), float(p or 0), float(f or 0), float(c or 0))
            for b, days, k, p, f, c in rows
        ]

    def savings_by_bucket(
        self, user_uid: str, start: date, end: date, granularity: Granularity
    ) -> list[SavingsTotal]:
        where = and_(
            SavingsRow.user_uid == user_uid,
            SavingsRow.is_cooked.is_(True),
            SavingsRow.cooked_at >= since(start),
            SavingsRow.cooked_at < until(end),
        )
        rows = self._by_bucket(
            SavingsRow.cooked_at,
            granularity,
            where,
            (
                func.count(),
                func.sum(SavingsRow.carbon_kg_co2e),
                func.sum(SavingsRow.water_l),
                func.sum(SavingsRow.energy_mj),
                func.sum(SavingsRow.cost_mxn),
            ),
        )
        return [
            SavingsTotal(b, n, float(c or 0), float(w or 0), float(e or 0), float(m or 0))
            for b, n, c, w, e, m in rows
        ]
