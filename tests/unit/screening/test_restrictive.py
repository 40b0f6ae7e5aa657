"""What makes a plan restrictive (seed 003): more than 20 % below the need, under 1,200 kcal,
or a medical diet."""

from __future__ import annotations

import pytest

from zerowaste.domain.screening.restrictive import (
    is_restrictive,
    medical_diet,
    restrictive_reasons,
)

pytestmark = pytest.mark.unit


def test_exactly_20_percent_below_the_need_is_not_restrictive_just_beyond_is():
    assert restrictive_reasons(1600, 2000, None) == []  # 2000 x 0.8 = 1600
    assert restrictive_reasons(1599, 2000, None) == ["deficit_over_20_percent"]


def test_1200_kcal_is_the_floor():
    assert restrictive_reasons(1200, 1400, None) == []
    assert restrictive_reasons(1199, 1400, None) == ["under_1200_kcal"]
    assert restrictive_reasons(1000, 2000, None) == ["deficit_over_20_percent", "under_1200_kcal"]


@pytest.mark.parametrize(
    ("diet", "code"),
    [("diabetic", "diabetic"), ("Diabética", "diabetic"), ("renal", "renal"),
     ("low-sodium", "low_sodium"), ("Baja en sodio", "low_sodium"), ("vegan", None), (None, None)],
)  # fmt: skip
def test_medical_diets(diet, code):
    assert medical_diet(diet) == code
    expected = [f"medical_diet:{code}"] if code else []
    assert restrictive_reasons(2500, 2000, diet) == expected


def test_no_target_and_no_medical_diet_is_not_restrictive():
    assert not is_restrictive(None, 2000, "vegetarian")
    assert not is_restrictive(None, None, None)
    assert is_restrictive(None, None, "renal")


def test_an_unknown_need_leaves_the_floor_only():
    assert restrictive_reasons(1300, None, None) == []
    assert restrictive_reasons(1100, None, None) == ["under_1200_kcal"]
