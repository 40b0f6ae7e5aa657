"""Meal plan repositories: slots with their recipes in one query, plan rows and templates.

Recipes keep their lines and steps in JSON columns of their row, so joining slots to recipes
loads everything a week, a month or a page of days shows in one statement, whatever its size.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import Select, delete, distinct, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from zerowaste.domain.meal_plans.plans import MealPlan, TemplateSlot
from zerowaste.domain.meal_plans.slots import Slot
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.shared.errors import Conflict
from zerowaste.infrastructure.db.meal_plans.tables import (
    CreatedRecipeRow,
    PlanRow,
    SlotRow,
    TemplateSlotRow,
)
from zerowaste.infrastructure.db.recipe_history import CookRow
from zerowaste.infrastructure.db.recipes import FavoriteRow, RecipeRow, to_recipe


def _slot(row: SlotRow, recipe: RecipeRow | None = None) -> Slot:
    return Slot(
        date=row.date,
        meal_type=row.meal_type,
        recipe_uid=row.recipe_uid,
        servings=row.servings,
        notes=row.notes,
        id=row.id,
        added_by=row.added_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        recipe=to_recipe(recipe) if recipe is not None else None,
    )


_WITH_RECIPES = select(SlotRow, RecipeRow).join(RecipeRow, RecipeRow.uid == SlotRow.recipe_uid)


class SqlAlchemySlotRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def _read(self, query: Select[SlotRow, RecipeRow]) -> list[Slot]:
        rows = self._s.execute(query.order_by(SlotRow.date, SlotRow.id)).all()
        return [_slot(slot, recipe) for slot, recipe in rows]

    def between(self, household_id: str, start: date, end: date) -> list[Slot]:
        return self._read(
            _WITH_RECIPES.where(SlotRow.household_id == household_id, SlotRow.date >= start).where(
                SlotRow.date <= end
            )
        )

    def on_days(self, household_id: str, days: list[date]) -> list[Slot]:
        return self._read(
            _WITH_RECIPES.where(SlotRow.household_id == household_id, SlotRow.date.in_(days))
        )

    def dates(
        self, household_id: str, start: date | None, end: date | None, limit: int, offset: int
    ) -> tuple[list[date], int]:
        where: list[Any] = [SlotRow.household_id == household_id]
        if start is not None:
            where.append(SlotRow.date >= start)
        if end is not None:
            where.append(SlotRow.date <= end)
        total = self._s.scalar(select(func.count(distinct(SlotRow.date))).where(*where))
        found = self._s.scalars(
            select(SlotRow.date)
            .where(*where)
            .distinct()
            .order_by(SlotRow.date)
            .limit(limit)
            .offset(offset)
        ).all()
        return list(found), int(total or 0)

    def get(self, household_id: str, slot_id: int) -> Slot | None:
        found = self._read(
            _WITH_RECIPES.where(SlotRow.household_id == household_id, SlotRow.id == slot_id)
        )
        return found[0] if found else None

    def put(self, household_id: str, slots: list[Slot]) -> list[str]:
        if not slots:
            return []
        rows = self._s.scalars(
            select(SlotRow).where(
                SlotRow.household_id == household_id,
                SlotRow.date.in_(sorted({s.date for s in slots})),
            )
        ).all()
        held = {(r.date, r.meal_type): r for r in rows}
        replaced = []
        for slot in slots:
            row = held.get((slot.date, slot.meal_type))
            if row is None:
                row = SlotRow(
                    household_id=household_id,
                    date=slot.date,
                    meal_type=slot.meal_type,
                    created_at=slot.created_at,
                )
                self._s.add(row)
            elif row.recipe_uid != slot.recipe_uid:
                replaced.append(row.recipe_uid)
            row.recipe_uid, row.servings, row.notes = slot.recipe_uid, slot.servings, slot.notes
            row.added_by = slot.added_by
            if slot.updated_at is not None:  # always set by the writer
                row.updated_at = slot.updated_at
        try:
            self._s.flush()
        except IntegrityError as error:  # a concurrent writer took the position first
            raise Conflict(
                "The plan changed meanwhile; try again", code="meal_plan_changed"
            ) from error
        return replaced

    def clear(
        self, household_id: str, days: list[date], keep: Collection[tuple[date, str]] = ()
    ) -> list[str]:
        found = self._s.execute(
            select(SlotRow.id, SlotRow.date, SlotRow.meal_type, SlotRow.recipe_uid).where(
                SlotRow.household_id == household_id, SlotRow.date.in_(days)
            )
        ).all()
        gone = [row for row in found if (row.date, row.meal_type) not in keep]
        if gone:
            self._s.execute(
                delete(SlotRow)
                .where(SlotRow.id.in_([row.id for row in gone]))
                .execution_options(synchronize_session=False)
            )
        return [row.recipe_uid for row in gone]

    def update(self, household_id: str, slot: Slot) -> None:
        self._s.execute(
            update(SlotRow)
            .where(SlotRow.household_id == household_id, SlotRow.id == slot.id)
            .values(servings=slot.servings, notes=slot.notes, updated_at=slot.updated_at)
            .execution_options(synchronize_session=False)
        )

    def recipes(self, uids: list[str]) -> list[Recipe]:
        rows = self._s.scalars(select(RecipeRow).where(RecipeRow.uid.in_(uids))).all()
        return [to_recipe(r) for r in rows]

    def referenced(self, recipe_uids: list[str]) -> set[str]:
        if not recipe_uids:
            return set()
        found: set[str] = set()
        for column in (
            SlotRow.recipe_uid,
            TemplateSlotRow.recipe_uid,
            FavoriteRow.recipe_uid,
            CookRow.recipe_uid,
        ):
            found.update(self._s.scalars(select(column).where(column.in_(recipe_uids))).all())
        return found


def _plan(row: PlanRow, slots: list[TemplateSlot] | None = None) -> MealPlan:
    return MealPlan(
        household_id=row.household_id,
        name=row.name,
        week_start=row.week_start,
        is_template=row.is_template,
        notes=row.notes,
        id=row.id,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        template_slots=slots or [],
    )


class SqlAlchemyMealPlanRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, plan: MealPlan) -> MealPlan:
        row = PlanRow(
            household_id=plan.household_id,
            name=plan.name,
            week_start=plan.week_start,
            is_template=plan.is_template,
            notes=plan.notes,
            created_by=plan.created_by,
            created_at=plan.created_at,
            updated_at=plan.updated_at,
        )
        self._s.add(row)
        self._s.flush()
        plan.id = row.id
        for t in plan.template_slots:
            self._s.add(
                TemplateSlotRow(
                    plan_id=row.id,
                    weekday=t.weekday,
                    meal_type=t.meal_type,
                    recipe_uid=t.recipe_uid,
                    servings=t.servings,
                    notes=t.notes,
                )
            )
        self._s.flush()
        return plan

    def get(self, household_id: str, plan_id: int, template: bool) -> MealPlan | None:
        row = self._s.scalars(
            select(PlanRow).where(
                PlanRow.household_id == household_id,
                PlanRow.id == plan_id,
                PlanRow.is_template.is_(template),
            )
        ).first()
        if row is None:
            return None
        return _plan(row, self._template_slots([row.id]).get(row.id)) if template else _plan(row)

    def of_week(self, household_id: str, week_start: date) -> MealPlan | None:
        found = self.of_weeks(household_id, [week_start])
        return found[0] if found else None

    def of_weeks(self, household_id: str, starts: list[date]) -> list[MealPlan]:
        rows = self._s.scalars(
            select(PlanRow)
            .where(PlanRow.household_id == household_id, PlanRow.week_start.in_(starts))
            .order_by(PlanRow.week_start)
        ).all()
        return [_plan(r) for r in rows]

    def templates(self, household_id: str) -> list[MealPlan]:
        rows = self._s.scalars(
            select(PlanRow)
            .where(PlanRow.household_id == household_id, PlanRow.is_template.is_(True))
            .order_by(PlanRow.created_at.desc(), PlanRow.id.desc())
        ).all()
        slots = self._template_slots([r.id for r in rows]) if rows else {}
        return [_plan(r, slots.get(r.id)) for r in rows]

    def _template_slots(self, plan_ids: list[int]) -> dict[int, list[TemplateSlot]]:
        rows = self._s.execute(
            select(TemplateSlotRow, RecipeRow)
            .join(RecipeRow, RecipeRow.uid == TemplateSlotRow.recipe_uid)
            .where(TemplateSlotRow.plan_id.in_(plan_ids))
            .order_by(TemplateSlotRow.weekday, TemplateSlotRow.id)
        ).all()
        found: dict[int, list[TemplateSlot]] = {}
        for t, recipe in rows:
            found.setdefault(t.plan_id, []).append(
                TemplateSlot(
                    t.weekday, t.meal_type, t.recipe_uid, t.servings, t.notes, to_recipe(recipe)
                )
            )
        return found

    def update(self, plan: MealPlan) -> None:
        self._s.execute(
            update(PlanRow)
            .where(PlanRow.household_id == plan.household_id, PlanRow.id == plan.id)
            .values(name=plan.name, notes=plan.notes, updated_at=plan.updated_at)
            .execution_options(synchronize_session=False)
        )

    def mark_created(self, household_id: str, recipe_uids: list[str]) -> None:
        self._s.add_all(
            CreatedRecipeRow(recipe_uid=uid, household_id=household_id) for uid in recipe_uids
        )
        self._s.flush()

    def created(self, household_id: str, recipe_uids: list[str]) -> list[str]:
        if not recipe_uids:
            return []
        return list(
            self._s.scalars(
                select(CreatedRecipeRow.recipe_uid).where(
                    CreatedRecipeRow.household_id == household_id,
                    CreatedRecipeRow.recipe_uid.in_(recipe_uids),
                )
            ).all()
        )
