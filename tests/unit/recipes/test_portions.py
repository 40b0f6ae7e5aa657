"""SR28 household measures read as canonical units (pure: descriptions as SR28 prints them)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.domain.recipes.portions import mark_named, name_words, read_portion, singular

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("amount", "description", "grams", "unit", "per_one", "size"),
    [
        ("1", "cup", "185", "cup", "185", None),
        (".5", "cup, diced", "75", "cup", "150", None),
        ("1", "tbsp", "14.2", "tbsp", "14.2", None),
        ("1", "tablespoon", "13.5", "tbsp", "13.5", None),
        ("1", "fl oz", "30.5", "fl_oz", "30.5", None),
        ("1", "quart", "976", "quart", "976", None),
        ("1", "cup (8 fl oz)", "245", "cup", "245", None),
        ("1", "cup, large curd (not packed)", "210", "cup", "210", None),  # no size on cups
        ("1", "large", "50", "unit", "50", "large"),
        ("1", 'medium (2-1/2" dia)', "110", "unit", "110", "medium"),
        ("1", "extra large", "56", "unit", "56", "extra large"),
        ("1", 'fruit (2-1/8" dia)', "58", "unit", "58", None),
        ("1", "clove", "3.0", "clove", "3.0", None),
        ("3", "cloves", "9.0", "clove", "3", None),
        ("1", "stick", "113", "stick", "113", None),
        ("1", 'head medium (5-6" dia.)', "588", "head", "588", "medium"),
        ("9", "sprigs", "20", "sprig", "2.222222222222222222222222222", None),
        ("1", "dash", "0.4", "dash", "0.4", None),
        ("1", "package (10 oz)", "284", "pack", "284", None),
        ("1", "small box (1.5 oz)", "43", "pack", "43", "small"),
        ("5", "package (5 oz)", "142", "pack", "142", None),  # SR28 repeats the ounces
        (".5", "container (4 oz)", "113", "pack", "113", None),
        ("1", "can (13 oz)", "369", "can", "369", None),
    ],
)
def test_measures_read_as_units(amount, description, grams, unit, per_one, size) -> None:
    portion = read_portion(amount, description, grams)
    assert portion is not None
    assert (portion.unit, portion.grams, portion.size) == (unit, Decimal(per_one), size)
    assert portion.label == f"{amount} {description}"


@pytest.mark.parametrize(
    ("amount", "description"),
    [
        ("1", "oz"),
        ("1", "lb"),
        ("1", "NLEA serving"),
        ("56", "grams 1 serving"),
        ("1", "cubic inch"),
        ("1", 'pat (1" sq, 1/3" high)'),
        ("1", "wedge (1/4 of medium tomato)"),
        ("10", "rings"),
        ("10", "watermelon balls"),
        ("1", "unit (yield from 1 lb ready-to-cook chicken)"),
        ("1", "Italian tomato"),  # names no piece of this food
        ("0", "cup"),
        ("1", "cup"),  # grams below, "n/a"
    ],
)
def test_no_household_measure(amount: str, description: str) -> None:
    grams = "n/a" if description == "cup" and amount == "1" else "10"
    assert read_portion(amount, description, grams, name_words("Tomato")) is None


def test_pieces_named_after_the_food() -> None:
    words = name_words("Avocado")
    portion = read_portion("1", "avocado, NS as to Florida or California", "201", words)
    assert portion is not None and portion.unit == "unit"
    portion = read_portion("50", "raisins", "26", name_words("Raisins"))
    assert portion is not None and (portion.unit, portion.grams) == ("unit", Decimal("0.52"))


def test_derived_cups_are_marked_from_the_description_not_its_note() -> None:
    whipped = read_portion("1", "cup, whipped", "120")
    fluid = read_portion("1", "cup, fluid (yields 2 cups whipped)", "238")
    assert whipped is not None and whipped.derived
    assert fluid is not None and not fluid.derived


def test_a_measure_naming_a_word_specific_to_the_ingredient_is_marked() -> None:
    cherry = read_portion("1", "cherry", "17", name_words("Cherry tomato"))
    assert cherry is not None
    specific = name_words("Cherry tomato") - name_words("Tomatoes, red, ripe, raw")
    assert mark_named(cherry, specific).named
    assert not mark_named(cherry, set()).named


@pytest.mark.parametrize(
    ("plural", "singular_form"),
    [("berries", "berry"), ("tomatoes", "tomato"), ("peaches", "peach"), ("eggs", "egg")],
)
def test_singulars(plural: str, singular_form: str) -> None:
    assert singular(plural) == singular_form
