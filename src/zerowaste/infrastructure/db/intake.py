"""Nutrition profiles and food log entries, one user's each (personal, not the household's)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    delete,
    insert,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.domain.intake.log import FoodLogEntry
from zerowaste.domain.intake.profile import MacroSplit, NutritionProfile
from zerowaste.infrastructure.db.base import Base, UTCDateTime


class NutritionProfileRow(Base):
    __tablename__ = "nutrition_profiles"

    user_uid: Mapped[str] = mapped_column(
        ForeignKey("users.uid", ondelete="CASCADE"), primary_key=True
    )
    age: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    sex: Mapped[str] = mapped_column(String(8))
    height_cm: Mapped[float] = mapped_column(Float)
    weight_kg: Mapped[float] = mapped_column(Float)
    activity: Mapped[str] = mapped_column(String(16))
    goal: Mapped[str] = mapped_column(String(10))
    calorie_target: Mapped[int | None] = mapped_column(Integer, nullable=True)
    protein_pct: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    fat_pct: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    carbs_pct: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FoodLogRow(Base):
    __tablename__ = "food_log"
    __table_args__ = (
        Index("ix_food_log_user_day", "user_uid", "day"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_uid: Mapped[str] = mapped_column(ForeignKey("users.uid", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    meal_type: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(200))
    kcal: Mapped[float] = mapped_column(Float)
    protein_g: Mapped[float] = mapped_column(Float)
    fat_g: Mapped[float] = mapped_column(Float)
    carbs_g: Mapped[float] = mapped_column(Float)
    # No foreign key to recipes: a log entry outlives the recipe it was cooked from.
    recipe_uid: Mapped[str | None] = mapped_column(String(32), nullable=True)
    servings: Mapped[float | None] = mapped_column(Float, nullable=True)
    source: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


_FOOD_LOG = cast(Table, FoodLogRow.__table__)
_INSERT_FOOD_LOG = insert(_FOOD_LOG)


def _profile(row: NutritionProfileRow) -> NutritionProfile:
    split = None
    if row.protein_pct is not None and row.fat_pct is not None and row.carbs_pct is not None:
        split = MacroSplit(row.protein_pct, row.fat_pct, row.carbs_pct)
    return NutritionProfile(
        sex=row.sex,
        height_cm=row.height_cm,
        weight_kg=row.weight_kg,
        activity=row.activity,
        goal=row.goal,
        age=row.age,
        birth_date=row.birth_date,
        calorie_target=row.calorie_target,
        macro_split=split,
        updated_at=row.updated_at,
    )


class SqlAlchemyNutritionProfileRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, user_uid: str) -> NutritionProfile | None:
        row = self._s.get(NutritionProfileRow, user_uid)
        return _profile(row) if row else None

    def put(self, user_uid: str, profile: NutritionProfile) -> None:
        row = self._s.get(NutritionProfileRow, user_uid)
        if row is None:
            row = NutritionProfileRow(user_uid=user_uid)
            self._s.add(row)
        row.age, row.birth_date, row.sex = profile.age, profile.birth_date, profile.sex
        row.height_cm, row.weight_kg = profile.height_cm, profile.weight_kg
        row.activity, row.goal, row.calorie_target = (
            profile.activity,
            profile.goal,
            profile.calorie_target,
        )
        split = profile.macro_split
        row.protein_pct = split.protein_pct if split else None
        row.fat_pct = split.fat_pct if split else None
        row.carbs_pct = split.carbs_pct if split else None
        if profile.updated_at is not None:
            row.updated_at = profile.updated_at
        self._s.flush()


def _entry(row: FoodLogRow) -> FoodLogEntry:
    return FoodLogEntry(
        id=row.id,
        day=row.day,
        meal_type=row.meal_type,
        name=row.name,
        kcal=row.kcal,
        protein_g=row.protein_g,
        fat_g=row.fat_g,
        carbs_g=row.carbs_g,
        recipe_uid=row.recipe_uid,
        servings=row.servings,
        source=row.source,
        created_at=row.created_at,
    )


class SqlAlchemyFoodLogRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, user_uid: str, entry: FoodLogEntry) -> FoodLogEntry:
        """One prebuilt Core INSERT (a consume logs what it ate on every write: no ORM object,
        no statement built per call)."""
        if entry.created_at is None:
            raise ValueError("a log entry needs its created_at")
        name = entry.name[:200]
        row = {
            "user_uid": user_uid,
            "day": entry.day,
            "meal_type": entry.meal_type,
            "name": name,
            "kcal": entry.kcal,
            "protein_g": entry.protein_g,
            "fat_g": entry.fat_g,
            "carbs_g": entry.carbs_g,
            "recipe_uid": entry.recipe_uid,
            "servings": entry.servings,
            "source": entry.source,
            "created_at": entry.created_at,
        }
        result = self._s.execute(_INSERT_FOOD_LOG, row)
        key = cast(CursorResult[Any], result).inserted_primary_key
        assert key is not None
        return replace(entry, id=int(key[0]), name=name)

    def between(self, user_uid: str, start: date, end: date) -> list[FoodLogEntry]:
        rows = self._s.scalars(
            select(FoodLogRow)
            .where(FoodLogRow.user_uid == user_uid, FoodLogRow.day.between(start, end))
            .order_by(FoodLogRow.day, FoodLogRow.id)
        ).all()
        return [_entry(r) for r in rows]

    def delete(self, user_uid: str, entry_id: int) -> bool:
        result = self._s.execute(
            delete(FoodLogRow).where(FoodLogRow.user_uid == user_uid, FoodLogRow.id == entry_id)
        )
        return bool(getattr(result, "rowcount", 0))
