"""What the AI gateway is configured with (its budgets and prices) and what it reports."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from zerowaste.domain import ai as costs


@dataclass(frozen=True)
class AiBudget:
    per_user_usd: Decimal
    deployment_usd: Decimal
    prices: Mapping[str, costs.ModelPrice] = field(default_factory=dict)
    per_household_usd: Decimal | None = None  # None: HOUSEHOLD_BUDGET_FACTOR x per user

    @property
    def household_usd(self) -> Decimal:
        return costs.household_budget(self.per_user_usd, self.per_household_usd)


@dataclass(frozen=True)
class UsageReport:
    provider: str
    since: str
    totals: costs.UsageTotals
    by_operation: dict[str, costs.UsageTotals]
    budget_usd: Decimal
    remaining_usd: Decimal
    deployment_remaining_usd: Decimal
    household_budget_usd: Decimal
    household_remaining_usd: Decimal
