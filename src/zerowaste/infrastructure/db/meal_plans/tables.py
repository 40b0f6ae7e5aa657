"""Meal plan tables: the one store of slots, plan rows (named weeks, templates) with the
templates' slots, and the recipes the planner created from the client's payloads.

Every `recipe_uid` is a foreign key to `recipes` with ON DELETE CASCADE: deleting a planned
recipe (DELETE /api/recipes/<uid>, or by title) clears the slots and template slots that named
it, instead of failing on the key (a bug of the original); the rest of those days stays.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from zerowaste.infrastructure.db.base import Base, UTCDateTime


class SlotRow(Base):
    __tablename__ = "meal_plan_slots"
    __table_args__ = (
        UniqueConstraint("household_id", "date", "meal_type", name="uq_meal_plan_slots_position"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    meal_type: Mapped[str] = mapped_column(String(10))
    recipe_uid: Mapped[str] = mapped_column(
        ForeignKey("recipes.uid", ondelete="CASCADE"), index=True
    )
    servings: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(String(1000), default="")
    added_by: Mapped[str | None] = mapped_column(
        ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PlanRow(Base):
    __tablename__ = "meal_plans"
    __table_args__ = (
        # One named plan per week; templates have no week (NULLs never clash).
        UniqueConstraint("household_id", "week_start", name="uq_meal_plans_week"),
        Index("ix_meal_plans_household_template", "household_id", "is_template"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    week_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    is_template: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(String(1000), default="")
    created_by: Mapped[str | None] = mapped_column(
        ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TemplateSlotRow(Base):
    __tablename__ = "meal_plan_template_slots"
    __table_args__ = (
        UniqueConstraint("plan_id", "weekday", "meal_type", name="uq_meal_plan_template_slots"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("meal_plans.id", ondelete="CASCADE"))
    weekday: Mapped[int] = mapped_column(Integer)
    meal_type: Mapped[str] = mapped_column(String(10))
    recipe_uid: Mapped[str] = mapped_column(
        ForeignKey("recipes.uid", ondelete="CASCADE"), index=True
    )
    servings: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(String(1000), default="")


class CreatedRecipeRow(Base):
    """A recipe the planner saved from a client's payload (removed when nothing names it)."""

    __tablename__ = "meal_plan_recipes"

    recipe_uid: Mapped[str] = mapped_column(
        ForeignKey("recipes.uid", ondelete="CASCADE"), primary_key=True
    )
    household_id: Mapped[str] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
