"""Rows other features store (journal, cooks, plans, food log, savings), written straight to
the database with past dates: the analytics read them, whatever wrote them."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, text

from tests.api.conftest import bearer, signup
from zerowaste.infrastructure.db.intake import FoodLogRow
from zerowaste.infrastructure.db.inventory.tables import ItemRow, JournalRow
from zerowaste.infrastructure.db.meal_plans.tables import SlotRow
from zerowaste.infrastructure.db.recipe_history import CookRow
from zerowaste.infrastructure.db.recipes import RecipeRow
from zerowaste.infrastructure.db.savings import SavingsRow

NOON = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
TODAY = NOON.date()


def at(days_ago: int) -> datetime:
    return NOON - timedelta(days=days_ago)


def day(days_ago: int) -> date:
    return TODAY - timedelta(days=days_ago)


class Owner:
    """A signed-up user, their headers and household, and writers of their rows."""

    def __init__(self, app: Any, language: str = "es") -> None:
        self.app = app
        user = signup(app.test_client())
        self.uid: str = user["user"]["uid"]
        self.headers = bearer(user["access_token"])
        with self._engine.connect() as conn:
            self.household = str(
                conn.execute(
                    text("SELECT household_id FROM users WHERE uid = :u"), {"u": self.uid}
                ).scalar()
            )
        if language != "es":
            reply = app.test_client().put(
                "/api/user/profile", json={"language": language}, headers=self.headers
            )
            assert reply.status_code == 200, reply.json

    @property
    def _engine(self) -> Any:
        return self.app.extensions["zerowaste.engine"]

    def _insert(self, table: Any, rows: list[dict[str, Any]]) -> None:
        with self._engine.begin() as conn:
            conn.execute(insert(table), rows)

    def item(self, name: str, category: str | None, unit: str = "g") -> int:
        with self._engine.begin() as conn:
            return int(
                conn.execute(
                    insert(ItemRow.__table__).values(
                        household_id=self.household,
                        kind="ingredient",
                        name=name,
                        name_key=name.encode(),
                        unit=unit,
                        storage="pantry",
                        category=category,
                        created_at=NOON,
                        updated_at=NOON,
                        main_ingredients=[],
                        allergens=[],
                    )
                ).inserted_primary_key[0]
            )

    def journal(self, *entries: tuple[int, str, str, str, str, int | None]) -> None:
        """(days ago, reason, item name, quantity, unit, item id)"""
        self._insert(
            JournalRow.__table__,
            [
                {
                    "household_id": self.household,
                    "user_uid": self.uid,
                    "item_id": item_id,
                    "item_name": name,
                    "kind": "ingredient",
                    "stack_added_at": at(ago + 1),
                    "quantity": Decimal(qty),
                    "unit": unit,
                    "reason": reason,
                    "occurred_at": at(ago),
                }
                for ago, reason, name, qty, unit, item_id in entries
            ],
        )

    def cooks(self, *entries: tuple[int, str, str]) -> None:
        """(days ago, recipe uid, title)"""
        self._insert(
            CookRow.__table__,
            [
                {
                    "id": uuid.uuid4().hex,
                    "household_id": self.household,
                    "user_uid": self.uid,
                    "recipe_uid": uid,
                    "title": title,
                    "servings": 2,
                    "cooked_at": at(ago),
                }
                for ago, uid, title in entries
            ],
        )

    def slots(self, *entries: tuple[int, str]) -> None:
        """(days ago, meal type) with any catalog recipe."""
        with self._engine.connect() as conn:
            recipe = conn.execute(select(RecipeRow.uid).limit(1)).scalar_one()
        self._insert(
            SlotRow.__table__,
            [
                {
                    "household_id": self.household,
                    "date": day(ago),
                    "meal_type": meal,
                    "recipe_uid": recipe,
                    "notes": "",
                    "created_at": NOON,
                    "updated_at": NOON,
                }
                for ago, meal in entries
            ],
        )

    def food_log(self, *entries: tuple[int, float, float, float, float]) -> None:
        """(days ago, kcal, protein g, fat g, carbs g)"""
        self._insert(
            FoodLogRow.__table__,
            [
                {
                    "user_uid": self.uid,
                    "day": day(ago),
                    "meal_type": "lunch",
                    "name": "comida",
                    "kcal": kcal,
                    "protein_g": p,
                    "fat_g": f,
                    "carbs_g": c,
                    "source": "manual",
                    "created_at": NOON,
                }
                for ago, kcal, p, f, c in entries
            ],
        )

    def savings(self, *entries: tuple[int, float, float, float, bool]) -> None:
        """(days ago, kg CO2e, L water, MXN, cooked)"""
        self._insert(
            SavingsRow.__table__,
            [
                {
                    "user_uid": self.uid,
                    "recipe_uid": uuid.uuid4().hex,
                    "household_id": self.household,
                    "recipe_title": "Receta",
                    "recipe_source": "saved",
                    "carbon_kg_co2e": co2,
                    "water_l": water,
                    "energy_mj": 0.0,
                    "cost_mxn": cost,
                    "is_cooked": cooked,
                    "saved_at": at(ago + 1),
                    "cooked_at": at(ago) if cooked else None,
                    "details": {},
                }
                for ago, co2, water, cost, cooked in entries
            ],
        )
