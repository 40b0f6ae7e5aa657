"""RecipeLineReader: parse, match (food, then alternatives, then list foods), weigh."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.fakes.recipes import FakeMatcher, FakeMeasures
from zerowaste.application.recipes.coverage import Coverage
from zerowaste.application.recipes.lines import RecipeLineReader
from zerowaste.domain.recipes.conversion import FoodMeasures
from zerowaste.domain.recipes.lines import ParsedLine, parse_line
from zerowaste.domain.recipes.portions import Portion

pytestmark = pytest.mark.unit

RICE = FoodMeasures("rice", (Portion("cup", Decimal(185), "1 cup"),))


class RulesParser:
    def parse(self, text: str, lang: str) -> ParsedLine:
        return parse_line(text, lang)


def reader(matcher: FakeMatcher, measures: FakeMeasures | None = None) -> RecipeLineReader:
    return RecipeLineReader(RulesParser(), matcher, measures or FakeMeasures())


def test_a_line_is_parsed_matched_and_weighed() -> None:
    matcher = FakeMatcher().knows("arroz", "rice")
    [line] = reader(matcher, FakeMeasures().add(RICE)).read(["2 tazas de arroz"], "es")
    assert (line.ingredient_id, line.food, line.grams) == ("rice", "arroz", Decimal(370))
    assert matcher.asked == [("arroz", "es")]


def test_the_recipe_language_reaches_the_matcher() -> None:
    matcher = FakeMatcher().knows("rice", "rice", lang="en")
    assert reader(matcher).read_line("1 cup rice", "en").ingredient_id == "rice"
    assert reader(matcher).read_line("1 cup rice", "es").ingredient_id is None


def test_an_alternative_is_tried_when_the_food_is_unknown() -> None:
    matcher = FakeMatcher().knows("frijoles negros", "black_beans")
    line = reader(matcher).read_line("500 g de frijoles rojos o negros", "es")
    assert (line.ingredient_id, line.food, line.grams) == (
        "black_beans",
        "frijoles negros",
        Decimal(500),
    )


def test_list_lines_match_every_food() -> None:
    matcher = FakeMatcher().knows("sal", "salt").knows("pimienta", "black_pepper")
    line = reader(matcher).read_line("Sal y pimienta al gusto", "es")
    assert (line.ingredient_id, line.more_ingredient_ids) == ("salt", ("black_pepper",))
    assert line.grams is None and line.line.optional


def test_an_unknown_food_still_weighs_when_its_measure_is_a_mass() -> None:
    line = reader(FakeMatcher()).read_line("300 g de cecina", "es")
    assert (line.ingredient_id, line.grams) == (None, Decimal(300))


def test_a_mapped_food_without_measures_has_no_grams_for_cups() -> None:
    line = reader(FakeMatcher().knows("arroz", "rice")).read_line("2 tazas de arroz", "es")
    assert (line.ingredient_id, line.grams) == ("rice", None)


def test_coverage_counts_lines_that_name_a_food() -> None:
    matcher = FakeMatcher().knows("arroz", "rice")
    lines = reader(matcher, FakeMeasures().add(RICE)).read(
        ["Para el arroz:", "2 tazas de arroz", "300 g de cecina", "Sal al gusto"], "es"
    )
    coverage = Coverage()
    coverage.add(lines)
    assert (coverage.recipes, coverage.lines, coverage.measured, coverage.mapped) == (1, 3, 2, 1)
    assert (coverage.in_grams, coverage.mapped_measured, coverage.mapped_in_grams) == (2, 1, 1)
    assert coverage.unmapped == {"cecina": 1, "sal": 1}
    assert coverage.percent(coverage.mapped) == 33.3
