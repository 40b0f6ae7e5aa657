"""SavingsCalculator over the real data pack: a recipe computed by hand from the footprint CSV."""

from __future__ import annotations

import csv
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.conftest import data_pack_dir
from tests.fakes.savings import FakePriceCatalog
from zerowaste.application.savings.calculator import FoodLine, SavingsCalculator
from zerowaste.domain.prices import Price
from zerowaste.domain.savings.calculation import MissingData
from zerowaste.infrastructure.reference import datapack
from zerowaste.infrastructure.reference.catalog import DataPackCatalog

pytestmark = pytest.mark.unit

DATA_DIR = data_pack_dir()


@pytest.fixture(scope="module")
def calculator() -> SavingsCalculator:
    catalog = DataPackCatalog.from_data_dir(DATA_DIR)
    return SavingsCalculator(catalog, catalog)


def footprint_csv() -> dict[str, tuple[float, float]]:
    path = DATA_DIR / "food_footprint_poore_nemecek/footprint_per_kg.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            row["product"]: (float(row["ghg_kg_co2e_per_kg"]), float(row["freshwater_l_per_kg"]))
            for row in csv.DictReader(fh)
        }


def money(amount: Decimal) -> float:
    return float(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_picadillo_by_hand_from_the_footprint_table(calculator):
    table = footprint_csv()
    # The figures the arithmetic below uses, as published in footprint_per_kg.csv:
    assert table["Beef (beef herd)"] == (99.48, 1451.2)
    assert table["Potatoes"] == (0.46, 59.1)
    assert table["Milk"] == (3.15, 628.2)
    assert table["Eggs"] == (4.67, 577.7)

    savings = calculator.calculate(
        [
            FoodLine("carne molida de res", Decimal(500), "g"),
            FoodLine("papas", Decimal(2), "piezas", grams_per_piece=Decimal(150)),
            FoodLine("leche", Decimal(200), "ml"),
            FoodLine("huevos", Decimal(2), "unidades"),  # no weight per piece given
            FoodLine("sal", Decimal(1), "cucharadita"),  # salt: no footprint
        ]
    )
    beef, potatoes, milk, eggs, salt = savings.lines
    # Beef: 0.5 kg x 99.48 = 49.74 kg CO2e; 0.5 x 1451.2 = 725.6 L
    assert (beef.carbon.value, beef.water.value) == (49.74, 725.6)
    # Potatoes: 2 x 150 g = 0.3 kg; 0.3 x 0.46 = 0.138 kg CO2e; 0.3 x 59.1 = 17.73 -> 17.7 L
    assert (potatoes.kilograms, potatoes.carbon.value, potatoes.water.value) == (0.3, 0.138, 17.7)
    # Milk: 0.2 L = 0.2 kg; 0.2 x 3.15 = 0.63 kg CO2e; 0.2 x 628.2 = 125.64 -> 125.6 L
    assert (milk.carbon.value, milk.water.value) == (0.63, 125.6)
    assert eggs.carbon.value is None and salt.carbon.value is None
    # Totals: 49.74 + 0.138 + 0.63 = 50.508 kg CO2e; 725.6 + 17.7 + 125.6 = 868.9 L
    assert (savings.carbon.value, savings.water.value) == (50.508, 868.9)
    assert savings.carbon.source == datapack.FOOTPRINT_ATTRIBUTION
    assert (savings.energy.value, savings.energy_available) == (0.0, False)
    assert savings.missing_data == (
        MissingData(3, "huevos", ("carbon", "water"), "no_weight"),
        MissingData(4, "sal", ("carbon", "water"), "no_footprint"),
    )


def test_money_comes_from_the_price_catalog_with_its_citation(calculator):
    catalog = DataPackCatalog.from_data_dir(DATA_DIR)
    beef = catalog.price_for("carne molida de res", "kg")
    eggs = catalog.price_for("huevo", "unit")
    salt = catalog.price_for("sal", "kg")
    assert beef and eggs and salt
    savings = calculator.calculate(
        [
            FoodLine("carne molida de res", Decimal(500), "g"),
            FoodLine("huevos", Decimal(2), "unidades"),
            FoodLine("sal", Decimal(1), "cucharadita"),  # 5 ml counted as 5 g
        ]
    )
    expected = [
        money(Decimal("0.5") * Decimal(str(beef.median_mxn))),
        money(2 * Decimal(str(eggs.median_mxn))),
        money(Decimal("0.005") * Decimal(str(salt.median_mxn))),
    ]
    assert [line.cost.value for line in savings.lines] == expected
    assert savings.cost.value == round(sum(expected), 2)
    assert savings.lines[1].price_basis == "unit"
    assert savings.lines[0].cost.source == beef.citation
    assert savings.cost.unit == "MXN"


def test_the_calculator_passes_what_the_ports_say_and_the_weight_per_piece():
    eggs = Price("egg", "unit", 3.0, 5, 2, date(2026, 4, 1), date(2026, 4, 30), "PROFECO test")
    catalog = DataPackCatalog.from_data_dir(DATA_DIR)
    calculator = SavingsCalculator(catalog, FakePriceCatalog({"Huevo": [eggs]}))
    savings = calculator.calculate([FoodLine("huevo", Decimal(4), "pzas", Decimal(60))])
    # 4 x 60 g = 0.24 kg x 4.67 (Eggs) = 1.1208 -> 1.121 kg CO2e; 4 x 3.00 = 12.00 MXN
    assert (savings.carbon.value, savings.cost.value) == (1.121, 12.0)
    assert savings.cost.source == "PROFECO test"
