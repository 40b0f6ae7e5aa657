"""Summaries over dated savings records: totals, trends, top N and the community percentile."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from zerowaste.domain.savings.summary import (
    MAX_TREND_PERIODS,
    InvalidDateRange,
    SavingsRecord,
    Totals,
    community_comparison,
    select,
    top,
    totals,
    trends,
)
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit


def record(
    rid: str, saved_at: datetime, carbon: float, water: float = 0.0, cost: float = 0.0,
    cooked: bool = False,
) -> SavingsRecord:  # fmt: skip
    return SavingsRecord(rid, f"Receta {rid}", saved_at, carbon, water, 0.0, cost, cooked)


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


RECORDS = [
    record("a", at(date(2026, 1, 5)), 1.234, 100.5, 10.10, cooked=True),  # Mon, 2026-W02
    record("b", at(date(2026, 1, 11)), 2.0, 50.0, 20.0),  # Sun, 2026-W02
    record("c", at(date(2026, 1, 20)), 0.5, 10.0, 5.55, cooked=True),  # 2026-W04
    record("d", at(date(2026, 2, 2)), 3.0, 30.0, 1.0),  # 2026-W06
]


def test_totals_sum_every_figure_with_the_contract_rounding():
    found = totals(RECORDS)
    assert found == Totals(6.734, 190.5, 0.0, 36.65, 4)


def test_totals_over_an_inclusive_date_range_and_cooked_status():
    assert totals(RECORDS, start=date(2026, 1, 11), end=date(2026, 1, 20)).count == 2
    assert totals(RECORDS, is_cooked=True) == Totals(1.734, 110.5, 0.0, 15.65, 2)
    assert totals(RECORDS, start=date(2027, 1, 1)) == Totals(0.0, 0.0, 0.0, 0.0, 0)


def test_days_are_utc_days():
    # 2026-01-31 23:30 in UTC-6 is 2026-02-01 05:30 UTC: a February record.
    late = datetime(2026, 1, 31, 23, 30, tzinfo=timezone(timedelta(hours=-6)))
    found = select([record("x", late, 1.0)], start=date(2026, 2, 1), end=date(2026, 2, 1))
    assert [r.id for r in found] == ["x"]


def test_a_start_after_the_end_is_refused():
    with pytest.raises(InvalidDateRange) as error:
        totals(RECORDS, start=date(2026, 2, 1), end=date(2026, 1, 1))
    assert error.value.code == "invalid_date_range"


def test_weekly_trends_are_contiguous_iso_weeks_with_empty_weeks_at_zero():
    points = trends(RECORDS, "week")
    assert [p.period for p in points] == [
        "2026-W02",
        "2026-W03",
        "2026-W04",
        "2026-W05",
        "2026-W06",
    ]
    assert (points[0].start, points[0].end) == (date(2026, 1, 5), date(2026, 1, 11))
    assert points[0].totals == Totals(3.234, 150.5, 0.0, 30.1, 2)
    assert points[1].totals == Totals(0.0, 0.0, 0.0, 0.0, 0)
    assert points[4].totals.carbon_kg_co2e == 3.0


def test_iso_weeks_cross_years():
    points = trends([record("x", at(date(2026, 1, 1)), 1.0)], "week")
    assert [(p.period, p.start) for p in points] == [("2026-W01", date(2025, 12, 29))]


def test_monthly_trends_cover_the_requested_range():
    points = trends(RECORDS, "month", start=date(2025, 12, 15), end=date(2026, 3, 1))
    assert [p.period for p in points] == ["2025-12", "2026-01", "2026-02", "2026-03"]
    assert [p.totals.count for p in points] == [0, 3, 1, 0]
    assert (points[1].start, points[1].end) == (date(2026, 1, 1), date(2026, 1, 31))
    assert points[2].end == date(2026, 2, 28)


def test_trends_of_nothing_are_empty_and_long_ranges_keep_the_latest_periods():
    assert trends([], "month") == []
    points = trends([], "week", start=date(2000, 1, 3), end=date(2026, 1, 4))
    assert len(points) == MAX_TREND_PERIODS
    assert points[-1].period == "2026-W01"


def test_unknown_period_is_refused():
    with pytest.raises(InvalidInput):
        trends(RECORDS, "day")  # type: ignore[arg-type]


def test_top_orders_by_the_metric_then_the_newest():
    same = record("e", at(date(2026, 2, 3)), 3.0)
    assert [r.id for r in top([*RECORDS, same], 3)] == ["e", "d", "b"]
    assert [r.id for r in top(RECORDS, 2, metric="cost")] == ["b", "a"]
    assert [r.id for r in top(RECORDS, 5, is_cooked=True)] == ["a", "c"]


@pytest.mark.parametrize("n", [0, 101, True, 2.5])
def test_top_n_is_bounded(n):
    with pytest.raises(InvalidInput):
        top(RECORDS, n)


def test_community_percentile_is_the_mid_rank_among_all_totals():
    everyone = [1.0, 2.0, 3.0, 3.0, 10.0]  # the caller is one of the 3.0s
    found = community_comparison(3.0, everyone)
    # below: 2 (1.0, 2.0); equal: 2 -> (2 + 2/2) / 5 = 60.0
    assert found.percentile == 60.0
    assert (found.users, found.community_median, found.community_average) == (5, 3.0, 3.8)


def test_community_aggregates_are_hidden_below_five_users():
    found = community_comparison(5.0, [5.0, 1.0])
    assert found.percentile == 75.0  # (1 + 1/2) / 2
    assert (found.community_median, found.community_average) == (None, None)


def test_a_lone_user_has_no_percentile():
    assert community_comparison(5.0, [5.0]).percentile is None
    assert community_comparison(0.0, []).users == 0
