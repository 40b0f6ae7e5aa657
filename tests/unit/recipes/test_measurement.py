from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.domain.recipes.measurement import in_system
from zerowaste.domain.recipes.recipe import RecipeIngredient

pytestmark = pytest.mark.unit


def line(quantity: str | None, unit: str | None) -> RecipeIngredient:
    return RecipeIngredient(
        name="x", quantity=None if quantity is None else Decimal(quantity), unit=unit
    )


@pytest.mark.parametrize(
    ("quantity", "unit", "system", "expected"),
    [
        ("200", "g", "imperial", ("7.05", "oz")),  # 200 / 28.3495
        ("1", "kg", "imperial", ("2.20", "lb")),
        ("500", "ml", "imperial", ("2.08", "cup")),  # 500 / 240
        ("30", "ml", "imperial", ("2.00", "tbsp")),
        ("2", "cup", "metric", ("480", "ml")),
        ("8", "oz", "metric", ("227", "g")),
        ("3", "lb", "metric", ("1.36", "kg")),
        ("200", "g", "metric", ("200", "g")),  # already metric: unchanged
    ],
)
def test_mass_and_volume_follow_the_profiles_system(quantity, unit, system, expected):
    converted = in_system(line(quantity, unit), system)

    assert (str(converted.quantity), converted.unit) == expected


@pytest.mark.parametrize(("quantity", "unit"), [("3", "unidades"), (None, "g"), ("2", None)])
def test_counts_and_lines_without_amounts_stay_as_written(quantity, unit):
    original = line(quantity, unit)

    assert in_system(original, "imperial") == original
