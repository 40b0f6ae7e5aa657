"""Seed 003's scoring: every rule, every level threshold (3, 5, 8) and the ages around 18 and 65."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from zerowaste.domain.screening.rules import (
    Answers,
    assess,
    can_proceed,
    check,
    level_of,
    screen,
)
from zerowaste.domain.shared.errors import InvalidInput

pytestmark = pytest.mark.unit

ADULT = Answers(age=40, sex="female", weight_kg=60, height_cm=165)


def scored(**changes: object) -> tuple[int, str, bool]:
    found = assess(replace(ADULT, **changes), "en")  # type: ignore[arg-type]
    return found.score, found.level, found.can_proceed


@pytest.mark.parametrize(
    ("score", "level", "proceeds"),
    [(0, "low", True), (2, "low", True), (3, "medium", True), (4, "medium", True),
     (5, "high", False), (7, "high", False), (8, "critical", False), (23, "critical", False)],
)  # fmt: skip
def test_each_level_threshold(score, level, proceeds):
    assert level_of(score) == level and can_proceed(level) is proceeds


def test_a_healthy_adult_scores_nothing():
    assert scored() == (0, "low", True)
    assert assess(ADULT, "en").warnings == ()


@pytest.mark.parametrize(("age", "score"), [(17, 3), (18, 0), (65, 0), (66, 2), (1, 3), (120, 2)])
def test_ages_around_the_limits(age, score):
    assert scored(age=age)[0] == score


def test_minor_alone_is_medium_and_proceeds_with_the_guardian_warning():
    found = assess(replace(ADULT, age=15), "en")
    assert (found.score, found.level, found.can_proceed) == (3, "medium", True)
    assert found.warnings[0].code == "minor" and "guardian" in found.warnings[0].message


@pytest.mark.parametrize(
    "condition", ["Type 1 diabetes", "diabetes tipo 1", "Enfermedad renal", "ANOREXIA", "bulimia"]
)
def test_each_critical_condition_is_5_points_high(condition):
    assert scored(medical_conditions=(condition,)) == (5, "high", False)


def test_an_eating_disorder_history_alone_is_a_critical_condition():
    assert scored(eating_disorder_history=True) == (5, "high", False)


def test_named_and_past_eating_disorder_is_one_condition():
    assert scored(medical_conditions=("anorexia",), eating_disorder_history=True)[0] == 5


def test_two_critical_conditions_add_up():
    both = ("type 1 diabetes", "kidney disease")
    assert scored(medical_conditions=both) == (10, "critical", False)


def test_pregnancy_alone_is_critical():
    assert scored(pregnant=True) == (8, "critical", False)


def test_breastfeeding_alone_is_medium():
    assert scored(breastfeeding=True) == (3, "medium", True)


def test_over_65_and_breastfeeding_reach_high_at_5():
    assert scored(age=66, breastfeeding=True) == (5, "high", False)


def test_a_breastfeeding_minor_adds_up_to_high():
    assert scored(age=17, breastfeeding=True) == (6, "high", False)


def test_other_conditions_and_medications_warn_without_points():
    found = assess(
        replace(ADULT, medical_conditions=("asthma",), medications=("ibuprofeno",)), "es"
    )
    assert found.score == 0 and found.level == "low"
    assert [w.code for w in found.warnings] == ["medications", "other_conditions"]
    assert found.warnings[0].message.startswith("Medicamentos")


def test_a_denial_says_so_in_the_language_and_other_languages_get_english():
    es = assess(replace(ADULT, pregnant=True), "es")
    pt = assess(replace(ADULT, pregnant=True), "pt")
    assert es.warnings[-1].code == "cannot_proceed" and es.warnings[-1].message.startswith("No se")
    assert pt.warnings[-1].message.startswith("A restrictive plan cannot")


@pytest.mark.parametrize(
    "changes",
    [{"age": 0}, {"age": 121}, {"weight_kg": -1}, {"height_cm": 251}, {"sex": "x"},
     {"sex": "male", "pregnant": True}, {"sex": "male", "breastfeeding": True}],
)  # fmt: skip
def test_impossible_answers_are_refused(changes):
    with pytest.raises(InvalidInput):
        check(replace(ADULT, **changes))  # type: ignore[arg-type]


def test_a_screening_is_valid_for_24_hours():
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    made = screen(ADULT, "es", now)
    assert made.valid_until == now + timedelta(hours=24)
    assert made.is_valid(now + timedelta(hours=23, minutes=59))
    assert not made.is_valid(now + timedelta(hours=24))
