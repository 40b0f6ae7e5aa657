"""Plan generation (issue #10 part 3, row 58): fill N days x the chosen meal types from the
catalog and the household's saved recipes, using what expires first.

The use case reads the user, the household's inventory and the candidates (the public catalog
and the household's saved recipes, filtered by `recipes.suitability.Suitability`: allergies,
vegetarian/vegan diets, cooking level); asks the safety guard whether this plan (its daily
kcal, the user's diets) may be generated, auditing a refusal; gets each candidate's nutrition
per serving; lets `domain.planning.optimiser` choose; writes the slots to the plan store; and
audits the generation. In a shared household the allergies of every member are left out, and
the plan's notes say whose. Stock is offered as lots, one per food and expiry date of the stacks not
expired on the first day, so a stack counts only on the days it is still good.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from zerowaste.application.planning.history import record_of
from zerowaste.application.planning.ports import (
    AuditLog,
    GeneratedPlanRecord,
    PlanHistory,
    PlanSlots,
    RecipeNutrition,
    SafetyGuard,
)
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.ports import RecipeFilter, RecipesUnitOfWork
from zerowaste.application.recipes.suitability import Diners, diners
from zerowaste.domain.accounts.users import User
from zerowaste.domain.inventory.expiry import days_to_expire
from zerowaste.domain.inventory.items import InventoryItem
from zerowaste.domain.planning.optimiser import optimise
from zerowaste.domain.planning.plan import (
    DEFAULT_TOLERANCE,
    TIME_LIMIT,
    Candidate,
    Plan,
    PlanRequest,
)
from zerowaste.domain.recipes.engine import PantryFood
from zerowaste.domain.recipes.engine import convert_units as convert
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.shared.errors import InvalidInput, NotFound, PermissionDenied

ACTION = "plan_generation"  # the audit log's name (domain.screening.audit.ACTIONS)
MODEL = "local-optimiser"
SAVED_CANDIDATES = 500
MAX_START_AHEAD = 365  # days: a plan starts today or within a year


class PlanGeneration:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecipesUnitOfWork],
        clock: Clock,
        suitable: Callable[[list[Recipe], User], list[Recipe]],
        keys: Callable[[str], str],
        public: PublicCatalog,
        nutrition: RecipeNutrition,
        slots: PlanSlots,
        guard: SafetyGuard,
        audit: AuditLog,
        time_limit: float = TIME_LIMIT,
        history: PlanHistory | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._suitable = suitable
        self._key = keys
        self._public = public
        self._nutrition = nutrition
        self._slots = slots
        self._guard = guard
        self._audit = audit
        self._time_limit = time_limit
        self._history = history

    def generate(
        self,
        user_uid: str,
        start_date: date,
        days: int,
        meal_types: list[str] | tuple[str, ...],
        calories_per_day: int | None = None,
        macro_split: dict[str, int] | None = None,
        servings: int = 1,
        tolerance: Decimal = DEFAULT_TOLERANCE,
        diets: Sequence[str] = (),
        foods: Sequence[str] = (),
    ) -> Plan:
        """Generate and store the plan; InvalidInput on bad input (nothing stored),
        ScreeningRequired (403) when the guard refuses, NotFound when no slot can be filled.
        `diets` add to the profile's (row 58's dietary_restrictions); `foods` are names to use
        up first, beside the inventory (row 58's ingredients)."""
        request = PlanRequest(
            start_date,
            days,
            tuple(meal_types),
            servings,
            calories_per_day,
            tolerance,
            macro_split,
            self._time_limit,
        )
        return self._run(user_uid, request, diets, foods)[0]

    def generate_recorded(
        self,
        user_uid: str,
        request: PlanRequest,
        diets: Sequence[str] = (),
        foods: Sequence[str] = (),
    ) -> GeneratedPlanRecord:
        """As `generate`, answered as the record the plan history keeps (with its id)."""
        return self._run(user_uid, request, diets, foods)[1]

    def _run(
        self, user_uid: str, request: PlanRequest, diets: Sequence[str], foods: Sequence[str]
    ) -> tuple[Plan, GeneratedPlanRecord]:
        today = self._clock.today()
        if not today <= request.start <= today + timedelta(days=MAX_START_AHEAD):
            raise InvalidInput(
                "start_date must be today or within a year", code="invalid_start_date"
            )
        who, items, candidates = self._read(user_uid)
        user, allergies = who.user, who.allergies
        if diets:
            wanted = list(dict.fromkeys([*user.profile.special_diet_items, *diets]))
            user = replace(user, profile=replace(user.profile, special_diet_items=wanted))
        self._screen(user, request.calories_per_day)
        allowed = self._suitable(candidates, user)
        nutrition = self._nutrition.per_serving(allowed) if allowed else {}
        pantry = self._pantry(items, request.start) + [
            PantryFood(self._key(name), name, Decimal(0), "", 0) for name in dict.fromkeys(foods)
        ]
        plan = optimise(
            [Candidate(r, nutrition.get(r.uid)) for r in allowed],
            pantry,
            self._line_key,
            convert,
            request,
        )
        if not plan.slots:
            raise NotFound("No suitable recipe fits the meals asked for", code="no_plan_possible")
        plan = replace(plan, notes=(*plan.notes, *(a.note() for a in allergies)))
        self._slots.fill(user.uid, plan.slots)
        record = record_of(user.uid, request, plan)
        if self._history is not None:
            record = replace(record, id=self._history.add(record), created_at=self._clock.now())
        self._audit.record(user.uid, ACTION, True, "", f"{MODEL}/{plan.solver}", 0.0)
        return plan, record

    def _screen(self, user: User, calories_per_day: int | None) -> None:
        try:
            self._guard.require(user.uid, calories_per_day, list(user.profile.special_diet_items))
        except PermissionDenied as refused:
            self._audit.record(user.uid, ACTION, False, refused.message, MODEL, 0.0)
            raise

    def _read(self, user_uid: str) -> tuple[Diners, list[InventoryItem], list[Recipe]]:
        with self._uow_factory.read() as uow:
            who = diners(uow.users, user_uid)
            user = who.user
            items = uow.inventory.list_items(user.household_id)
            saved = uow.recipes.visible(
                user.household_id, RecipeFilter(sources=("saved",)), SAVED_CANDIDATES, 0
            ).recipes
            catalog = self._public.recipes(uow)
        return who, items, [*saved, *catalog]

    def _pantry(self, items: list[InventoryItem], start: date) -> list[PantryFood]:
        """One lot per food and expiry date, of the stacks still good on the first day."""
        lots: dict[tuple[str, date], PantryFood] = {}
        for item in items:
            if item.kind != "ingredient":
                continue
            key = self._key(item.name)
            for stack in item.stacks:
                left = days_to_expire(stack.expires_on, start)
                if left < 0 or stack.unit != item.unit:
                    continue
                seen = lots.get((key, stack.expires_on))
                quantity = stack.quantity + (seen.quantity if seen else 0)
                lots[key, stack.expires_on] = PantryFood(key, item.name, quantity, item.unit, left)
        return sorted(lots.values(), key=lambda p: (p.days_left, p.key))

    def _line_key(self, line: RecipeIngredient) -> str | None:
        return line.food_key or self._key(line.name)
