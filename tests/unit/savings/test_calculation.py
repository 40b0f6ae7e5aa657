"""Savings of ingredient lines (pure rules): amounts, bases, citations and what is missing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zerowaste.domain.prices import Price, PriceBasis
from zerowaste.domain.reference import Footprint
from zerowaste.domain.savings.calculation import (
    UNIT_CARBON,
    UNIT_COST,
    UNIT_ENERGY,
    UNIT_WATER,
    Figure,
    IngredientLine,
    MissingData,
    calculate,
)

pytestmark = pytest.mark.unit

ATTRIBUTION = "Source: Poore & Nemecek (2018), Science; processed by Our World in Data (CC BY 4.0)."
CITATION = "Fuente: PROFECO (test), precios del 2026-04-01 al 2026-05-15."


def footprint(product: str, ghg: float, water: float) -> Footprint:
    return Footprint(product, product, "test", ghg, 0.0, water, None, ATTRIBUTION)


def price(basis: PriceBasis, median: float, ingredient_id: str = "x") -> Price:
    return Price(ingredient_id, basis, median, 10, 3, date(2026, 4, 1), date(2026, 5, 15), CITATION)


# Values of footprint_per_kg.csv (kg CO2e per kg, litres of water per kg).
BEEF = footprint("Beef (beef herd)", 99.48, 1451.2)
MILK = footprint("Milk", 3.15, 628.2)
EGGS = footprint("Eggs", 4.67, 577.7)


def line(name, quantity, unit, fp=None, prices=(), grams_per_piece=None) -> IngredientLine:
    amount = None if quantity is None else Decimal(str(quantity))
    per_piece = None if grams_per_piece is None else Decimal(str(grams_per_piece))
    return IngredientLine(name, amount, unit, fp, tuple(prices), per_piece)


def test_a_recipe_by_hand():
    savings = calculate(
        [
            line("carne molida", 250, "g", BEEF, [price("kg", 150.0)]),
            line("leche", 500, "ml", MILK, [price("l", 28.0)]),
            line("huevo", 2, "piezas", EGGS, [price("unit", 3.5)], grams_per_piece=50),
        ]
    )
    beef, milk, eggs = savings.lines
    # 0.25 kg x 99.48 = 24.87 kg CO2e; 0.25 x 1451.2 = 362.8 L; 0.25 x 150 = 37.50 MXN
    assert (beef.kilograms, beef.carbon.value, beef.water.value) == (0.25, 24.87, 362.8)
    assert beef.cost == Figure(37.5, UNIT_COST, CITATION)
    # 0.5 L (a litre counts as a kg) x 3.15 = 1.575; x 628.2 = 314.1 L; 0.5 x 28 = 14.00 MXN
    assert (milk.kilograms, milk.carbon.value, milk.water.value) == (0.5, 1.575, 314.1)
    assert (milk.cost.value, milk.price_basis) == (14.0, "l")
    # 2 x 50 g = 0.1 kg x 4.67 = 0.467; x 577.7 = 57.77 -> 57.8 L; 2 x 3.50 = 7.00 MXN
    assert (eggs.kilograms, eggs.carbon.value, eggs.water.value) == (0.1, 0.467, 57.8)
    assert (eggs.cost.value, eggs.price_basis) == (7.0, "unit")
    # Totals: 24.87 + 1.575 + 0.467 = 26.912; 362.8 + 314.1 + 57.8 = 734.7; 37.5 + 14 + 7 = 58.5
    assert savings.carbon == Figure(26.912, UNIT_CARBON, ATTRIBUTION)
    assert savings.water == Figure(734.7, UNIT_WATER, ATTRIBUTION)
    assert savings.cost == Figure(58.5, UNIT_COST, CITATION)
    assert savings.energy == Figure(0.0, UNIT_ENERGY, None)
    assert savings.energy_available is False
    assert savings.missing_data == ()
    assert savings.complete


def test_pieces_without_a_weight_keep_their_money_and_report_their_footprint_missing():
    savings = calculate([line("huevo", 3, "unidades", EGGS, [price("unit", 2.77)])])
    (eggs,) = savings.lines
    assert eggs.kilograms is None
    assert eggs.carbon == Figure(None, UNIT_CARBON, None)
    assert eggs.water == Figure(None, UNIT_WATER, None)
    assert eggs.cost.value == 8.31  # 3 x 2.77
    assert savings.missing_data == (MissingData(0, "huevo", ("carbon", "water"), "no_weight"),)
    assert savings.carbon.value == 0.0 and savings.carbon.source is None
    assert not savings.complete


def test_a_dozen_is_twelve_pieces():
    savings = calculate([line("huevo", 1, "docena", EGGS, [price("unit", 3.0)], 50)])
    # 12 x 50 g = 0.6 kg x 4.67 = 2.802 kg CO2e; 12 x 3 = 36 MXN
    assert (savings.carbon.value, savings.cost.value) == (2.802, 36.0)


def test_a_mass_line_reaches_a_price_per_piece_through_the_weight_per_piece():
    savings = calculate([line("huevo", 200, "g", EGGS, [price("unit", 3.0)], 50)])
    assert savings.lines[0].cost.value == 12.0  # 200 g / 50 g = 4 pieces x 3 MXN


def test_a_mass_line_without_a_weight_per_piece_cannot_use_a_price_per_piece():
    savings = calculate([line("huevo", 200, "g", EGGS, [price("unit", 3.0)])])
    assert savings.lines[0].carbon.value == 0.934  # 0.2 x 4.67: the footprint still applies
    assert savings.missing_data == (MissingData(0, "huevo", ("cost",), "no_price_for_unit"),)


def test_the_line_basis_is_preferred_and_litres_meet_kilos_as_water_like():
    both = [price("kg", 100.0), price("l", 50.0)]
    by_volume = calculate([line("crema", 200, "ml", MILK, both)]).lines[0]
    by_mass = calculate([line("crema", 200, "g", MILK, both)]).lines[0]
    assert (by_volume.cost.value, by_volume.price_basis) == (10.0, "l")
    assert (by_mass.cost.value, by_mass.price_basis) == (20.0, "kg")
    only_per_litre = calculate([line("aceite", 2, "cucharadas", None, [price("l", 45.0)])])
    assert only_per_litre.lines[0].cost.value == 1.35  # 30 ml x 45 MXN/L


def test_bunches_are_priced_per_bunch_and_have_no_weight():
    other_veg = footprint("Other Vegetables", 0.53, 102.5)
    savings = calculate([line("cilantro", 1, "manojo", other_veg, [price("bunch", 10.4)])])
    assert savings.lines[0].cost.value == 10.4
    assert savings.missing_data == (MissingData(0, "cilantro", ("carbon", "water"), "no_weight"),)


@pytest.mark.parametrize(
    ("quantity", "unit", "reason"),
    [(None, "g", "no_quantity"), (2, None, "no_quantity"), (-1, "g", "no_quantity"),
     (2, "puñito", "unknown_unit")],
)  # fmt: skip
def test_lines_without_a_usable_amount_lack_every_figure(quantity, unit, reason):
    savings = calculate([line("sal", quantity, unit, MILK, [price("kg", 10.0)])])
    assert savings.missing_data == (MissingData(0, "sal", ("carbon", "water", "cost"), reason),)
    assert savings.lines[0].cost.value is None


def test_unknown_food_lacks_footprint_and_price():
    savings = calculate([line("xyzzy", 1, "kg")])
    assert savings.missing_data == (
        MissingData(0, "xyzzy", ("carbon", "water"), "no_footprint"),
        MissingData(0, "xyzzy", ("cost",), "no_price"),
    )


def test_counted_units_of_unknown_size_are_missing_not_guessed():
    savings = calculate([line("atún", 1, "lata", None, [price("kg", 150.0)])])
    assert [m.reason for m in savings.missing_data] == ["no_footprint", "no_price_for_unit"]


def test_money_rounds_half_up_and_totals_add_the_rounded_lines():
    savings = calculate(
        [
            line("a", 125, "g", None, [price("kg", 10.1)]),  # 1.2625 -> 1.26
            line("b", 125, "g", None, [price("kg", 10.2)]),  # 1.275 -> 1.28 (half up)
        ]
    )
    assert [ln.cost.value for ln in savings.lines] == [1.26, 1.28]
    assert savings.cost.value == 2.54


def test_zero_quantity_saves_nothing_but_is_known():
    savings = calculate([line("leche", 0, "ml", MILK, [price("l", 28.0)])])
    assert (savings.carbon.value, savings.cost.value) == (0.0, 0.0)
    assert savings.complete


def test_sources_of_a_total_are_listed_once_each():
    other = Price("y", "kg", 20.0, 1, 1, date(2025, 12, 16), date(2025, 12, 31), "Dic 2025")
    savings = calculate(
        [
            line("a", 1, "kg", BEEF, [price("kg", 10.0)]),
            line("b", 1, "kg", MILK, [price("kg", 10.0)]),
            line("c", 1, "kg", EGGS, [other]),
        ]
    )
    assert savings.carbon.source == ATTRIBUTION
    assert savings.cost.source == f"{CITATION} | Dic 2025"


def test_an_estimated_footprint_counts_cited_as_its_own_and_marks_its_line():
    estimate = Footprint("Chapulines", "Chapulines", "ai_estimate", 2.5, 0.0, 40.0, None, "AI")
    lines = [
        line("Carne de res", 0.5, "kg", BEEF),
        IngredientLine("Chapulines", Decimal("0.2"), "kg", estimate, footprint_estimated=True),
        IngredientLine("Nopal", Decimal(1), "kg", footprint_estimated=True),  # no figure: no mark
    ]

    saved = calculate(lines)

    assert saved.estimated == ("Chapulines",)
    assert saved.carbon == Figure(50.24, UNIT_CARBON, f"{ATTRIBUTION} | AI")  # 49.74 + 0.5
    assert saved.water == Figure(733.6, UNIT_WATER, f"{ATTRIBUTION} | AI")  # 725.6 + 8.0
    assert [m.name for m in saved.missing_data if "carbon" in m.figures] == ["Nopal"]
