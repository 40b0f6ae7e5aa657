"""Issue #10's target for the local optimiser: a 7-day x 3-meal plan over the 500-recipe data pack
catalog and a 200-stack pantry in under 1 s on this machine.

Measures `domain.planning.optimiser.optimise` alone, as `PlanGeneration` calls it (the same
food keys and unit conversion), after the catalog is read once as `zerowaste data-import`
reads it (the line reader's English model makes that take 20-30 s, not measured). The pantry
is 100 foods of the ingredient master x 2 lots (tests/fakes/planning.master_pantry). Scenarios:
no target; a 2,000 kcal target, alone and with a 20/30/50 split, kcal per serving from USDA
SR28 as the API computes it (`application.planning.adapters.Sr28PerServing`: recipes that say
their servings and whose lines SR28 matches at least two thirds of); the greedy fallback.
`--time-limit S` sets the solver's limit (the API's default: domain.planning.plan.TIME_LIMIT).

Usage: `.venv/bin/python bench/plan_generation.py [runs]` (default 20 per scenario). Prints
p50/p95/max of the wall time of each scenario and the solver's status.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.fakes.planning import master_pantry  # noqa: E402

from zerowaste.application.nutrition.calculator import NutritionCalculator  # noqa: E402
from zerowaste.application.nutrition.plans import RecipeServings  # noqa: E402
from zerowaste.application.planning.adapters import Sr28PerServing  # noqa: E402
from zerowaste.application.planning.generation import convert  # noqa: E402
from zerowaste.bootstrap import build_recipe_line_reader  # noqa: E402
from zerowaste.config import Settings  # noqa: E402
from zerowaste.domain.planning.optimiser import optimise  # noqa: E402
from zerowaste.domain.planning.plan import TIME_LIMIT, Candidate, PlanRequest  # noqa: E402
from zerowaste.domain.recipes.recipe import RecipeIngredient  # noqa: E402
from zerowaste.infrastructure.recipes.catalog import read_catalog, reading_with  # noqa: E402
from zerowaste.infrastructure.reference.catalog import DataPackCatalog  # noqa: E402
from zerowaste.infrastructure.reference.recipe_foods import RecipeFoodMatcher  # noqa: E402
from zerowaste.infrastructure.reference.sr28 import Sr28Nutrition  # noqa: E402

MEALS = ("breakfast", "lunch", "dinner")
SPLIT = {"protein": 20, "fat": 30, "carbs": 50}


def key_of(line: RecipeIngredient) -> str | None:
    return line.food_key


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(runs: int, limit: float) -> None:
    settings = Settings.from_env()
    started = time.perf_counter()
    recipes = read_catalog(settings.data_dir, reading_with(build_recipe_line_reader(settings)))
    print(f"catalog: {len(recipes)} recipes read in {time.perf_counter() - started:.1f} s")
    pantry = master_pantry(settings.data_dir)
    plain = [Candidate(r) for r in recipes]
    calculator = NutritionCalculator(
        Sr28Nutrition(settings.data_dir),
        RecipeFoodMatcher(DataPackCatalog.from_data_dir(settings.data_dir)),
    )
    began = time.perf_counter()
    per_serving = Sr28PerServing(RecipeServings(calculator)).per_serving(recipes)
    known = sum(1 for n in per_serving.values() if n is not None)
    print(
        f"SR28 per serving: {known} of {len(recipes)} recipes known, "
        f"{time.perf_counter() - began:.2f} s (once per process for the catalog)"
    )
    with_kcal = [Candidate(r, per_serving.get(r.uid)) for r in recipes]
    start = date(2026, 12, 1)
    scenarios = {
        "7x3, no target": (plain, PlanRequest(start, 7, MEALS, time_limit=limit), True),
        "7x3, 2000 kcal": (
            with_kcal,
            PlanRequest(start, 7, MEALS, calories_per_day=2000, time_limit=limit),
            True,
        ),
        "7x3, 2000 kcal + split": (
            with_kcal,
            PlanRequest(
                start, 7, MEALS, calories_per_day=2000, macro_split=SPLIT, time_limit=limit
            ),
            True,
        ),
        "7x3, greedy fallback": (plain, PlanRequest(start, 7, MEALS, time_limit=limit), False),
    }
    print(f"pantry: {len(pantry)} stacks; {runs} runs per scenario")
    for name, (candidates, request, solver) in scenarios.items():
        times, plan = [], None
        for _ in range(runs):
            began = time.perf_counter()
            plan = optimise(candidates, pantry, key_of, convert, request, use_solver=solver)
            times.append(time.perf_counter() - began)
        assert plan is not None
        print(
            f"{name:26s} p50 {statistics.median(times) * 1000:6.0f} ms  "
            f"p95 {percentile(times, 0.95) * 1000:6.0f} ms  max {max(times) * 1000:6.0f} ms  "
            f"{plan.solver}/{plan.status}, {len(plan.slots)} slots, "
            f"{len(plan.objective.stock_used)} foods used, urgency {plan.objective.urgency_saved}, "
            f"kcal gap {plan.objective.calorie_gap}, excluded {plan.excluded}"
        )


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    given = sys.argv.index("--time-limit") if "--time-limit" in sys.argv else None
    limit = float(sys.argv[given + 1]) if given is not None else TIME_LIMIT
    if given is not None:
        args = [a for a in args if a != sys.argv[given + 1]]
    main(int(args[0]) if args else 20, limit)
