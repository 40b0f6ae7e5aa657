"""Amounts at the head of a line: fractions, unicode fractions, mixed numbers, ranges, words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.domain.recipes.amounts import normalize_text, number, read_amount

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2", "2"),
        ("1.5", "1.5"),
        ("1,5", "1.5"),  # decimal comma
        ("1,500", "1500"),  # three digits: thousands
        ("1/2", "0.5"),
        ("3/4", "0.75"),
        ("1 1/2", "1.5"),
        ("1-1/2", "1.5"),
        ("2 y 1/2", "2.5"),
        ("2 and 1/2", "2.5"),
    ],
)
def test_numbers_read_as_exact_decimals(text: str, value: str) -> None:
    assert number(text) == Decimal(value)


def test_thirds_stay_exact_to_the_decimal_context() -> None:
    assert number("1/3") == Decimal(1) / Decimal(3)


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("½ taza", "1/2 taza"),
        ("1½ cups", "1 1/2 cups"),
        ("1 ½ teaspoons", "1 1/2 teaspoons"),
        ("¾t Cayenne", "3/4t Cayenne"),
        ("1–2 L", "1-2 L"),
        ("2\u00a0kg", "2 kg"),
    ],
)
def test_unicode_fractions_and_dashes_become_ascii(raw: str, normalized: str) -> None:
    assert normalize_text(raw) == normalized


@pytest.mark.parametrize(
    ("text", "low", "high", "rest"),
    [
        ("2 tazas de arroz", "2", "2", "tazas de arroz"),
        ("1 - 2L milk", "1", "2", "L milk"),
        ("2-3 cucharadas", "2", "3", "cucharadas"),
        ("2 a 3 tazas", "2", "3", "tazas"),
        ("1 o 2 dientes", "1", "2", "dientes"),
        ("3 to 4 cups", "3", "4", "cups"),
        ("2 or 3 eggs", "2", "3", "eggs"),
        ("1-1/2 cups yogurt", "1.5", "1.5", "cups yogurt"),
        ("400g pasta", "400", "400", "g pasta"),
        ("3 - 1 cups", "1", "3", "cups"),  # a reversed range is ordered
    ],
)
def test_amounts_and_ranges_at_the_head(text: str, low: str, high: str, rest: str) -> None:
    found = read_amount(text)
    assert found is not None
    amount, after = found
    assert (amount.low, amount.high, after) == (Decimal(low), Decimal(high), rest)


@pytest.mark.parametrize("text", ["~150g bacon", "aprox. 2 tazas", "about 3 cups", "unos 200 g"])
def test_approximate_markers_are_noted_and_the_figure_kept(text: str) -> None:
    found = read_amount(text)
    assert found is not None
    assert found[0].approximate


@pytest.mark.parametrize(
    ("text", "value", "rest"),
    [
        ("una pizca de sal", "1", "pizca de sal"),
        ("dos tazas de agua", "2", "tazas de agua"),
        ("media taza de leche", "0.5", "taza de leche"),
        ("A handful of chopped onion", "1", "handful of chopped onion"),
        ("Eight ears of corn", "8", "ears of corn"),
        ("a quarter of a pound of sugar", "0.25", "of a pound of sugar"),
        ("una docena de huevos", "12", "de huevos"),
    ],
)
def test_number_words_open_lines(text: str, value: str, rest: str) -> None:
    found = read_amount(text)
    assert found is not None
    assert (found[0].high, found[1]) == (Decimal(value), rest)


@pytest.mark.parametrize(
    "text",
    ["Sal al gusto", "A few saffron threads", "a little sugar", "un poco de agua", "Agua", "0 g"],
)
def test_vague_or_missing_amounts_are_none(text: str) -> None:
    assert read_amount(text) is None
