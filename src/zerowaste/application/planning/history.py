"""Generated plans kept for `GET /api/plan/history`: owned by the household (a family sees the
plans any member generated), newest first. The slots themselves live in the plan store; this
keeps what was asked and chosen at generation time, even after the slots are edited."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Protocol

from zerowaste.application.accounts.ports import UserRepository
from zerowaste.application.planning.ports import GeneratedPlanRecord
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWork, UnitOfWorkFactory
from zerowaste.domain.planning.plan import Plan, PlanRequest
from zerowaste.domain.shared.errors import NotFound

MAX_PAGE = 100


class PlanGenerationRepository(Protocol):
    def add(self, household_id: str, record: GeneratedPlanRecord) -> int: ...

    def of_household(
        self, household_id: str, limit: int, offset: int
    ) -> list[GeneratedPlanRecord]: ...


class PlanHistoryUnitOfWork(UnitOfWork, Protocol):
    @property
    def users(self) -> UserRepository: ...

    @property
    def plan_generations(self) -> PlanGenerationRepository: ...


class GeneratedPlans:
    def __init__(self, uow_factory: UnitOfWorkFactory[PlanHistoryUnitOfWork], clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    def add(self, record: GeneratedPlanRecord) -> int:
        with self._uow_factory() as uow:
            household = _household(uow, record.user_uid)
            found = uow.plan_generations.add(
                household, replace(record, created_at=self._clock.now())
            )
            uow.commit()
        return found

    def listed(self, user_uid: str, limit: int, offset: int) -> list[GeneratedPlanRecord]:
        with self._uow_factory.read() as uow:
            household = _household(uow, user_uid)
            return uow.plan_generations.of_household(household, min(limit, MAX_PAGE), offset)


def _household(uow: PlanHistoryUnitOfWork, user_uid: str) -> str:
    user = uow.users.get(user_uid)
    if user is None:
        raise NotFound("Profile not found", code="profile_not_found")
    return user.household_id


def record_of(user_uid: str, request: PlanRequest, plan: Plan) -> GeneratedPlanRecord:
    return GeneratedPlanRecord(
        user_uid=user_uid,
        start=request.start,
        days=request.days,
        meal_types=list(request.meal_types),
        servings=request.servings,
        calories_per_day=request.calories_per_day,
        macro_split=dict(request.macro_split) if request.macro_split else None,
        solver=plan.solver,
        status=plan.status,
        seconds=round(plan.seconds, 3),
        urgency_saved=float(plan.objective.urgency_saved),
        slots=[
            {
                "date": s.day.isoformat(),
                "meal_type": s.meal_type,
                "recipe_uid": s.recipe_uid,
                "title": s.title,
                "servings": s.servings,
                "kcal": _number(s.nutrition.kcal) if s.nutrition else None,
                "uses": [u.name for u in s.uses],
            }
            for s in plan.slots
        ],
        unfilled=[
            {"date": u.day.isoformat(), "meal_type": u.meal_type, "reason": u.reason}
            for u in plan.unfilled
        ],
        day_totals=[
            {
                "date": d.day.isoformat(),
                "kcal": _number(d.kcal),
                "protein_g": _number(d.protein),
                "fat_g": _number(d.fat),
                "carbs_g": _number(d.carbs),
                "unknown_slots": d.unknown_slots,
                "within_target": d.within_target,
            }
            for d in plan.days
        ],
        notes=list(plan.notes),
    )


def _number(value: Decimal | None) -> float | None:
    return None if value is None else round(float(value), 1)
