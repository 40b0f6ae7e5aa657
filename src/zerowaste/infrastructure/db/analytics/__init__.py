"""Analytics sums in SQL: GROUP BY over the owner's indexed (owner, time) columns, with the
bucket key computed in SQL (buckets.py). Every query answers at most one row per bucket and
group (a few hundred), never the journal's rows. The household's figures (household.py: the
journal, cooks, planned slots, optionally one member's) and the caller's own (personal.py:
food log, savings)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from zerowaste.infrastructure.db.analytics.buckets import key
from zerowaste.infrastructure.db.analytics.household import HouseholdFigures
from zerowaste.infrastructure.db.analytics.personal import PersonalFigures
from zerowaste.infrastructure.db.intake import FoodLogRow
from zerowaste.infrastructure.db.inventory.tables import JournalRow
from zerowaste.infrastructure.db.recipe_history import CookRow
from zerowaste.infrastructure.db.savings import SavingsRow


class SqlAlchemyAnalyticsQueries(HouseholdFigures, PersonalFigures):
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
        days = [key(v) for v in found if v is not None]
        return min(days) if days else None
