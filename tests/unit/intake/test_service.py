"""NutritionTracking.record, the entry point the cooking use case will call: validated, stored
with its source, nothing committed when a value is impossible; reads are the user's own."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.fakes import FixedClock
from tests.fakes.screening import FakeNutritionUnitOfWorkFactory
from zerowaste.application.intake.service import FoodLogEntryNotFound, NutritionTracking
from zerowaste.domain.intake.log import FoodLogEntry
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit

NOW = datetime(2026, 11, 30, 20, tzinfo=UTC)
COOKED = FoodLogEntry(
    day=date(2026, 11, 30), meal_type="dinner", name=" Guiso  de res ", kcal=640.0,
    protein_g=45.0, fat_g=30.0, carbs_g=40.0, recipe_uid="b" * 32, servings=2.0, source="cooked",
)  # fmt: skip


@pytest.fixture
def uows() -> FakeNutritionUnitOfWorkFactory:
    return FakeNutritionUnitOfWorkFactory()


@pytest.fixture
def tracking(uows) -> NutritionTracking:
    return NutritionTracking(uows, FixedClock(NOW))


def test_a_cooked_recipe_is_recorded_with_its_uid_servings_and_time(tracking, uows):
    stored = tracking.record("ana", COOKED)

    assert stored.id is not None and stored.created_at == NOW
    assert (stored.name, stored.source, stored.servings) == ("Guiso de res", "cooked", 2.0)
    logged = tracking.entries("ana", None, None)
    assert logged.entries == [stored] and logged.start == logged.end == date(2026, 11, 30)
    assert tracking.entries("bea", None, None).entries == []


def test_an_impossible_entry_commits_nothing(tracking, uows):
    with pytest.raises(InvalidInput):
        tracking.record("ana", FoodLogEntry(date(2026, 11, 30), "dinner", "Sopa", -5.0))
    assert uows.store.log == [] and uows.store.commits == 0


def test_only_the_owner_deletes_an_entry(tracking, uows):
    stored = tracking.record("ana", COOKED)
    assert stored.id is not None

    with pytest.raises(FoodLogEntryNotFound):
        tracking.delete("bea", stored.id)
    tracking.delete("ana", stored.id)

    assert uows.store.log == []
