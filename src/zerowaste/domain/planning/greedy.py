"""The optimiser's fallback when CBC is unavailable or finds nothing in time (pure, heuristic).

Slots are filled in day order, meal by meal; each takes the unused fitting recipe with the best
marginal value: the urgency reward it would add to what the earlier slots took
(`evaluation.Ledger`), minus, with a calorie target, the kcal by which the day would end
outside its band if the day's remaining slots each brought an equal share of the target
(priced like the solver's slack), plus the solver's tie-breaks. It respects every hard rule
(no repeats, meal fit, stock shared), but promises neither the most stock used nor, when the
lunch/dinner pools overlap, the most slots filled.
"""

from __future__ import annotations

from zerowaste.domain.planning.evaluation import Ledger
from zerowaste.domain.planning.plan import PlanRequest
from zerowaste.domain.planning.pool import Option, Pool

TIE_COVERAGE = 1e-3
TIE_RANK = 1e-5


def fill(pool: Pool, slots: list[tuple[int, str]], request: PlanRequest) -> dict[int, int]:
    """slot index -> option index."""
    ledger = Ledger(pool)
    ceiling = 1 + sum(lot.weight for lot in pool.lots)
    used: set[int] = set()
    chosen: dict[int, int] = {}
    day_kcal = 0.0
    for s, (day, meal) in enumerate(slots):
        if s and slots[s - 1][0] != day:
            day_kcal = 0.0
        later = sum(1 for d, _m in slots[s + 1 :] if d == day)
        best: tuple[float, int] | None = None
        for i, option in enumerate(pool.options):
            if i in used or meal not in option.meals:
                continue
            value = ledger.gain(option, day) + _tie(option, len(pool.options))
            value -= ceiling * _gap(request, day_kcal + (option.kcal or 0.0), later)
            if best is None or value > best[0]:
                best = (value, i)
        if best is None:
            continue
        option = pool.options[best[1]]
        used.add(best[1])
        chosen[s] = best[1]
        ledger.take(option, day)
        day_kcal += option.kcal or 0.0
    return chosen


def _tie(option: Option, count: int) -> float:
    return TIE_COVERAGE * option.coverage + TIE_RANK * (count - option.rank) / count


def _gap(request: PlanRequest, kcal: float, later: int) -> float:
    target = request.calories_per_day
    if target is None:
        return 0.0
    tolerance = float(request.tolerance)
    projected = kcal + later * target / len(request.meal_types)
    return max(0.0, target * (1 - tolerance) - projected, projected - target * (1 + tolerance))
