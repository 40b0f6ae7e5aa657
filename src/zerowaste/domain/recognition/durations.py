"""Shelf life in days as the client shows it: an amount and one of the contract's time units."""

from __future__ import annotations

from zerowaste.domain.recognition.items import TIME_UNITS

DAYS, WEEKS, MONTHS, YEARS = TIME_UNITS


def as_time_span(days: int) -> tuple[int, str]:
    """(amount, time unit) in the largest unit that divides `days` exactly: 730 -> (2, "Años"),
    90 -> (3, "Meses"), 21 -> (3, "Semanas"), 10 -> (10, "Días").

    Exact only, so the date the client computes is the one the reference data gives; a week
    counts from 14 days and a month from 60, below that days read better ("7 Días"). Zero or
    negative figures (FoodKeeper's "use at once") become one day.
    """
    days = max(1, int(days))
    if days >= 365 and days % 365 == 0:
        return days // 365, YEARS
    if days >= 60 and days % 30 == 0:
        return days // 30, MONTHS
    if days >= 14 and days % 7 == 0:
        return days // 7, WEEKS
    return days, DAYS
