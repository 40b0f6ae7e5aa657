"""The optimiser's fallback when CBC is unavailable or finds nothing in time (pure, heuristic).

Slots are filled in day order, meal by meal; each takes the unused fitting recipe with the best
marginal value: the urgency reward it would add to what the earlier slots took
(`evaluation.Ledger`), minus, with a calorie target, the kcal by which the day would end
outside its band even if the day's remaining slots took the lightest or the heaviest recipes
still unused for their meals (priced like the solver's slack), plus the solver's tie-breaks.
It respects every hard rule (no repeats, meal fit, stock shared), but promises neither the most
stock used nor, when the lunch/dinner pools overlap, the most slots filled. The solver also
starts from its plan (a MIP start).
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
        rest = _rest(pool, used, [m for d, m in slots[s + 1 :] if d == day])
        best: tuple[float, int] | None = None
        for i, option in enumerate(pool.options):
            if i in used or meal not in option.meals:
                continue
            value = ledger.gain(option, day) + _tie(option, len(pool.options))
            value -= ceiling * _gap(request, day_kcal + (option.kcal or 0.0), rest)
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


def _rest(pool: Pool, used: set[int], meals: list[str]) -> tuple[float, float]:
    """The fewest and the most kcal the day's remaining meals could still add."""
    low = high = 0.0
    for meal in meals:
        kcal = [
            o.kcal or 0.0 for i, o in enumerate(pool.options) if i not in used and meal in o.meals
        ]
        if kcal:
            low, high = low + min(kcal), high + max(kcal)
    return low, high


def _gap(request: PlanRequest, kcal: float, rest: tuple[float, float]) -> float:
    target = request.calories_per_day
    if target is None:
        return 0.0
    tolerance = float(request.tolerance)
    low, high = target * (1 - tolerance), target * (1 + tolerance)
    return max(0.0, low - (kcal + rest[1]), (kcal + rest[0]) - high)
