"""Pure analytics rules: windows, buckets, waste rate, vs the first month, folding."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zerowaste.domain.analytics import reports
from zerowaste.domain.analytics.reports import Count, IntakeTotal, SavingsTotal
from zerowaste.domain.analytics.usage import JournalTotal, item_usage, to_kg, waste_rate
from zerowaste.domain.analytics.window import InvalidWindow, Window, bucket_of, resolve

TODAY = date(2026, 3, 15)  # a Sunday


def test_a_period_ends_today_and_spans_its_days() -> None:
    window = resolve(TODAY, "day", "7d")
    assert (window.start, window.end) == (date(2026, 3, 9), TODAY)
    assert len(window.buckets()) == 7


def test_the_default_period_is_thirty_days() -> None:
    window = resolve(TODAY, "week")
    assert window.start == date(2026, 2, 14)


def test_all_starts_on_the_first_record_and_never_exceeds_two_years() -> None:
    assert resolve(TODAY, "month", "all", first_day=date(2025, 6, 3)).start == date(2025, 6, 3)
    long_ago = resolve(TODAY, "month", "all", first_day=date(2019, 1, 1))
    assert (long_ago.end - long_ago.start).days + 1 == 2 * 366


@pytest.mark.parametrize(
    ("granularity", "period", "start", "end"),
    [
        ("hour", None, None, None),
        ("day", "8d", None, None),
        ("day", None, date(2026, 3, 10), date(2026, 3, 1)),
        ("day", None, date(2023, 1, 1), date(2026, 1, 1)),
    ],
)
def test_bad_windows_are_refused(
    granularity: str, period: str | None, start: date | None, end: date | None
) -> None:
    with pytest.raises(InvalidWindow):
        resolve(TODAY, granularity, period, start, end)


def test_weeks_start_on_monday_and_months_on_the_first() -> None:
    assert bucket_of(date(2026, 3, 15), "week") == date(2026, 3, 9)
    assert bucket_of(date(2026, 3, 9), "week") == date(2026, 3, 9)
    assert bucket_of(date(2026, 3, 15), "month") == date(2026, 3, 1)
    window = Window(date(2025, 11, 20), date(2026, 2, 2), "month")
    assert window.buckets() == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_waste_rate_is_wasted_over_used_and_none_without_use() -> None:
    assert waste_rate(3.0, 1.0) == 0.25
    assert waste_rate(0.0, 0.0) is None


def test_only_masses_convert_to_kilograms() -> None:
    assert to_kg(Decimal("250"), "g") == 0.25
    assert to_kg(Decimal("2"), "lb") == pytest.approx(0.907, abs=0.001)
    assert to_kg(Decimal("1"), "l") is None
    assert to_kg(Decimal("1"), "nonsense") is None


def test_usage_counts_unweighed_entries_and_ignores_corrections() -> None:
    totals = [
        JournalTotal("rice", "consumed", "kg", Decimal("1.5"), 2, "grains"),
        JournalTotal("rice", "expired", "g", Decimal("500"), 1, "grains"),
        JournalTotal("milk", "wasted", "l", Decimal("1"), 3, "dairy"),
        JournalTotal("milk", "corrected", "l", Decimal("9"), 1, "dairy"),
    ]
    report = item_usage(totals)
    rice = next(i for i in report.items if i.name == "rice")
    assert (rice.unit, rice.consumed, rice.wasted, rice.waste_rate) == ("kg", 1.5, 0.5, 0.25)
    milk = next(i for i in report.items if i.name == "milk")
    assert (milk.unit, milk.wasted, milk.entries) == ("l", 1.0, 3)
    assert report.categories["dairy"].wasted_entries == 3
    assert report.categories["dairy"].wasted_kg == 0


def test_waste_reduction_compares_with_the_first_month() -> None:
    window = Window(date(2026, 3, 1), date(2026, 3, 14), "week")
    totals = [
        JournalTotal(date(2026, 3, 2), "consumed", "kg", Decimal("9"), 3),
        JournalTotal(date(2026, 3, 10), "wasted", "kg", Decimal("1"), 1),
    ]
    first = [
        JournalTotal(date(2025, 1, 1), "cooked", "kg", Decimal("1"), 1),
        JournalTotal(date(2025, 1, 1), "wasted", "kg", Decimal("1"), 1),
    ]
    report = reports.waste_reduction(window, totals, SavingsTotal(None), date(2025, 1, 1), first)
    assert [b.bucket for b in report.buckets] == [
        date(2026, 2, 23),
        date(2026, 3, 2),
        date(2026, 3, 9),
    ]
    assert report.total.waste_rate == 0.1
    assert report.first_month_rate == 0.5
    assert report.change_vs_first_month == -0.4
    assert report.food_saved_kg == 9


def test_days_fold_into_weeks_without_gaps() -> None:
    window = Window(date(2026, 3, 2), date(2026, 3, 22), "week")
    days = [Count(date(2026, 3, 3), 2), Count("2026-03-08", 1), Count(date(2026, 3, 20), 4)]
    assert [(c.key, c.count) for c in reports.fold_counts(window, days)] == [
        (date(2026, 3, 2), 3),
        (date(2026, 3, 9), 0),
        (date(2026, 3, 16), 4),
    ]


def test_intake_is_averaged_over_days_logged_and_compared_with_the_target() -> None:
    window = Window(date(2026, 3, 2), date(2026, 3, 8), "week")
    days = [
        IntakeTotal(date(2026, 3, 2), 1, 2000, 80, 60, 250),
        IntakeTotal(date(2026, 3, 4), 1, 2400, 100, 70, 300),
    ]
    targets = reports.DailyTargets(2100, 100, 70, 260)
    (bucket,) = reports.intake_buckets(window, days, targets)
    assert (bucket.days_logged, bucket.kcal, bucket.protein_g) == (2, 2200, 90)
    assert bucket.kcal_vs_target == 100
    (no_target,) = reports.intake_buckets(window, days, None)
    assert no_target.kcal_vs_target is None


def test_savings_are_summed_per_bucket_and_in_total() -> None:
    window = Window(date(2026, 1, 1), date(2026, 2, 28), "month")
    days = [
        SavingsTotal(date(2026, 1, 5), 1, 1.5, 100, 0, 20),
        SavingsTotal(date(2026, 1, 9), 2, 0.5, 50, 0, 10),
    ]
    found = reports.savings_buckets(window, days)
    assert [(b.bucket, b.recipes, b.carbon_kg_co2e) for b in found.buckets] == [
        (date(2026, 1, 1), 3, 2.0),
        (date(2026, 2, 1), 0, 0.0),
    ]
    assert (found.total.recipes, found.total.water_l, found.total.cost_mxn) == (3, 150, 30)
