"""The nutrition terms of the meal-plan model (see `optimiser`): per day, the kcal under and over
the calorie band, and each macro's distance from its share of the energy, as variables bounded
below by 0 and by each of their expressions (|a| as a >= e and a >= -e)."""

from __future__ import annotations

from collections.abc import Iterable

import pulp

from zerowaste.domain.planning.plan import KCAL_PER_GRAM, MACROS, PlanRequest
from zerowaste.domain.planning.pool import Pool

Slots = list[tuple[int, str]]  # (day index, meal type), in day order
X = dict[tuple[int, int], pulp.LpVariable]  # (option index, slot index) -> binary
Bounded = list[tuple[pulp.LpVariable, list[pulp.LpAffineExpression]]]  # var >= 0, >= each


def on_day(slots: Slots, x: X, day: int) -> Iterable[tuple[int, pulp.LpVariable]]:
    return ((i, var) for (i, s), var in x.items() if slots[s][0] == day)


def calorie_band(
    problem: pulp.LpProblem, pool: Pool, slots: Slots, x: X, request: PlanRequest
) -> Bounded:
    """Per day, kcal under and over the band (each >= 0 and >= its expression)."""
    target = request.calories_per_day
    if target is None:
        return []
    low = float(target * (1 - request.tolerance))
    high = float(target * (1 + request.tolerance))
    slack: Bounded = []
    for day in range(request.days):
        kcal = pulp.lpSum((pool.options[i].kcal or 0.0) * var for i, var in on_day(slots, x, day))
        slack.append((problem.add_variable(f"under_{day}", 0), [low - kcal]))
        slack.append((problem.add_variable(f"over_{day}", 0), [kcal - high]))
    return slack


def macro_split(
    problem: pulp.LpProblem, pool: Pool, slots: Slots, x: X, request: PlanRequest
) -> Bounded:
    """Per day and macro, |its kcal - its share of the three's| (>= both signs)."""
    split = request.macro_split
    if split is None:
        return []
    deviations: Bounded = []
    for day in range(request.days):
        energy: dict[str, list[pulp.LpAffineExpression]] = {m: [] for m in MACROS}
        for i, var in on_day(slots, x, day):
            nutrition = pool.options[i].candidate.nutrition
            if nutrition is None or not nutrition.has_macros:
                continue
            for macro in MACROS:
                grams = float(getattr(nutrition, macro))
                energy[macro].append(KCAL_PER_GRAM[macro] * grams * var)
        total = pulp.lpSum(energy[m] for m in MACROS)
        for macro in MACROS:
            gap = pulp.lpSum(energy[macro]) - split[macro] / 100 * total
            deviations.append((problem.add_variable(f"off_{macro}_{day}", 0), [gap, -gap]))
    return deviations
