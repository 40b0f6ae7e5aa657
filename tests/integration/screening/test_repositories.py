"""Nutrition profiles, food log, screenings and audit rows on SQLite and MariaDB: values come
back as stored (dates, microseconds, JSON, money), reads are per user, newest first, and the
rows go with their user's account."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import make_settings
from tests.factories import add_user
from zerowaste.domain.accounts.users import User
from zerowaste.domain.intake.log import FoodLogEntry
from zerowaste.domain.intake.profile import MacroSplit, NutritionProfile
from zerowaste.domain.screening.audit import AuditEntry
from zerowaste.domain.screening.rules import Answers, screen
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 30, 12, 0, 0, 123456, tzinfo=UTC)


@pytest.fixture
def uows(tmp_path: Any, db_url: str) -> Iterator[UnitOfWorkFactory]:
    engine = make_engine(make_settings(tmp_path, database_url=db_url))
    factory = UnitOfWorkFactory(engine)
    with factory() as uow:
        add_user(uow, User("ana", None, None, "guest", NOW, NOW))
        add_user(uow, User("bob", None, None, "guest", NOW, NOW))
        uow.commit()
    yield factory
    engine.dispose()


def test_a_profile_is_replaced_and_read_back(uows: UnitOfWorkFactory) -> None:
    first = NutritionProfile(
        "female", 165.5, 61.2, "light", "lose", birth_date=date(1990, 2, 28),
        calorie_target=1700, macro_split=MacroSplit(25, 30, 45), updated_at=NOW,
    )  # fmt: skip
    second = NutritionProfile("female", 165.5, 60.0, "active", "maintain", age=36, updated_at=NOW)
    with uows() as uow:
        uow.nutrition_profiles.put("ana", first)
        uow.commit()
    with uows.read() as uow:
        assert uow.nutrition_profiles.get("ana") == first
        assert uow.nutrition_profiles.get("bob") is None
    with uows() as uow:
        uow.nutrition_profiles.put("ana", second)
        uow.commit()
    with uows.read() as uow:
        assert uow.nutrition_profiles.get("ana") == second


def test_the_food_log_by_user_and_range_in_day_order(uows: UnitOfWorkFactory) -> None:
    def entry(day: int, name: str) -> FoodLogEntry:
        return FoodLogEntry(
            date(2026, 11, day), "lunch", name, 512.5, 20.1, 10.2, 60.3, created_at=NOW
        )

    with uows() as uow:
        late = uow.food_log.add("ana", entry(30, "Pozole"))
        early = uow.food_log.add("ana", entry(28, "Año nuevo: tamales"))
        uow.food_log.add("ana", entry(1, "fuera del rango"))
        uow.food_log.add("bob", entry(29, "Chilaquiles"))
        uow.commit()

    with uows.read() as uow:
        found = uow.food_log.between("ana", date(2026, 11, 2), date(2026, 11, 30))
    assert found == [early, late]
    assert found[0].name == "Año nuevo: tamales" and found[0].created_at == NOW
    with uows() as uow:
        assert late.id is not None
        assert uow.food_log.delete("bob", late.id) is False
        assert uow.food_log.delete("ana", late.id) is True
        uow.commit()
    with uows.read() as uow:
        assert uow.food_log.between("ana", date(2026, 11, 30), date(2026, 11, 30)) == []


def test_the_latest_screening_comes_back_whole(uows: UnitOfWorkFactory) -> None:
    answers = Answers(
        30, "female", 58.5, 160.0, ("Diabetes tipo 1", "asma"), breastfeeding=True,
        medications=("insulina",),
    )  # fmt: skip
    older = screen(Answers(30, "female", 58.5, 160.0), "es", NOW - timedelta(hours=1))
    newer = screen(answers, "es", NOW)
    with uows() as uow:
        uow.screenings.add("ana", older)
        stored = uow.screenings.add("ana", newer)
        uow.commit()

    with uows.read() as uow:
        found = uow.screenings.latest("ana")
        assert uow.screenings.latest("bob") is None
    assert found == stored == replace(newer, id=stored.id)
    assert found.assessment.score == 8 and found.valid_until == NOW + timedelta(hours=24)
    assert found.assessment.warnings[0].message.startswith("Diabetes tipo 1")


def test_audit_rows_page_newest_first_with_exact_costs(uows: UnitOfWorkFactory) -> None:
    with uows() as uow:
        for n in range(5):
            uow.audit_log.add(
                AuditEntry(
                    "ana",
                    "plan_generation",
                    n % 2 == 0,
                    f"row {n}",
                    NOW + timedelta(microseconds=n),
                    "gemini-2.5-flash",
                    Decimal("0.000125") * n,
                )  # fmt: skip
            )
        uow.audit_log.add(AuditEntry("bob", "screening", True, "risk low (score 0)", NOW))
        uow.commit()

    with uows.read() as uow:
        rows, total = uow.audit_log.page("ana", 2, 1)
        _, bobs = uow.audit_log.page("bob", 10, 0)
    assert total == 5 and bobs == 1
    assert [r.reason for r in rows] == ["row 3", "row 2"]
    assert rows[0].estimated_cost_usd == Decimal("0.000375") and rows[0].allowed is False
    assert rows[0].created_at == NOW + timedelta(microseconds=3)


def test_the_rows_go_with_the_account(uows: UnitOfWorkFactory) -> None:
    with uows() as uow:
        uow.nutrition_profiles.put(
            "ana", NutritionProfile("male", 170, 70, "light", "gain", age=30, updated_at=NOW)
        )
        uow.food_log.add(
            "ana", FoodLogEntry(date(2026, 11, 30), "snack", "Fruta", 80, created_at=NOW)
        )
        uow.screenings.add("ana", screen(Answers(30, "male", 70, 170), "en", NOW))
        uow.audit_log.add(AuditEntry("ana", "screening", True, "risk low (score 0)", NOW))
        uow.commit()
    with uows() as uow:
        uow.users.delete("ana")
        uow.commit()

    with uows.read() as uow:
        assert uow.nutrition_profiles.get("ana") is None
        assert uow.screenings.latest("ana") is None
        assert uow.audit_log.page("ana", 10, 0) == ([], 0)
        assert uow.food_log.between("ana", date(2026, 11, 30), date(2026, 11, 30)) == []
