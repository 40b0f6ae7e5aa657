"""Calendar rules and cohort assembly of the admin stats."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

from zerowaste.domain.admin.audit import MAX_TARGET, AdminAction
from zerowaste.domain.admin.stats import (
    ActiveUsers,
    AdminStats,
    ModelUsage,
    RecipeTotals,
    UserTotals,
    WasteAvoided,
    cohort_origin,
    cohorts,
    week_start,
)

WED = datetime(2026, 11, 25, 12, 30, tzinfo=UTC)


def test_a_week_starts_on_monday_midnight_utc() -> None:
    assert week_start(WED) == datetime(2026, 11, 23, tzinfo=UTC)
    assert week_start(datetime(2026, 11, 23, tzinfo=UTC)) == datetime(2026, 11, 23, tzinfo=UTC)
    # Monday 01:00 in UTC+2 is still Sunday in UTC
    local = datetime(2026, 11, 23, 1, 0, tzinfo=timezone(timedelta(hours=2)))
    assert week_start(local) == datetime(2026, 11, 16, tzinfo=UTC)


def test_the_cohort_origin_counts_the_current_week() -> None:
    assert cohort_origin(WED, 1) == datetime(2026, 11, 23, tzinfo=UTC)
    assert cohort_origin(WED, 3) == datetime(2026, 11, 9, tzinfo=UTC)


def test_cohorts_fill_missing_weeks_with_zero_and_stop_at_the_current_week() -> None:
    origin = cohort_origin(WED, 3)
    found = cohorts(origin, 3, {0: 4, 2: 1}, {(0, 0): 4, (0, 2): 1, (2, 2): 1})
    assert [(c.size, c.retained) for c in found] == [(4, [4, 0, 1]), (0, [0, 0]), (1, [1])]
    assert found[0].rates == [1.0, 0.0, 0.25]
    assert found[1].rates == [0.0, 0.0]  # an empty cohort has no rate to divide by


def test_stats_add_up_ai_calls_and_cost_across_models() -> None:
    stats = AdminStats(
        WED, UserTotals(1, 0, 0), ActiveUsers(0, 0, 0), [], RecipeTotals(0, 0, 0),
        [ModelUsage("a", 2, Decimal("0.5")), ModelUsage("b", 3, Decimal("0.25"))],
        WasteAvoided(0, 0, 0, 0, 0),
    )  # fmt: skip
    assert (stats.ai_calls, stats.ai_cost_usd) == (5, Decimal("0.75"))


def test_an_audit_row_cuts_long_targets() -> None:
    action = AdminAction.of("a@example.com", "users", "/api/admin/users?q=" + "x" * 400, WED)
    assert len(action.target) == MAX_TARGET and action.actor_uid is None
