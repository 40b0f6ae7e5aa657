"""Ports of the savings feature: each user's stored calculations (one per recipe)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from zerowaste.application.accounts.ports import UserRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.application.recipes.ports import RecipeRepository


@dataclass
class StoredSavings:
    """A recipe's savings as computed once for a user (kg CO2e, L, MJ, MXN)."""

    recipe_uid: str
    recipe_title: str
    recipe_source: str
    carbon_kg_co2e: float
    water_l: float
    energy_mj: float
    cost_mxn: float
    is_cooked: bool
    saved_at: datetime
    cooked_at: datetime | None = None
    details: dict[str, Any] = field(default_factory=dict)  # lines, missing data, sources


class SavingsRepository(Protocol):
    def get(self, user_uid: str, recipe_uid: str) -> StoredSavings | None: ...

    def put(self, household_id: str, user_uid: str, savings: StoredSavings) -> None: ...

    def of_user(self, user_uid: str, is_cooked: bool | None = None) -> list[StoredSavings]: ...

    def of_household(self, household_id: str) -> list[tuple[str, StoredSavings]]:
        """Every member's calculations in the household, with whose (the user's uid)."""
        ...

    def user_totals(self, metric_column: str) -> list[float]:
        """Every user's total of one figure (cooked recipes): the community, anonymous."""
        ...


class SavingsUnitOfWork(UnitOfWork, Protocol):
    @property
    def savings(self) -> SavingsRepository: ...

    @property
    def recipes(self) -> RecipeRepository: ...

    @property
    def users(self) -> UserRepository: ...
