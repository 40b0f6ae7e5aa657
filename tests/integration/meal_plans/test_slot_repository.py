"""The meal plan repositories on SQLite and MariaDB: slots with their recipes, positions kept
unique (a lost race is a Conflict, not a 500), planned recipes deleted without FK errors, and
reads of weeks, months and day pages at a constant number of statements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.orm import Session

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from zerowaste.bootstrap import create_app
from zerowaste.domain.meal_plans.plans import MealPlan, TemplateSlot
from zerowaste.domain.meal_plans.slots import MEAL_TYPES, Slot
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.shared.errors import Conflict
from zerowaste.infrastructure.db.recipes import to_row
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration
NOW = datetime(2026, 11, 30, 8, tzinfo=UTC)
MONDAY = date(2026, 11, 30)


@pytest.fixture
def app(tmp_path: Path, db_url: str) -> Iterator[Any]:
    application = create_app(make_settings(tmp_path, database_url=db_url))
    yield application
    application.extensions["zerowaste.engine"].dispose()


def _user(app: Any) -> tuple[dict[str, str], str]:
    user = signup(app.test_client())
    with app.extensions["zerowaste.engine"].connect() as conn:
        household = conn.execute(
            text("SELECT household_id FROM users WHERE uid = :u"), {"u": user["user"]["uid"]}
        ).scalar()
    return bearer(user["access_token"]), str(household)


def _recipes(app: Any, household: str, count: int) -> list[str]:
    recipes = [
        Recipe(
            uid=f"{household[:8]}{n:024d}",
            title=f"Receta {n}",
            source="saved",
            household_id=household,
            ingredients=[RecipeIngredient(name="arroz", quantity=Decimal(n + 1), unit="g")],
            steps=["Cocina."],
            created_at=NOW,
        )
        for n in range(count)
    ]
    with Session(app.extensions["zerowaste.engine"]) as session:
        session.add_all(to_row(r) for r in recipes)
        session.commit()
    return [r.uid for r in recipes]


def _slot(day: date, meal: str, uid: str, **extra: Any) -> Slot:
    return Slot(day, meal, uid, created_at=NOW, updated_at=NOW, **extra)


def test_slots_are_read_with_their_recipes_and_positions_are_replaced(app):
    _, household = _user(app)
    uids = _recipes(app, household, 3)
    uow_factory = UnitOfWorkFactory(app.extensions["zerowaste.engine"])
    with uow_factory() as uow:
        uow.meal_slots.put(household, [_slot(MONDAY, "lunch", uids[0], servings=2)])
        replaced = uow.meal_slots.put(
            household,
            [_slot(MONDAY, "lunch", uids[1], notes="otra"), _slot(MONDAY, "dinner", uids[2])],
        )
        uow.commit()
    with uow_factory.read() as uow:
        week = uow.meal_slots.between(household, MONDAY, MONDAY + timedelta(days=6))
        days, total = uow.meal_slots.dates(household, None, None, 10, 0)
        still = uow.meal_slots.referenced(uids)

    assert replaced == [uids[0]]
    assert [(s.meal_type, s.recipe_uid, s.notes) for s in week] == [
        ("lunch", uids[1], "otra"),
        ("dinner", uids[2], ""),
    ]
    assert week[0].recipe is not None and week[0].recipe.ingredients[0].quantity == Decimal(2)
    assert (days, total) == ([MONDAY], 1)
    assert still == {uids[1], uids[2]}


def test_a_position_taken_meanwhile_is_a_conflict_not_a_database_error(app):
    _, household = _user(app)
    uid = _recipes(app, household, 1)[0]
    uow_factory = UnitOfWorkFactory(app.extensions["zerowaste.engine"])
    with uow_factory() as first:
        first.meal_slots.put(household, [_slot(MONDAY, "lunch", uid)])
        first.commit()
    with uow_factory() as second, pytest.raises(Conflict):
        # A writer that read the day before the first committed inserts the same position.
        from zerowaste.infrastructure.db.meal_plans.tables import SlotRow

        second.session.add(
            SlotRow(
                household_id=household,
                date=MONDAY,
                meal_type="lunch",
                recipe_uid=uid,
                notes="",
                created_at=NOW,
                updated_at=NOW,
            )
        )
        second.meal_slots.put(household, [_slot(MONDAY, "dinner", uid)])


def test_deleting_a_planned_recipe_clears_its_slots_and_template_slots(app):
    _, household = _user(app)
    kept, deleted = _recipes(app, household, 2)
    uow_factory = UnitOfWorkFactory(app.extensions["zerowaste.engine"])
    with uow_factory() as uow:
        uow.meal_slots.put(
            household, [_slot(MONDAY, "lunch", kept), _slot(MONDAY, "dinner", deleted)]
        )
        template = MealPlan(household, "t", None, True, created_at=NOW, updated_at=NOW)
        template.template_slots = [
            TemplateSlot(0, "dinner", deleted),
            TemplateSlot(1, "lunch", kept),
        ]
        uow.meal_plans.add(template)
        uow.meal_plans.mark_created(household, [deleted])
        uow.commit()
    with uow_factory() as uow:
        assert uow.recipes.delete(household, [deleted]) == 1
        uow.commit()
    with uow_factory.read() as uow:
        left = uow.meal_slots.on_days(household, [MONDAY])
        templates = uow.meal_plans.templates(household)
        created = uow.meal_plans.created(household, [deleted])

    assert [s.recipe_uid for s in left] == [kept]
    assert [t.recipe_uid for t in templates[0].template_slots] == [kept]
    assert created == []


def _count_statements(app: Any, urls: list[str], headers: dict[str, str]) -> dict[str, int]:
    engine = app.extensions["zerowaste.engine"]
    client = app.test_client()
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "ROLLBACK", "COMMIT")):
            seen.append(statement)

    counts = {}
    event.listen(engine, "before_cursor_execute", record)
    try:
        for url in urls:
            seen.clear()
            response = client.get(url, headers=headers)
            assert response.status_code == 200, response.json
            counts[url] = len(seen)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return counts


def test_plan_reads_cost_the_same_statements_whatever_the_plan_holds(app):
    urls = [
        "/api/meal-plans/2026-W49",
        "/api/meal-plans/months/2026-12",
        "/api/planning/all?start_date=2026-11-01&end_date=2026-12-31&per_page=100",
        "/api/planning/get?date=2026-12-01",
    ]
    small_headers, small = _user(app)
    big_headers, big = _user(app)
    uow_factory = UnitOfWorkFactory(app.extensions["zerowaste.engine"])
    one = _recipes(app, small, 1)[0]
    many = _recipes(app, big, 35)
    with uow_factory() as uow:
        uow.meal_slots.put(small, [_slot(date(2026, 12, 1), "lunch", one)])
        uow.meal_slots.put(
            big,
            [
                _slot(MONDAY + timedelta(days=n // 5), MEAL_TYPES[n % 5], uid)
                for n, uid in enumerate(many)
            ],
        )
        uow.commit()

    few = _count_statements(app, urls, small_headers)
    lots = _count_statements(app, urls, big_headers)

    assert few == lots, (few, lots)
    # token check, the caller, then the plan row or the page of dates and its count, the slots
    assert max(lots.values()) <= 5, lots
