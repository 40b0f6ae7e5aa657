"""Daily plans as the mobile client sends them (rows 52-57), on the one store of slots.

A day's plan is the household's slots of that date: saving a plan for a date that already has
one is a 409 (the client updates with PUT), updating a date without one is a 404. An update
replaces the day: meals it no longer names are cleared, and recipes the planner created for
them are removed when nothing else names them (see writer). Deleting a day clears its slots
the same way. Dates run from 2000 to 2100; a listed range spans at most 366 days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from zerowaste.application.meal_plans.ports import MealPlansUnitOfWork
from zerowaste.application.meal_plans.writer import MealChoice, SlotWriter
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.domain.meal_plans.calendar import check_day, check_range
from zerowaste.domain.meal_plans.slots import Slot, check_unique, meal_order
from zerowaste.domain.shared.errors import Conflict, NotFound

MAX_PAGE = 100


class PlanNotFound(NotFound):
    code = "meal_plan_not_found"


@dataclass(frozen=True)
class DayPlan:
    date: date
    slots: list[Slot] = field(default_factory=list)

    def meal(self, meal_type: str) -> Slot | None:
        return next((s for s in self.slots if s.meal_type == meal_type), None)


@dataclass(frozen=True)
class DayPage:
    plans: list[DayPlan]
    total: int


def by_day(slots: list[Slot]) -> list[DayPlan]:
    days: dict[date, list[Slot]] = {}
    for slot in sorted(slots, key=meal_order):
        days.setdefault(slot.date, []).append(slot)
    return [DayPlan(day, found) for day, found in days.items()]


class DailyPlans:
    def __init__(
        self, uow_factory: UnitOfWorkFactory[MealPlansUnitOfWork], writer: SlotWriter
    ) -> None:
        self._uow_factory = uow_factory
        self._writer = writer

    @retrying
    def save(self, user_uid: str, day: date, meals: list[MealChoice]) -> DayPlan:
        """Row 52: the day's first plan (409 when the date has one)."""
        return self._write(user_uid, day, meals, replace=False)

    @retrying
    def update(self, user_uid: str, day: date, meals: list[MealChoice]) -> DayPlan:
        """Row 53: replace the day's plan (404 when the date has none)."""
        return self._write(user_uid, day, meals, replace=True)

    def get(self, user_uid: str, day: date) -> DayPlan:
        check_day(day)
        with self._uow_factory.read() as uow:
            household = self._writer.planner(uow, user_uid).household_id
            slots = uow.meal_slots.on_days(household, [day])
        if not slots:
            raise PlanNotFound("No meal plan for this date")
        return by_day(slots)[0]

    def page(
        self, user_uid: str, start: date | None, end: date | None, limit: int, offset: int
    ) -> DayPage:
        """Row 55: planned days, oldest first, optionally within [start, end]."""
        if start is not None and end is not None:
            check_range(start, end)
        for bound in (start, end):
            if bound is not None:
                check_day(bound)
        with self._uow_factory.read() as uow:
            household = self._writer.planner(uow, user_uid).household_id
            days, total = uow.meal_slots.dates(
                household, start, end, min(limit, MAX_PAGE), max(0, offset)
            )
            slots = uow.meal_slots.on_days(household, days) if days else []
        return DayPage(by_day(slots), total)

    def dates(self, user_uid: str) -> list[date]:
        """Row 56: every planned date, oldest first."""
        with self._uow_factory.read() as uow:
            household = self._writer.planner(uow, user_uid).household_id
            return uow.meal_slots.dates(household, None, None, 100_000, 0)[0]

    @retrying
    def delete(self, user_uid: str, day: date) -> None:
        """Row 57: clear the day's plan (404 when it has none)."""
        check_day(day)
        with self._uow_factory() as uow:
            household = self._writer.planner(uow, user_uid, change=True).household_id
            removed = uow.meal_slots.clear(household, [day])
            if not removed:
                raise PlanNotFound("No meal plan for this date")
            self._writer.prune(uow, household, removed)
            uow.commit()

    def _write(self, user_uid: str, day: date, meals: list[MealChoice], replace: bool) -> DayPlan:
        check_day(day)
        check_unique([(day, m.meal_type) for m in meals])
        with self._uow_factory() as uow:
            who = self._writer.planner(uow, user_uid, change=True)
            existing = uow.meal_slots.on_days(who.household_id, [day])
            if existing and not replace:
                raise Conflict(
                    "A meal plan already exists for this date; update it instead",
                    code="meal_plan_exists",
                )
            if replace and not existing:
                raise PlanNotFound("No meal plan for this date")
            slots = self._writer.slots(uow, who, day, meals)
            # Positions that stay keep their slot (and id); the others go.
            replaced = uow.meal_slots.put(who.household_id, slots)
            kept = {(s.date, s.meal_type) for s in slots}
            removed = uow.meal_slots.clear(who.household_id, [day], kept)
            self._writer.prune(uow, who.household_id, replaced + removed)
            found = uow.meal_slots.on_days(who.household_id, [day])
            uow.commit()
        return DayPlan(day, sorted(found, key=meal_order))
