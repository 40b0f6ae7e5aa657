"""AI cost rules: what a call costs and whether a budget allows another one (pure).

Prices are per million tokens (in, out) and per generated or analysed image, in US dollars, per
model; a model without a price costs nothing (the local engine). Budgets are monthly, per user,
per household (the sum of its members' spend, issue #14 §5) and per deployment, and counted on
calendar months in UTC: the first second of the month resets them. A budget of 0 means "no
remote AI at all" (every call falls back to the local engine). A household's cap defaults to
HOUSEHOLD_BUDGET_FACTOR personal budgets: a family of three spends what three users alone
would, a bigger one shares it; a household of one never reaches it before its own budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

MILLION = Decimal(1_000_000)
MICRO_USD = Decimal("0.000001")
HOUSEHOLD_BUDGET_FACTOR = 3


def household_budget(per_user_usd: Decimal, configured: Decimal | None = None) -> Decimal:
    """The household's monthly cap: the configured one, else HOUSEHOLD_BUDGET_FACTOR personal."""
    return per_user_usd * HOUSEHOLD_BUDGET_FACTOR if configured is None else configured


@dataclass(frozen=True)
class ModelPrice:
    per_million_in: Decimal
    per_million_out: Decimal
    per_image: Decimal = Decimal(0)


@dataclass(frozen=True)
class UsageTotals:
    calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    images: int = 0
    cost_usd: Decimal = Decimal(0)


def call_cost(price: ModelPrice | None, tokens_in: int, tokens_out: int, images: int) -> Decimal:
    """The estimated cost of one call in dollars, rounded to a micro-dollar."""
    if price is None:
        return Decimal(0)
    cost = (
        price.per_million_in * tokens_in / MILLION
        + price.per_million_out * tokens_out / MILLION
        + price.per_image * images
    )
    return cost.quantize(MICRO_USD, rounding=ROUND_HALF_UP)


def month_start(now: datetime) -> datetime:
    """The first instant of `now`'s calendar month (budgets reset there)."""
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def remaining(budget_usd: Decimal, spent: Decimal) -> Decimal:
    return max(Decimal(0), budget_usd - spent)


def allows_remote(budget_usd: Decimal, spent: Decimal) -> bool:
    """Another remote call is allowed while something is left of the budget."""
    return remaining(budget_usd, spent) > 0
