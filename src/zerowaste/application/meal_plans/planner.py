"""The week and month planner on the one store of slots (seed "Sistema de Planificación de
Menús"), and the slots other features read and write.

A week (ISO id such as 2026-W49) and a month are views of the household's slots; a `meal_plans`
row names a week and keeps its notes. Creating a week's plan writes its slots at their
positions; updating it with `slots` replaces the whole week. A template is a snapshot of a
week's slots by weekday; applying it to another week writes them on the same weekdays there.
Recipes are referenced by uid (the household's own or the public catalog), never copied.

Other features use `slots_between` (the shopping list reads what is planned, with the
recipes) and `fill` (plan generation writes the slots it chose).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from zerowaste.application.meal_plans.daily import PlanNotFound
from zerowaste.application.meal_plans.ports import MealPlansUnitOfWork
from zerowaste.application.meal_plans.writer import Planner, SlotWriter
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.domain.meal_plans.calendar import Week, check_day, check_range, week_of
from zerowaste.domain.meal_plans.plans import MAX_NAME, MealPlan, shifted, snapshot
from zerowaste.domain.meal_plans.slots import (
    MAX_NOTES,
    Slot,
    check_servings,
    check_unique,
    meal_order,
)
from zerowaste.domain.shared.errors import Conflict, InvalidInput, NotFound, RuleViolation


class TemplateNotFound(NotFound):
    code = "template_not_found"


class SlotNotFound(NotFound):
    code = "slot_not_found"


@dataclass(frozen=True)
class PlanView:
    """Slots from `start` to `end` and the named weeks among them (a week or a month)."""

    label: str
    start: date
    end: date
    slots: list[Slot]
    plans: list[MealPlan] = field(default_factory=list)

    @property
    def plan(self) -> MealPlan | None:
        return self.plans[0] if self.plans else None

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class PlanChanges:
    name: str | None = None
    notes: str | None = None
    slots: list[Slot] | None = None  # None: the slots stay; a list replaces the week's


class MealPlanner:
    def __init__(
        self, uow_factory: UnitOfWorkFactory[MealPlansUnitOfWork], writer: SlotWriter
    ) -> None:
        self._uow_factory = uow_factory
        self._writer = writer

    @retrying
    def create_week(
        self, user_uid: str, week: Week, name: str, notes: str, slots: list[Slot]
    ) -> PlanView:
        """Name a week and plan its slots (409 when the week already has a named plan)."""
        _check(slots, week)
        with self._uow_factory() as uow:
            who = self._writer.planner(uow, user_uid, change=True)
            if uow.meal_plans.of_week(who.household_id, week.start) is not None:
                raise Conflict("This week already has a plan; update it", code="week_plan_exists")
            self._add_plan(uow, who, week, name or f"Semana {week.id}", notes)
            self._put(uow, who, slots)
            found = self._view(uow, who.household_id, week)
            uow.commit()
        return found

    def week(self, user_uid: str, week: Week) -> PlanView:
        with self._uow_factory.read() as uow:
            return self._view(uow, self._writer.planner(uow, user_uid).household_id, week)

    def plan(self, user_uid: str, plan_id: int) -> PlanView:
        """The week a plan names, by the plan's id."""
        with self._uow_factory.read() as uow:
            household = self._writer.planner(uow, user_uid).household_id
            plan = uow.meal_plans.get(household, plan_id, template=False)
            if plan is None or plan.week_start is None:
                raise PlanNotFound("Meal plan not found")
            return self._view(uow, household, week_of(plan.week_start))

    def month(self, user_uid: str, label: str, start: date, end: date) -> PlanView:
        check_range(start, end)
        mondays = sorted({week_of(start + timedelta(days=n)).start for n in range(0, 37, 7)})
        with self._uow_factory.read() as uow:
            household = self._writer.planner(uow, user_uid).household_id
            slots = uow.meal_slots.between(household, start, end)
            plans = uow.meal_plans.of_weeks(household, [m for m in mondays if m <= end])
        return PlanView(label, start, end, sorted(slots, key=meal_order), plans)

    @retrying
    def update(self, user_uid: str, plan_id: int, changes: PlanChanges) -> PlanView:
        """Rename, change notes, and (with `slots`) replace every slot of the plan's week."""
        with self._uow_factory() as uow:
            who = self._writer.planner(uow, user_uid, change=True)
            plan = uow.meal_plans.get(who.household_id, plan_id, template=False)
            if plan is None or plan.week_start is None:
                raise PlanNotFound("Meal plan not found")
            week = week_of(plan.week_start)
            plan.name = (changes.name if changes.name is not None else plan.name)[:MAX_NAME]
            plan.notes = (changes.notes if changes.notes is not None else plan.notes)[:MAX_NOTES]
            plan.updated_at = self._writer.clock.now()
            uow.meal_plans.update(plan)
            if changes.slots is not None:
                _check(changes.slots, week)
                self._writer.check_visible(
                    uow, who.household_id, [s.recipe_uid for s in changes.slots]
                )
                slots = self._writer.stamped(who, changes.slots)
                replaced = uow.meal_slots.put(who.household_id, slots)
                kept = {(s.date, s.meal_type) for s in slots}
                removed = uow.meal_slots.clear(who.household_id, week.days, kept)
                self._writer.prune(uow, who.household_id, replaced + removed)
            found = self._view(uow, who.household_id, week)
            uow.commit()
        return found

    @retrying
    def save_template(self, user_uid: str, plan_id: int, name: str) -> MealPlan:
        """Keep a week's slots as a template (422 when the week has none)."""
        with self._uow_factory() as uow:
            who = self._writer.planner(uow, user_uid, change=True)
            plan = uow.meal_plans.get(who.household_id, plan_id, template=False)
            if plan is None or plan.week_start is None:
                raise PlanNotFound("Meal plan not found")
            slots = uow.meal_slots.between(
                who.household_id, plan.week_start, week_of(plan.week_start).end
            )
            if not slots:
                raise RuleViolation("This week has no planned meals", code="empty_week")
            now = self._writer.clock.now()
            template = MealPlan(
                who.household_id,
                (name or plan.name)[:MAX_NAME],
                None,
                is_template=True,
                notes=plan.notes,
                created_by=who.user_uid,
                created_at=now,
                updated_at=now,
                template_slots=snapshot(sorted(slots, key=meal_order), plan.week_start),
            )
            uow.meal_plans.add(template)
            uow.commit()
        return template

    def templates(self, user_uid: str) -> list[MealPlan]:
        with self._uow_factory.read() as uow:
            return uow.meal_plans.templates(self._writer.planner(uow, user_uid).household_id)

    @retrying
    def apply(self, user_uid: str, template_id: int, week: Week) -> PlanView:
        """Write a template's slots on the same weekdays of `week` (positions replaced); the
        week gets the template's name when it has no plan yet."""
        with self._uow_factory() as uow:
            who = self._writer.planner(uow, user_uid, change=True)
            template = uow.meal_plans.get(who.household_id, template_id, template=True)
            if template is None:
                raise TemplateNotFound("Template not found")
            if uow.meal_plans.of_week(who.household_id, week.start) is None:
                self._add_plan(uow, who, week, template.name, template.notes)
            self._put(uow, who, shifted(template.template_slots, week.start))
            found = self._view(uow, who.household_id, week)
            uow.commit()
        return found

    @retrying
    def change_slot(
        self, user_uid: str, slot_id: int, notes: str | None, servings: int | None
    ) -> Slot:
        """A slot's notes and servings."""
        with self._uow_factory() as uow:
            household = self._writer.planner(uow, user_uid, change=True).household_id
            slot = uow.meal_slots.get(household, slot_id)
            if slot is None:
                raise SlotNotFound("Slot not found")
            slot.notes = slot.notes if notes is None else notes[:MAX_NOTES]
            slot.servings = slot.servings if servings is None else check_servings(servings)
            slot.updated_at = self._writer.clock.now()
            uow.meal_slots.update(household, slot)
            uow.commit()
        return slot

    def slots_between(self, user_uid: str, start: date, end: date) -> list[Slot]:
        """The household's slots from `start` to `end` with their recipes (for the shopping
        list and nutrition): a constant number of queries whatever the range holds."""
        check_range(start, end)
        with self._uow_factory.read() as uow:
            household = self._writer.planner(uow, user_uid).household_id
            return sorted(uow.meal_slots.between(household, start, end), key=meal_order)

    @retrying
    def fill(self, user_uid: str, slots: list[Slot]) -> list[Slot]:
        """Write slots (plan generation): each replaces what its position held."""
        _check(slots, None)
        with self._uow_factory() as uow:
            who = self._writer.planner(uow, user_uid, change=True)
            self._put(uow, who, slots)
            found = uow.meal_slots.on_days(who.household_id, sorted({s.date for s in slots}))
            uow.commit()
        return sorted(found, key=meal_order)

    def _put(self, uow: MealPlansUnitOfWork, who: Planner, slots: list[Slot]) -> None:
        self._writer.check_visible(uow, who.household_id, [s.recipe_uid for s in slots])
        replaced = uow.meal_slots.put(who.household_id, self._writer.stamped(who, slots))
        self._writer.prune(uow, who.household_id, replaced)

    def _add_plan(
        self, uow: MealPlansUnitOfWork, who: Planner, week: Week, name: str, notes: str
    ) -> None:
        now = self._writer.clock.now()
        plan = MealPlan(who.household_id, name[:MAX_NAME], week.start, notes=notes[:MAX_NOTES])
        plan.created_by, plan.created_at, plan.updated_at = who.user_uid, now, now
        uow.meal_plans.add(plan)

    def _view(self, uow: MealPlansUnitOfWork, household: str, week: Week) -> PlanView:
        plan = uow.meal_plans.of_week(household, week.start)
        slots = uow.meal_slots.between(household, week.start, week.end)
        return PlanView(
            week.id, week.start, week.end, sorted(slots, key=meal_order), [plan] if plan else []
        )


def _check(slots: list[Slot], week: Week | None) -> None:
    """Dates in range (and in the week, when given), one recipe per position."""
    for slot in slots:
        check_day(slot.date)
        if week is not None and not week.start <= slot.date <= week.end:
            raise InvalidInput(
                f"{slot.date.isoformat()} is not in week {week.id}", code="slot_outside_week"
            )
    check_unique([(s.date, s.meal_type) for s in slots])
