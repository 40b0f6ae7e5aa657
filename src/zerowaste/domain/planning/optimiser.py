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
- Reward (the objective): per lot of stock, s = the share of it taken by recipes whose amount
  of the food is known and u = the share claimed by recipes whose amount is unknown (s + u <= 1),
  each worth the lot's `engine.weight` x its share of the food's stock: the whole stock is
  worth the food's urgency once, so seven recipes cannot each "use" the same 500 g. A lot is
  usable from the first day to its expiry, so for each expiry t of a food, what is taken from
  its lots expiring by t is at most what the recipes placed on days <= t need (the prefix
  conditions under which the transport of stock to recipes exists; `evaluation.Ledger` takes
  it earliest deadline first), and a lot is claimed only by a recipe placed while it is good.
  A food that expires on day 2 earns nothing from a recipe on day 3.
- Tie-breaks, far below any stock: a thousandth per slot for coverage (less to buy), a
  ten-thousandth per day and unit of urgency (the most urgent food's recipes go first) and
  a smaller one by the engine's rank order.
- Search: CBC, single-threaded (one input, one plan), started from the greedy plan (a MIP
  start), stopped within GAP of the best possible ("optimal") or at the request's time limit
  with its best plan ("feasible"). Measured (bench/plan_generation.py: 501 recipes, 200
  stacks, 7 x 3, 2 cores): no target p50 0.22 s, p95 0.32 s, optimal; a calorie band makes
  day-by-day knapsacks that CBC rarely closes within the gap, so such plans use the whole
  limit (p50 2.3 s at 2 s; the best found improves ~25 % on the greedy start by 2 s, little
  after). With SR28 kcal (134 of the catalog's recipes known) the default 0.9 s limit
  (plan.TIME_LIMIT) keeps a 7 x 3 plan under 1 s: p95 0.87 s with a band, 0.30 s without.
- Fallback: when CBC is not available (PuLP's bundled binary missing for this platform and no
  `cbc` on the PATH) or finds no plan in time, `greedy.fill`'s plan is kept (status "heuristic",
  noted).
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections import defaultdict

import pulp
from pulp.apis import coin_api

from zerowaste.domain.planning.evaluation import Ledger, assemble
from zerowaste.domain.planning.greedy import fill
from zerowaste.domain.planning.plan import Candidate, Plan, PlanRequest
from zerowaste.domain.planning.pool import KeyOf, Lot, Pool, max_fillable, prepare
from zerowaste.domain.planning.targets import Slots, X, calorie_band, macro_split
from zerowaste.domain.recipes.engine import Convert, PantryFood

log = logging.getLogger(__name__)
GAP = 0.02  # CBC stops once its plan is within 2 % of the best possible
MACRO_PENALTY = 0.01  # per kcal off the split: 100 kcal weigh about one long-lasting food
TIE_COVERAGE = 1e-3
TIE_RANK = 1e-5
TIE_DAY = 1e-4  # per day and unit of urgency: the most urgent recipes go first in the window
Shares = tuple[dict[int, pulp.LpVariable], dict[int, pulp.LpVariable]]  # lot -> taken, claimed


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
    solver = pulp.COIN_CMD(
        path=path,
        msg=False,
        timeLimit=request.time_limit,
        gapRel=GAP,
        presolve=False,  # measured faster on the catalog's 7 x 3 week
        threads=1,
        warmStart=True,
    )
    if use_solver and path is not None and solver.available():
        try:
            solved = _solve(pool, slots, fillable, request, solver, fill(pool, slots, request))
        except pulp.PulpSolverError:
            log.exception("CBC failed; the greedy search fills the plan")
            solved = None
        if solved is not None:
            chosen, status = solved
            return assemble(pool, slots, chosen, request, ("cbc", status, _since(started)))
        note = "The solver found no plan in time; a greedy search filled it"
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
    pool: Pool,
    slots: Slots,
    fillable: int,
    request: PlanRequest,
    solver: pulp.LpSolver,
    start: dict[int, int],
) -> tuple[dict[int, int], str] | None:
    # Minimised as its negation: CBC prices a MIP start with the wrong sign under -max, and cut
    # the search short with it (a start worse than the optimum came back "optimal").
    problem = pulp.LpProblem("meal_plan", pulp.LpMinimize)
    x = _assignment(problem, pool, slots, fillable)
    shares: Shares = ({}, {})
    reward = _reward(problem, pool, slots, x, shares)
    ceiling = 1 + sum(lot.weight for lot in pool.lots)  # above any reward: slack comes first
    calories = calorie_band(problem, pool, slots, x, request)
    macros = macro_split(problem, pool, slots, x, request)
    problem += -(
        pulp.lpSum(reward)
        + pulp.lpSum(_ties(pool, slots, x))
        - ceiling * pulp.lpSum(var for var, _e in calories)
        - MACRO_PENALTY * pulp.lpSum(var for var, _e in macros)
    )
    _warm(pool, slots, x, shares, start)
    for n, (var, expressions) in enumerate([*calories, *macros]):
        var.setInitialValue(max(0.0, *(e.value() or 0.0 for e in expressions)))
        for m, expression in enumerate(expressions):
            problem += var >= expression, f"bound_{n}_{m}"
    problem.solve(solver)
    if problem.sol_status == pulp.LpSolutionOptimal:
        status = "optimal"
    elif problem.sol_status == pulp.LpSolutionIntegerFeasible:
        status = "feasible"
    else:
        return None
    return {s: i for (i, s), var in x.items() if (var.varValue or 0) > 0.5}, status


def _assignment(problem: pulp.LpProblem, pool: Pool, slots: Slots, fillable: int) -> X:
    """x[option, slot] where the recipe fits the meal; one per slot, once each, F filled."""
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
    return x


def _ties(pool: Pool, slots: Slots, x: X) -> list[pulp.LpAffineExpression]:
    count = len(pool.options)
    soonest: dict[str, float] = {}
    for lot in pool.lots:  # most urgent first
        soonest.setdefault(lot.key, lot.weight)
    urgency = [sum(soonest.get(k, 0.0) for k in o.needs) for o in pool.options]
    return [
        (
            TIE_COVERAGE * pool.options[i].coverage
            + TIE_RANK * (count - pool.options[i].rank) / count
            - TIE_DAY * slots[s][0] * urgency[i]
        )
        * var
        for (i, s), var in x.items()
    ]


def _warm(pool: Pool, slots: Slots, x: X, shares: Shares, start: dict[int, int]) -> None:
    """Start CBC from the greedy plan, its lot shares included (else CBC reads them as 0)."""
    for (i, s), var in x.items():
        var.setInitialValue(1 if start.get(s) == i else 0)
    ledger = Ledger(pool)
    for s in sorted(start):
        ledger.take(pool.options[start[s]], slots[s][0])
    for j, var in shares[0].items():
        var.setInitialValue(min(1.0, ledger.drawn.get(j, 0.0)))
    for j, var in shares[1].items():
        var.setInitialValue(min(1.0, ledger.claimed.get(j, 0.0)))


def _reward(
    problem: pulp.LpProblem, pool: Pool, slots: Slots, x: X, shares: Shares
) -> list[pulp.LpAffineExpression]:
    placed: dict[tuple[int, int], list[pulp.LpVariable]] = defaultdict(list)  # (option, day)
    for (i, s), var in x.items():
        placed[i, slots[s][0]].append(var)
    users: dict[str, list[tuple[int, float | None]]] = defaultdict(list)
    for i, option in enumerate(pool.options):
        for key, need in option.needs.items():
            users[key].append((i, need))
    last = slots[-1][0]
    terms: list[pulp.LpAffineExpression] = []
    for key in sorted(users):
        lots = [(j, lot) for j, lot in enumerate(pool.lots) if lot.key == key]
        if lots:
            terms += _food(problem, lots, users[key], placed, last, shares)
    return terms


def _food(
    problem: pulp.LpProblem,
    lots: list[tuple[int, Lot]],
    users: list[tuple[int, float | None]],
    placed: dict[tuple[int, int], list[pulp.LpVariable]],
    last: int,
    shares: Shares,
) -> list[pulp.LpAffineExpression]:
    """One food: the share of each lot taken by recipes with a known need (s) and claimed by
    recipes whose amount is unknown (u). Lots are usable from day 0 to their expiry, so a
    share is feasible exactly when, for each expiry t, what is taken from the lots expiring by
    t is at most what the recipes placed on days <= t need (prefix conditions of the
    transport problem; EDF meets them); a lot is claimed only by such a recipe placed on a day
    it is still good."""
    measured = lots[0][1].measured
    known = [(i, need) for i, need in users if need is not None and measured]
    unknown = [i for i, need in users if need is None or not measured]
    taken = {
        j: problem.add_variable(f"s_{j}", 0, 1) for j, lot in lots if known and lot.quantity > 0
    }
    claimed = {j: problem.add_variable(f"u_{j}", 0, 1) for j, _lot in lots if unknown}
    shares[0].update(taken)
    shares[1].update(claimed)
    for j, lot in lots:
        good = range(min(lot.days_left, last) + 1)
        if j in claimed:
            claims = [v for i in unknown for d in good for v in placed[i, d]]
            problem += claimed[j] <= pulp.lpSum(claims), f"claim_{j}"
        if j in taken and j in claimed:
            problem += taken[j] + claimed[j] <= 1, f"lot_{j}"
    for t in sorted({min(lot.days_left, last) for j, lot in lots if j in taken}):
        early = [(j, lot) for j, lot in lots if j in taken and min(lot.days_left, last) <= t]
        need = [n * v for i, n in known for d in range(t + 1) for v in placed[i, d] if n]
        supply = [lot.quantity * taken[j] for j, lot in early]
        problem += pulp.lpSum(supply) <= pulp.lpSum(need), f"take_{early[0][0]}_{t}"
    return [lot.weight * lot.share * taken[j] for j, lot in lots if j in taken] + [
        lot.weight * lot.share * claimed[j] for j, lot in lots if j in claimed
    ]
