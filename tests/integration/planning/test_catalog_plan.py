"""The optimiser over the whole data pack catalog (501 recipes, read from the migrated SQLite
template as the importer stored it) and the bench's 200-stack pantry: issue #10's 7-day x 3-meal
case. Times are recorded (the tests' user properties), not asserted; bench/plan_generation.py gives
p50/p95. The status says the search ended on its gap, not on its time limit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from tests.conftest import data_pack_dir
from tests.fakes.planning import kcal_from_grams, master_pantry
from zerowaste.application.planning.generation import convert
from zerowaste.domain.planning.optimiser import optimise
from zerowaste.domain.planning.plan import Candidate, Plan, PlanRequest, fits
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.infrastructure.db.recipes import SqlAlchemyRecipeRepository

pytestmark = pytest.mark.integration

MEALS = ("breakfast", "lunch", "dinner")
START = date(2026, 12, 1)


@pytest.fixture(scope="module")
def catalog(sqlite_template: Path) -> list[Recipe]:
    engine = create_engine(f"sqlite:///{sqlite_template}")
    with Session(engine) as session:
        recipes = SqlAlchemyRecipeRepository(session).catalog(5000)
    engine.dispose()
    return recipes


def key_of(line: RecipeIngredient) -> str | None:
    return line.food_key


def week(candidates: list[Candidate], use_solver: bool = True, **options) -> Plan:
    request = PlanRequest(START, 7, MEALS, **options)
    pantry = master_pantry(data_pack_dir())
    return optimise(candidates, pantry, key_of, convert, request, use_solver=use_solver)


def test_a_week_over_the_catalog_fills_every_slot_once_using_expiring_stock(catalog, request):
    assert len(catalog) == 501
    by_uid = {r.uid: r for r in catalog}

    plan = week([Candidate(r) for r in catalog])
    request.node.user_properties.append(("solve_seconds", plan.seconds))

    assert (plan.solver, plan.status, len(plan.slots), plan.unfilled) == ("cbc", "optimal", 21, ())
    assert len({s.recipe_uid for s in plan.slots}) == 21
    assert all(s.meal_type in fits(by_uid[s.recipe_uid]) for s in plan.slots)
    lots = master_pantry(data_pack_dir())
    for slot in plan.slots:  # no slot takes from a lot already expired on its day
        day = (slot.day - START).days
        assert all(any(p.key == u.key and day <= p.days_left for p in lots) for u in slot.uses)
    assert len(plan.objective.stock_used) >= 15


def test_the_solver_saves_at_least_what_the_greedy_fallback_saves(catalog):
    candidates = [Candidate(r) for r in catalog]

    solved = week(candidates)
    greedy = week(candidates, use_solver=False)

    assert greedy.status == "heuristic" and solved.status == "optimal"
    assert solved.objective.urgency_saved >= greedy.objective.urgency_saved


def test_a_week_with_a_calorie_target_keeps_every_day_in_its_band(catalog, request):
    candidates = [Candidate(r, kcal_from_grams(r)) for r in catalog]
    split = {"protein": 20, "fat": 30, "carbs": 50}

    plan = week(candidates, calories_per_day=2000, macro_split=split, time_limit=1.0)
    request.node.user_properties.append(("solve_seconds", plan.seconds))

    assert len(plan.slots) == 21 and plan.solver == "cbc"
    assert [d.within_target for d in plan.days] == [True] * 7
    fitting = [c for c in candidates if set(fits(c.recipe)) & set(MEALS)]
    assert plan.excluded == {
        "no_meal_fit": len(candidates) - len(fitting),
        "unknown_kcal": sum(1 for c in fitting if c.nutrition is None),
    }
