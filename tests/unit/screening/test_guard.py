"""The planner's guard: a restrictive plan needs a valid screening that allows it (else 403 with
the reason), and every plan generation leaves an audit row, allowed or denied."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from tests.fakes import FixedClock
from tests.fakes.screening import FakeNutritionUnitOfWorkFactory
from zerowaste.application.screening.audit import AuditLog
from zerowaste.application.screening.service import SafetyScreening, ScreeningRequired
from zerowaste.domain.accounts.users import Profile, User
from zerowaste.domain.intake.profile import NutritionProfile
from zerowaste.domain.screening.rules import Answers
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
ADULT = Answers(age=40, sex="female", weight_kg=60, height_cm=165)
# need: (10 x 60 + 6.25 x 165 - 5 x 40 - 161) x 1.2 = 1270.25 x 1.2 = 1524.3 kcal; 80 %: 1219.44
PROFILE = NutritionProfile("female", 165, 60, "sedentary", "maintain", age=40)


@pytest.fixture
def uows() -> FakeNutritionUnitOfWorkFactory:
    factory = FakeNutritionUnitOfWorkFactory()
    factory.store.users["ana"] = User("ana", None, None, "guest", NOW, NOW, profile=Profile("en"))
    factory.store.profiles["ana"] = PROFILE
    return factory


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def guard(uows, clock) -> SafetyScreening:
    return SafetyScreening(uows, clock, AuditLog(uows, clock))


def test_a_plan_that_is_not_restrictive_needs_no_screening(guard):
    assert guard.require_screening("ana", 1300, "vegetarian") is None  # 1300 >= 1219.44
    assert guard.require_screening("ana", None, None) is None


@pytest.mark.parametrize(
    ("target", "diet", "reason"),
    [(1219, None, "deficit_over_20_percent"), (1500, "renal", "medical_diet:renal")],
)
def test_a_restrictive_plan_without_a_screening_is_refused_with_the_reason(
    guard, target, diet, reason
):
    with pytest.raises(ScreeningRequired) as refused:
        guard.require_screening("ana", target, diet)

    assert refused.value.code == "screening_required"
    assert refused.value.details == {"restrictive": [reason]}


def test_a_valid_allowing_screening_lets_it_through_until_it_expires(guard, clock):
    made = guard.screen("ana", ADULT)

    assert guard.require_screening("ana", 1100, "diabetic") == made
    clock.advance(timedelta(hours=24))
    with pytest.raises(ScreeningRequired) as refused:
        guard.require_screening("ana", 1100, None)
    assert refused.value.code == "screening_expired"


def test_a_screening_that_does_not_allow_it_is_refused_with_its_level(guard):
    guard.screen("ana", Answers(40, "female", 60, 165, pregnant=True))

    with pytest.raises(ScreeningRequired) as refused:
        guard.require_screening("ana", 1000, None)

    assert refused.value.code == "screening_denied"
    assert refused.value.details == {
        "restrictive": ["deficit_over_20_percent", "under_1200_kcal"],
        "level": "critical",
    }


def test_without_a_profile_any_calorie_target_asks_for_a_screening(guard, uows):
    del uows.store.profiles["ana"]

    with pytest.raises(ScreeningRequired) as refused:
        guard.require_screening("ana", 2500, None)

    assert refused.value.details == {"restrictive": ["estimated_need_unknown"]}
    assert guard.require_screening("ana", None, None) is None


def test_screening_stores_it_with_an_audit_row_in_the_profiles_language(guard, uows):
    made = guard.screen("ana", Answers(70, "female", 60, 165, breastfeeding=True))

    assert made.language == "en" and made.assessment.level == "high"
    assert [(e.action, e.allowed, e.reason) for e in uows.store.audit] == [
        ("screening", False, "risk high (score 5)")
    ]
    assert uows.store.commits == 1


def test_impossible_answers_store_nothing(guard, uows):
    with pytest.raises(InvalidInput):
        guard.screen("ana", Answers(0, "female", 60, 165))
    assert uows.store.screenings == [] and uows.store.audit == [] and uows.store.commits == 0


def test_plan_generation_is_audited_allowed_and_denied(guard, uows):
    with pytest.raises(ScreeningRequired):
        guard.authorize_plan_generation(
            "ana", 1000, None, model="gemini-2.5-flash", estimated_cost_usd=Decimal("0.0042")
        )
    allowed = guard.authorize_plan_generation(
        "ana", 2000, None, model="local", estimated_cost_usd=Decimal(0)
    )

    assert allowed is None
    rows = [(e.action, e.allowed, e.model, e.estimated_cost_usd) for e in uows.store.audit]
    assert rows == [
        ("plan_generation", False, "gemini-2.5-flash", Decimal(0)),
        ("plan_generation", True, "local", Decimal(0)),
    ]
    assert uows.store.audit[0].reason.startswith("screening_required: restrictive (")


def test_an_allowed_restrictive_generation_names_the_screening(guard, uows):
    made = guard.screen("ana", ADULT)

    guard.authorize_plan_generation(
        "ana", 1100, None, model="gemini-2.5-pro", estimated_cost_usd=Decimal("0.0123")
    )

    last = uows.store.audit[-1]
    assert last.allowed and last.estimated_cost_usd == Decimal("0.0123")
    assert last.reason == f"restrictive, allowed by screening {made.id} (low)"


def test_the_audit_log_refuses_unknown_actions_and_negative_costs(guard, uows, clock):
    audit = AuditLog(uows, clock)
    with pytest.raises(InvalidInput):
        audit.record("ana", "delete_everything", allowed=True, reason="")
    with pytest.raises(InvalidInput):
        audit.record(
            "ana", "plan_generation", allowed=True, reason="", estimated_cost_usd=Decimal(-1)
        )
    assert uows.store.audit == []
