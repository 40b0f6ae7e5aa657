from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from zerowaste.domain import ai

pytestmark = pytest.mark.unit
FLASH = ai.ModelPrice(Decimal("0.30"), Decimal("2.50"), Decimal("0.039"))


def test_a_call_costs_its_tokens_and_images_at_the_model_price():
    assert ai.call_cost(FLASH, 1_000_000, 0, 0) == Decimal("0.300000")
    assert ai.call_cost(FLASH, 2000, 400, 0) == Decimal("0.001600")
    assert ai.call_cost(FLASH, 0, 0, 2) == Decimal("0.078000")


def test_a_model_without_a_price_costs_nothing():
    assert ai.call_cost(None, 10**9, 10**9, 10) == 0


def test_budgets_reset_on_the_first_instant_of_the_month():
    assert ai.month_start(datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC)) == datetime(
        2026, 11, 1, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("budget", "spent", "allowed", "left"),
    [
        ("1.00", "0.99", True, "0.01"),
        ("1.00", "1.00", False, "0"),
        ("1.00", "1.50", False, "0"),
        ("0", "0", False, "0"),  # a zero budget means no remote AI at all
    ],
)
def test_remote_calls_are_allowed_while_budget_is_left(budget, spent, allowed, left):
    assert ai.allows_remote(Decimal(budget), Decimal(spent)) is allowed
    assert ai.remaining(Decimal(budget), Decimal(spent)) == Decimal(left)
