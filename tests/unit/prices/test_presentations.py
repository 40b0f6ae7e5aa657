"""Reading PROFECO presentations (strings as they appear in qqp_prices.csv) and store medians."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zerowaste.domain.prices import (
    Observation,
    PackSize,
    parse_presentation,
    summarize,
    unit_price,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("presentation", "amount", "basis"),
    [
        ("Bolsa 1 Kg. Negro", "1", "kg"),
        ("Botella 1 Lt. Vegetal", "1", "l"),
        ("Caja 1 Lt. Entera", "1", "l"),
        ("1 Kg. Granel. Alfa/blanca", "1", "kg"),
        ("Bolsa 900 Gr. Super Extra", "0.9", "kg"),
        ("Lata 400 Gr. con Cocoa", "0.4", "kg"),
        ("Botella 600 Ml. Naranja", "0.6", "l"),
        ("Botella 1.05 Lt. Blanco. Alcohol Cana", "1.05", "l"),
        ("Bolsa Plástico 1.8 Kg. Estándar", "1.8", "kg"),
        ("Caja 257.6 Gr. Chips Ahoy", "0.2576", "kg"),
        # Spanish thousands separator in grams (SOURCE.md: "Bolsa 3.564 Gr." is 3.564 kg).
        ("Bolsa 3.564 Gr. Polvo. Oxigeno Activo", "3.564", "kg"),
        # "Kg." without a number is one kg.
        ("Kg. Ahumado. Marinado", "1", "kg"),
        # N things of X each.
        ("Canasta con 6 Botellas de 355 Ml. No Retornable", "2.13", "l"),
        ("Paquete. con 12 Latas de 355 Ml. C/u", "4.26", "l"),
        ("Caja con 25 Sobres (1.2 Gr. C/u). Limón", "0.03", "kg"),
        # The leftmost figure is the content; later ones describe it.
        ("Caja 200 Gr. (50 Sobres de 4 Gr. C/u). Mascabado", "0.2", "kg"),
        ("Bote 480 Gr. (900 Ml.) Sabor Napolitano", "0.48", "kg"),
        ("Paquete 1 Kg. a 1.1 Kg.", "1", "kg"),
        (
            "Caja 85 Gr. (35 Gr. Flan y 50 Gr. Caramelo). con Caramelo. Sabor Vainilla",
            "0.085",
            "kg",
        ),
        # A figure in parentheses without C/u is the total, not one piece.
        ("Paquete con 2 Chocoroles (100 Gr.)", "0.1", "kg"),
        ("Paquete con 6 Mantecadas. Vainilla (188 Gr.)", "0.188", "kg"),
        # Mass wins over a count of pieces.
        ("Bolsa 20+2 Piezas. 561 Gr.", "0.561", "kg"),
        ("Paquete 140 Gr. 8 Rebanadas", "0.14", "kg"),
        # Counts.
        ("Paquete C/12 Blanco", "12", "unit"),
        ("Paquete C/30 Blanco", "30", "unit"),
        ("Paquete 12 Pzas.", "12", "unit"),
        ("Pieza", "1", "unit"),
        ("Pieza. Romana", "1", "unit"),
        ("Pieza (charola o Bolsa, No Incluye Complementos)", "1", "unit"),
        # A weight range is not a content: one piece.
        ("Concha. Pieza de 68 a 90 Gr. (12 Cm. de Diámetro Aprox.)", "1", "unit"),
        ("Manojo", "1", "bunch"),
        ("Manojo. Cambray", "1", "bunch"),
    ],
)
def test_presentations_are_read_into_their_content(presentation, amount, basis):
    assert parse_presentation(presentation) == PackSize(Decimal(amount), basis)


@pytest.mark.parametrize("presentation", ["Bolsa. Cambray", "", "Granel", "Caja 0 Gr."])
def test_unreadable_contents_are_none_not_a_guess(presentation):
    assert parse_presentation(presentation) is None


def test_non_text_is_none():
    assert parse_presentation(None) is None  # type: ignore[arg-type]


def test_prices_are_normalised_per_basis_unit():
    # Botella 850 Ml. at 42.50 MXN is 50 MXN per litre; C/18 eggs at 54 MXN, 3 MXN per egg.
    assert unit_price(Decimal("42.50"), PackSize(Decimal("0.85"), "l")) == Decimal(50)
    assert unit_price(Decimal(54), PackSize(Decimal(18), "unit")) == Decimal(3)


def seen(store: str, day: int, price: str) -> Observation:
    return Observation(store, date(2026, 4, day), Decimal(price))


def test_the_median_is_over_stores_so_repeated_reports_weigh_once():
    observations = [
        # Store A reports 20.00 on five days; B and C are seen once each.
        *(seen("A", day, "20") for day in range(1, 6)),
        seen("B", 7, "30"),
        seen("C", 9, "40"),
    ]
    summary = summarize(observations, "kg")
    assert summary is not None
    # Per store: A 20, B 30, C 40 -> median 30 (a median over the 7 rows would be 20).
    assert summary.median_mxn == Decimal("30.00")
    assert (summary.observations, summary.stores) == (7, 3)
    assert (summary.first_date, summary.last_date) == (date(2026, 4, 1), date(2026, 4, 9))


def test_an_even_number_of_stores_takes_the_mean_of_the_middle_two_rounded_to_cents():
    summary = summarize([seen("A", 1, "10.001"), seen("B", 2, "11.008")], "l")
    assert summary is not None
    assert summary.median_mxn == Decimal("10.50")  # (10.001 + 11.008) / 2 = 10.5045
    assert summary.basis == "l"


def test_no_observations_no_summary():
    assert summarize([], "kg") is None
