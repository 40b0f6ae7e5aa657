"""English lines through ingredient-parser-nlp, with the data pack's NLTK tagger (no download)."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import data_pack_dir
from zerowaste.domain.shared.units import Quantity
from zerowaste.infrastructure.recipes.english import EnglishLineParser
from zerowaste.infrastructure.recipes.parsing import RecipeLineParser

pytestmark = pytest.mark.integration

D = Decimal


@pytest.fixture(scope="module")
def english() -> EnglishLineParser:
    return EnglishLineParser(data_pack_dir() / "nltk_data")


def test_the_tagger_comes_from_the_data_pack_and_nothing_is_downloaded(monkeypatch) -> None:
    import nltk

    def no_download(*args: object, **kwargs: object) -> None:
        pytest.fail("NLTK tried to download a resource")

    monkeypatch.setattr(nltk.downloader, "download", no_download)
    line = EnglishLineParser(data_pack_dir() / "nltk_data").parse("1 cup rice")
    assert (line.quantity, line.unit, line.food) == (D(1), "cup", "rice")
    found = Path(str(nltk.data.find("taggers/averaged_perceptron_tagger_eng/")))
    assert data_pack_dir().resolve() in found.resolve().parents


def test_flour_sifted(english) -> None:
    line = english.parse("2 1/2 cups all-purpose flour, sifted")
    assert (line.quantity, line.unit, line.food, line.preparation) == (
        D("2.5"),
        "cup",
        "all-purpose flour",
        "sifted",
    )


def test_an_approximate_weight_with_pounds_beside_it(english) -> None:
    line = english.parse("~150g (1/3 lb) bacon cubes")
    assert (line.quantity, line.unit, line.food, line.approximate) == (
        D(150),
        "g",
        "bacon cubes",
        True,
    )
    assert line.alternative is not None and line.alternative.unit == "lb"


def test_a_range_in_litres(english) -> None:
    line = english.parse("1 - 2L (1/4 - 1/2 gal) milk")
    assert (line.quantity, line.quantity_min, line.unit, line.food) == (D(2), D(1), "l", "milk")
    assert line.alternative == Quantity(D("0.5"), "gallon")


def test_cans_with_their_size_and_alternatives(english) -> None:
    line = english.parse("4 28 oz cans of whole or diced tomatoes")
    assert (line.quantity, line.unit, line.alternative) == (D(4), "can", Quantity(D(112), "oz"))
    assert line.food == "whole tomatoes"
    assert "diced tomatoes" in line.alternatives


def test_a_multiplier_times_its_size(english) -> None:
    line = english.parse("2 x 400g tinned chopped tomatoes")
    assert (line.quantity, line.unit) == (D(800), "g")


@pytest.mark.parametrize(
    ("text", "quantity", "unit"),
    [
        ("9 dl milk", "9", "dl"),  # the model leaves "dl" in the name
        ("2 tblsp butter", "2", "tbsp"),
        ("1dl flour", "1", "dl"),  # the model finds no amount: the rules do
        ("a dozen eggs", "12", "unit"),
        ("1 lb 2 oz ground beef", "1.125", "lb"),
        ("1 small bunch of coriander leaves", "1", "bunch"),
        ("500 gm of Greek Yogurt", "500", "g"),
    ],
)
def test_units_the_model_leaves_loose(english, text, quantity, unit) -> None:
    line = english.parse(text)
    assert (line.quantity, line.unit) == (D(quantity), unit), line


def test_to_taste_without_amount_is_optional(english) -> None:
    line = english.parse("Salt & Pepper (to taste)")
    assert line.optional and line.quantity is None


def test_a_failing_model_leaves_the_line_to_the_rules(english, monkeypatch) -> None:
    def broken(text: str) -> object:
        raise RuntimeError("model exploded")

    parser = EnglishLineParser(data_pack_dir() / "nltk_data")
    monkeypatch.setattr(parser, "_model", lambda: broken)
    line = parser.parse("2 cups of rice")
    assert (line.quantity, line.unit, line.food) == (D(2), "cup", "rice")


def test_the_language_picks_the_reader(english) -> None:
    parser = RecipeLineParser(english)
    assert parser.parse("2 tazas de arroz", "es").food == "arroz"
    assert parser.parse("2 cups rice", "en").food == "rice"
    assert RecipeLineParser(None).parse("2 cups rice", "en").food == "rice"  # rules


def test_parsing_costs_milliseconds_per_line(english) -> None:
    """LIBRARIES.md says 1-3 ms/line; measured 4-7 on the shared 2-core machine. The bound
    catches a slow option (foundation_foods=True costs ~120 ms/line), not noise."""
    english.parse("1 cup rice")
    lines = [f"{n} cups chopped onion, diced" for n in range(1, 101)]
    started = time.perf_counter()
    for text in lines:
        english.parse(text)
    per_line = (time.perf_counter() - started) / len(lines)
    assert per_line < 0.05
