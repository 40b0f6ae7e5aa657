"""Ports of plan generation: what it needs from features built beside it (nutrition, the plan
store, the safety screening, the audit log). Each is implemented by its own feature and wired
in bootstrap; plan generation only calls them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from zerowaste.domain.planning.plan import Nutrition, PlannedSlot
from zerowaste.domain.recipes.recipe import Recipe


class RecipeNutrition(Protocol):
    """Nutrition per serving of recipes (the nutrition feature, from USDA SR28)."""

    def per_serving(self, recipes: Sequence[Recipe]) -> Mapping[str, Nutrition | None]:
        """recipe uid -> kcal and macros per serving; None (or no entry) when unknown. One call
        for every candidate, so an adapter can read them in one query."""
        ...


class PlanSlots(Protocol):
    """The plan store: one store of slots (household, date, meal type) behind every plan route."""

    def fill(self, user_uid: str, slots: Sequence[PlannedSlot]) -> int:
        """Write the generated slots in the user's household's plan (replacing what those dates
        and meal types held); how many were written."""
        ...


class SafetyGuard(Protocol):
    """The safety screening (issue #10 part 7) before any restrictive plan."""

    def require(self, user_uid: str, daily_kcal: int | None, diets: Sequence[str]) -> None:
        """Return when the plan may be generated; raise `domain.planning.plan.ScreeningRequired`
        (a PermissionDenied, 403) with the reason when it is restrictive and the user has no
        valid screening that allows it."""
        ...


class AuditLog(Protocol):
    """Who asked for what, whether it was allowed and why, which model, at what cost."""

    def record(
        self,
        user_uid: str,
        action: str,
        allowed: bool,
        reason: str,
        model: str,
        cost_usd: float,
    ) -> None: ...


@dataclass(frozen=True)
class GeneratedPlanRecord:
    """A generated plan as stored for `GET /api/plan/history`: what was asked and what the
    optimiser chose (slots, what it could not fill, each day's totals), in plain values."""

    user_uid: str
    start: date
    days: int
    meal_types: list[str]
    servings: int
    calories_per_day: int | None
    macro_split: dict[str, int] | None
    solver: str
    status: str
    seconds: float
    urgency_saved: float
    slots: list[dict[str, Any]]
    unfilled: list[dict[str, Any]]
    day_totals: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    id: int | None = None


class PlanHistory(Protocol):
    def add(self, record: GeneratedPlanRecord) -> int:
        """Store a generated plan under its user's household; its id."""
        ...
