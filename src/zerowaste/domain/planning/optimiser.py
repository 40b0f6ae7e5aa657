"""The meal-plan optimiser (pure): N days x the chosen meal types filled from the candidates by an
integer program solved with PuLP's bundled CBC, using first what expires first.

Model (`pool` prepares the candidates and the stock lots; `evaluation` states the reward):
- x[r, slot] binary, only where recipe r fits the slot's meal type (`plan.fits`); at most one
  recipe per slot and each recipe at most once in the window (no repeats).
- Exactly F slots are filled, F the most that distinct fitting recipes can fill (a matching over
  the pool). When F is short of every slot, the rest are reported `no_suitable_recipe`: an
  empty slot is the documented relaxation, never a repeat or a recipe of another meal.
- Calorie target T (per person per day, tolerance t): T(1-t) <= sum of kcal per serving <=
  T(1+t) for each day, with slack variables priced above any reward (lexicographic in effect):
  no plan trades a kcal outside the band for stock, and a band no plan can meet is reported in
  `DayTotals.within_target` and `Objective.calorie_gap`, not refused.
- Macro split (% of energy): per day |kcal from the macro - share x kcal from all three| as
  penalty variables (both signs bounded, the usual linearisation) at MACRO_PENALTY per kcal,
  counted over the slots whose recipe has all three macros; soft, below stock in priority.
- Reward (the objective): for each lot of stock and each day it is still usable, s = the share
  of the lot taken (the day's recipes' known needs bound it; over the window a lot is taken at
  most once in full) and u = the share claimed by recipes whose amount is unknown (one lot per
  such recipe and day), each worth the lot's `engine.weight` x (1 - EARLY x day). So stock is
  shared across the window (seven recipes cannot each "use" the same 500 g) and a food that
  expires on day 2 earns nothing on day 3.
- Fixed tie-breaks: a thousandth per slot for coverage (less to buy) and a smaller one by the
  engine's rank order; CBC runs single-threaded, so one input gives one plan (within the time
  limit; a search cut by TIME_LIMIT reports status "feasible", its best plan found).
- Fallback: when CBC is not available (the bundled binary missing for this platform) or finds
  no plan in time, `greedy.fill` fills slot by slot (status "heuristic", noted).
"""

from __future__ import annotations

import os
import shutil
import time
from collections import defaultdict
from collections.abc import Iterable

import pulp
from pulp.apis import coin_api

from zerowaste.domain.planning.evaluation import EARLY, assemble
from zerowaste.domain.planning.greedy import fill
from zerowaste.domain.planning.plan import KCAL_PER_GRAM, MACROS, Candidate, Plan, PlanRequest
from zerowaste.domain.planning.pool import KeyOf, Lot, Pool, max_fillable, prepare
from zerowaste.domain.recipes.engine import Convert, PantryFood

MACRO_PENALTY = 0.01  # per kcal off the split: 100 kcal weigh about one long-lasting food
TIE_COVERAGE = 1e-3
TIE_RANK = 1e-5
Slots = list[tuple[int, str]]
X = dict[tuple[int, int], pulp.LpVariable]  # (option index, slot index) -> binary


def optimise(
    candidates: list[Candidate],
    pantry: list[PantryFood],
    key_of: KeyOf,
    convert: Convert | None,
    request: PlanRequest,
    *,
    use_solver: bool = True,
) -> Plan:
    """The plan for `request` (see the module). `use_solver=False` runs the greedy fallback."""
    started = time.perf_counter()
    pool = prepare(candidates, pantry, key_of, convert, request)
    slots = [(d, meal) for d in range(request.days) for meal in request.meal_types]
    fillable = max_fillable(pool.options, slots)
    path = cbc_path()
    solver = pulp.COIN_CMD(path=path, msg=False, timeLimit=request.time_limit, threads=1)
    if use_solver and path is not None and solver.available():
        solved = _solve(pool, slots, fillable, request, solver)
        if solved is not None:
            chosen, status = solved
            return assemble(pool, slots, chosen, request, ("cbc", status, _since(started)))
        note = "The solver found no plan within its time limit; a greedy search filled it"
    elif use_solver:
        note = "The CBC solver is not available here; a greedy search filled the plan"
    else:
        note = "A greedy search filled the plan"
    chosen = fill(pool, slots, request)
    return assemble(pool, slots, chosen, request, ("greedy", "heuristic", _since(started)), (note,))


def cbc_path() -> str | None:
    """PuLP's bundled CBC binary (a pinned build), else a `cbc` on the PATH, else None."""
    bundled = getattr(coin_api, "pulp_cbc_path", None)
    for path in (bundled, shutil.which("cbc")):
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return os.path.normpath(path)
    return None


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 4)


def _solve(
    pool: Pool, slots: Slots, fillable: int, request: PlanRequest, solver: pulp.LpSolver
) -> tuple[dict[int, int], str] | None:
    problem = pulp.LpProblem("meal_plan", pulp.LpMaximize)
    x: X = {
        (i, s): problem.add_variable(f"x_{i}_{s}", cat=pulp.LpBinary)
        for s, (_d, meal) in enumerate(slots)
        for i, option in enumerate(pool.options)
        if meal in option.meals
    }
    by_slot: dict[int, list[pulp.LpVariable]] = defaultdict(list)
    by_option: dict[int, list[pulp.LpVariable]] = defaultdict(list)
    for (i, s), var in x.items():
        by_slot[s].append(var)
        by_option[i].append(var)
    for s, variables in by_slot.items():
        problem += pulp.lpSum(variables) <= 1, f"slot_{s}"
    for i, variables in by_option.items():
        problem += pulp.lpSum(variables) <= 1, f"once_{i}"
    problem += pulp.lpSum(x.values()) == fillable, "filled"
    reward = _reward(problem, pool, slots, x)
    ceiling = 1 + sum(lot.weight for lot in pool.lots)  # above any reward: slack comes first
    count = len(pool.options)
    ties = [
        (
            TIE_COVERAGE * pool.options[i].coverage
            + TIE_RANK * (count - pool.options[i].rank) / count
        )
        * var
        for (i, _s), var in x.items()
    ]
    problem += (
        pulp.lpSum(reward)
        + pulp.lpSum(ties)
        - ceiling * pulp.lpSum(_calories(problem, pool, slots, x, request))
        - MACRO_PENALTY * pulp.lpSum(_macros(problem, pool, slots, x, request))
    )
    problem.solve(solver)
    if problem.sol_status == pulp.LpSolutionOptimal:
        status = "optimal"
    elif problem.sol_status == pulp.LpSolutionIntegerFeasible:
        status = "feasible"
    else:
        return None
    chosen = {s: i for (i, s), var in x.items() if (var.varValue or 0) > 0.5}
    return chosen, status


def _on_day(slots: Slots, x: X, day: int) -> Iterable[tuple[int, pulp.LpVariable]]:
    return ((i, var) for (i, s), var in x.items() if slots[s][0] == day)


def _reward(
    problem: pulp.LpProblem, pool: Pool, slots: Slots, x: X
) -> list[pulp.LpAffineExpression]:
    placed: dict[tuple[int, int], list[pulp.LpVariable]] = defaultdict(list)  # (option, day)
    for (i, s), var in x.items():
        placed[i, slots[s][0]].append(var)
    users: dict[str, list[tuple[int, float | None]]] = defaultdict(list)
    for i, option in enumerate(pool.options):
        for key, need in option.needs.items():
            users[key].append((i, need))
    terms: list[pulp.LpAffineExpression] = []
    per_lot: dict[int, list[pulp.LpVariable]] = defaultdict(list)
    for k, key in enumerate(sorted(users)):
        for day in range(slots[-1][0] + 1):
            lots = [(j, t) for j, t in enumerate(pool.lots) if t.key == key and t.days_left >= day]
            if lots:
                _food_day(problem, (k, day), lots, users[key], placed, terms, per_lot)
    for j, shares in per_lot.items():
        problem += pulp.lpSum(shares) <= 1, f"lot_{j}"
    return terms


def _food_day(
    problem: pulp.LpProblem,
    where: tuple[int, int],
    lots: list[tuple[int, Lot]],
    users: list[tuple[int, float | None]],
    placed: dict[tuple[int, int], list[pulp.LpVariable]],
    terms: list[pulp.LpAffineExpression],
    per_lot: dict[int, list[pulp.LpVariable]],
) -> None:
    """One food on one day: the shares of its lots taken (bounded by the day's known needs) and
    claimed (by the day's recipes whose amount is unknown)."""
    k, day = where
    measured = any(lot.quantity > 0 for _j, lot in lots)
    known = [need * v for i, need in users if need is not None and measured for v in placed[i, day]]
    unknown = [v for i, need in users if need is None or not measured for v in placed[i, day]]
    discount = 1 - EARLY * day
    taken, claimed = [], []
    for j, lot in lots:
        if known and lot.quantity > 0:
            share = problem.add_variable(f"s_{j}_{day}", 0, 1)
            taken.append(lot.quantity * share)
            per_lot[j].append(share)
            terms.append(lot.weight * discount * share)
        if unknown:
            claim = problem.add_variable(f"u_{j}_{day}", 0, 1)
            claimed.append(claim)
            per_lot[j].append(claim)
            terms.append(lot.weight * discount * claim)
    if taken:
        problem += pulp.lpSum(taken) <= pulp.lpSum(known), f"need_{k}_{day}"
    if claimed:
        problem += pulp.lpSum(claimed) <= pulp.lpSum(unknown), f"claim_{k}_{day}"


def _calories(
    problem: pulp.LpProblem, pool: Pool, slots: Slots, x: X, request: PlanRequest
) -> list[pulp.LpVariable]:
    target = request.calories_per_day
    if target is None:
        return []
    low = float(target * (1 - request.tolerance))
    high = float(target * (1 + request.tolerance))
    slack = []
    for day in range(request.days):
        kcal = pulp.lpSum((pool.options[i].kcal or 0.0) * var for i, var in _on_day(slots, x, day))
        under = problem.add_variable(f"under_{day}", 0)
        over = problem.add_variable(f"over_{day}", 0)
        problem += kcal + under >= low, f"kcal_low_{day}"
        problem += kcal - over <= high, f"kcal_high_{day}"
        slack += [under, over]
    return slack


def _macros(
    problem: pulp.LpProblem, pool: Pool, slots: Slots, x: X, request: PlanRequest
) -> list[pulp.LpVariable]:
    split = request.macro_split
    if split is None:
        return []
    deviations = []
    for day in range(request.days):
        energy: dict[str, list[pulp.LpAffineExpression]] = {m: [] for m in MACROS}
        for i, var in _on_day(slots, x, day):
            nutrition = pool.options[i].candidate.nutrition
            if nutrition is None or not nutrition.has_macros:
                continue
            for macro in MACROS:
                grams = float(getattr(nutrition, macro))
                energy[macro].append(KCAL_PER_GRAM[macro] * grams * var)
        total = pulp.lpSum(energy[m] for m in MACROS)
        for macro in MACROS:
            off = problem.add_variable(f"off_{macro}_{day}", 0)
            gap = pulp.lpSum(energy[macro]) - split[macro] / 100 * total
            problem += off >= gap, f"over_{macro}_{day}"
            problem += off >= -gap, f"under_{macro}_{day}"
            deviations.append(off)
    return deviations
