"""Receipt lines -> quantity, unit and name: the pure rules behind the local OCR provider."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.domain.recognition.durations import as_time_span
from zerowaste.domain.recognition.receipts import (
    is_not_item,
    parse_line,
    parse_receipt,
    says_frozen,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("line", "name", "quantity", "unit", "price"),
    [
        # the brief's examples
        ("2x Tomate 1.20", "Tomate", "2", "unit", "1.20"),
        ("LECHE LALA 1L 23.50", "LECHE LALA", "1", "l", "23.50"),
        ("Arroz SOS 1 kg $32.90", "Arroz SOS", "1", "kg", "32.90"),
        ("3 PZ AGUACATE HASS 45.00", "AGUACATE HASS", "3", "unit", "45.00"),
        ("Pechuga pollo 0.750 kg", "Pechuga pollo", "0.750", "kg", None),
        ("Milk 1L 0.99", "Milk", "1", "l", "0.99"),
        # counts: leading, glued, spaced, trailing, with a unit price
        ("2 Cebollas 10.00", "Cebollas", "2", "unit", "10.00"),
        ("2 X Tomate 2.40", "Tomate", "2", "unit", "2.40"),
        ("Tomate x2 2.40", "Tomate", "2", "unit", "2.40"),
        ("Tomate x 3", "Tomate", "3", "unit", None),
        ("TOMATE 2 x 12.50 25.00", "TOMATE", "2", "unit", "25.00"),
        ("LIMON 4 @ 2.50 10.00", "LIMON", "4", "unit", "10.00"),
        ("12 Tortillas", "Tortillas", "12", "unit", None),
        # count times size; pieces times pieces; dozens are pieces
        ("2 x LECHE LALA 1L 47.00", "LECHE LALA", "2", "l", "47.00"),
        ("2x HUEVO SAN JUAN 18 PZ 104.00", "HUEVO SAN JUAN", "36", "unit", "104.00"),
        ("1 docena huevo", "huevo", "12", "unit", None),
        ("Eggs 12 ct 3.49", "Eggs", "12", "unit", "3.49"),
        # sizes glued or spaced, any case, plural abbreviations, comma decimals
        ("Jamon 250g 35.00", "Jamon", "250", "g", "35.00"),
        ("Crema mexicana 200 ml 25.00", "Crema mexicana", "200", "ml", "25.00"),
        ("Coca Cola 600ML 18.00 T", "Coca Cola", "600", "ml", "18.00"),
        ("Agua 1.5 Lts 14.00", "Agua", "1.5", "l", "14.00"),
        ("Cebolla blanca 0,5 kg 12.00", "Cebolla blanca", "0.5", "kg", "12.00"),
        ("Papa 2 kgs 30.00", "Papa", "2", "kg", "30.00"),
        ("Bananas 2 lb 1.18", "Bananas", "2", "lb", "1.18"),
        ("Atun 3 latas 54.00", "Atun", "3", "can", "54.00"),
        ("Cilantro 1 manojo 8.00", "Cilantro", "1", "bunch", "8.00"),
        # thousands or decimal comma: whichever is a plausible amount
        ("Queso Oaxaca 1,500 g 120,50", "Queso Oaxaca", "1500", "g", "120.50"),
        ("Azucar 2,500 kg 60.00", "Azucar", "2.5", "kg", "60.00"),
        # weighed produce with a price per kilo
        ("AGUACATE 1.250 KG X $45.00/KG 56.25", "AGUACATE", "1.250", "kg", "56.25"),
        # SKUs, codes, tax flags and punctuation are noise
        ("7501055300075 LECHE LALA 23.50 A", "LECHE LALA", "1", "unit", "23.50"),
        ("*PAN BIMBO* 680g 45.00", "PAN BIMBO", "680", "g", "45.00"),
        ("Manzana roja, 1 kg. 39.90", "Manzana roja", "1", "kg", "39.90"),
        ("Yogurt natural 1,234.50", "Yogurt natural", "1", "unit", "1234.50"),
        ("S42.00 Frijol negro", "Frijol negro", "1", "unit", "42.00"),
        # English ticket
        ("Chicken breast 1.32 lb 6.59", "Chicken breast", "1.32", "lb", "6.59"),
        ("ORANGE JUICE 52 FL OZ 4.99", "ORANGE JUICE", "52", "fl_oz", "4.99"),
        # no quantity: one piece, and the line says it stated none
        ("Cilantro", "Cilantro", "1", "unit", None),
    ],
)
def test_a_receipt_line_gives_name_quantity_unit_and_price(line, name, quantity, unit, price):
    item = parse_line(line)
    assert item is not None, line
    assert item.name == name
    assert item.quantity == Decimal(quantity)
    assert item.unit == unit
    assert item.price == (None if price is None else Decimal(price))


def test_quantity_stated_tells_a_ticket_quantity_from_the_assumed_one():
    assert parse_line("Cilantro 8.00").quantity_stated is False  # type: ignore[union-attr]
    assert parse_line("Cilantro 1 manojo").quantity_stated is True  # type: ignore[union-attr]
    assert parse_line("2 Cilantro").quantity_stated is True  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "line",
    [
        "TOTAL 303.40",
        "SUBTOTAL 250.00",
        "Sub-Total: 250.00",
        "IVA 16% 40.00",
        "I.E.P.S. 8% 3.20",
        "CAMBIO 16.60",
        "EFECTIVO 320.00",
        "TARJETA VISA ****1234 303.40",
        "Su pago: 320.00",
        "Fecha: 12/05/2025 14:32",
        "14:32:05",
        "RFC: SME850101ABC",
        "SUPER MERCADO LA ESPERANZA",
        "Walmart de Mexico S.A. de C.V.",
        "Tiendas Soriana",
        "Av. Insurgentes Sur 1234 CP 03100",
        "Tel. 55 1234 5678",
        "Gracias por su compra",
        "ARTICULOS VENDIDOS 7",
        "Cant Descripcion Importe",
        "TAX 1.23",
        "CHANGE DUE 0.50",
        "THANK YOU FOR SHOPPING",
        "Total items: 5",
        "AHORRO 12.00",
        "--------------------",
        "==== 303.40 ====",
        "1.20",
        "2 x 12.50 25.00",
        "",
        "   ",
        "7501055300075",
    ],
)
def test_totals_taxes_payment_headers_and_bare_numbers_are_not_items(line):
    assert parse_line(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("TOTAL 10.00", True),
        ("Sub total", True),
        ("Col morada 1 pz", False),  # "col" (cabbage) is not the address word "colonia"
        ("Crema mexicana", False),
        ("Chocolate de mesa", False),
        ("Zanahoria", False),
        ("Comino molido", False),
    ],
)
def test_is_not_item_matches_whole_words_only(line, expected):
    assert is_not_item(line) is expected


def test_a_quantity_line_completes_the_item_above_it():
    items = parse_receipt(
        [
            "PLATANO",
            "1.235 kg @ $25.90/kg 31.98",
            "TOMATE 10.00",
            "2 @ 5.00 10.00",
            "TOTAL 41.98",
        ]
    )
    assert [(i.name, i.quantity, i.unit, i.price, i.lines) for i in items] == [
        ("PLATANO", Decimal("1.235"), "kg", Decimal("31.98"), (0, 1)),
        ("TOMATE", Decimal(2), "unit", Decimal("10.00"), (2, 3)),
    ]
    assert all(i.quantity_stated for i in items)


def test_a_quantity_line_never_overrides_a_stated_quantity_or_starts_an_item():
    items = parse_receipt(["1 kg 20.00", "Arroz 2 kg 40.00", "3 pz 9.00"])
    assert [(i.name, i.quantity, i.unit, i.lines) for i in items] == [
        ("Arroz", Decimal(2), "kg", (1,))
    ]


def test_a_whole_ticket_in_spanish_keeps_only_items_in_order():
    ticket = [
        "SUPER MERCADO LA ESPERANZA",
        "RFC: SME850101ABC",
        "Fecha: 12/05/2025 14:32",
        "2x Tomate 1.20",
        "LECHE LALA 1L 23.50",
        "3 PZ AGUACATE HASS 45.00",
        "Pechuga pollo 0.750 kg 89.90",
        "SUBTOTAL 159.60",
        "IVA 0.00",
        "TOTAL 159.60",
        "EFECTIVO 200.00",
        "CAMBIO 40.40",
    ]
    items = parse_receipt(ticket)
    assert [(i.name, str(i.quantity), i.unit) for i in items] == [
        ("Tomate", "2.000", "unit"),
        ("LECHE LALA", "1.000", "l"),
        ("AGUACATE HASS", "3.000", "unit"),
        ("Pechuga pollo", "0.750", "kg"),
    ]
    assert [i.lines for i in items] == [(3,), (4,), (5,), (6,)]


def test_an_english_ticket():
    ticket = [
        "WHOLE FOODS MARKET",
        "Milk 1L 0.99",
        "Bananas 2 lb 1.18",
        "SUBTOTAL 2.17",
        "TAX 0.00",
    ]
    assert [(i.name, str(i.quantity), i.unit) for i in parse_receipt(ticket)] == [
        ("Milk", "1.000", "l"),
        ("Bananas", "2.000", "lb"),
    ]


def test_implausible_amounts_are_not_quantities():
    item = parse_line("Azucar 0 kg 20.00")
    assert item is not None and (item.quantity, item.unit, item.quantity_stated) == (
        1,
        "unit",
        False,
    )
    huge = parse_line("Arroz 500 kg 20.00")  # more than 100 kg is a misread, not a purchase
    assert huge is not None and huge.unit == "unit"


@pytest.mark.parametrize("line", ["0x Tomate 1.20", "Tomate x0 1.20", "0 Tomate", "Tomate x 0"])
def test_a_zero_count_is_no_count(line):
    item = parse_line(line)
    assert item is not None and (item.name, item.quantity, item.quantity_stated) == (
        "Tomate",
        1,
        False,
    )


def test_long_names_are_cut():
    item = parse_line("Queso " + "muy " * 40 + "rico 20.00")
    assert item is not None and len(item.name) <= 80


@pytest.mark.parametrize(
    ("line", "frozen"),
    [
        ("POLLO CONGELADO 1 kg", True),
        ("Chícharos congelados 500 g", True),
        ("Frozen peas 16 oz", True),
        ("Pechuga de pollo 1 kg", False),
    ],
)
def test_says_frozen(line, frozen):
    assert says_frozen(line) is frozen


@pytest.mark.parametrize(
    ("days", "span"),
    [
        (0, (1, "Días")),
        (1, (1, "Días")),
        (7, (7, "Días")),
        (10, (10, "Días")),
        (14, (2, "Semanas")),
        (21, (3, "Semanas")),
        (30, (30, "Días")),
        (45, (45, "Días")),
        (60, (2, "Meses")),
        (90, (3, "Meses")),
        (270, (9, "Meses")),
        (365, (1, "Años")),
        (730, (2, "Años")),
        (3650, (10, "Años")),
        (400, (400, "Días")),
    ],
)
def test_shelf_life_days_become_the_largest_exact_time_unit(days, span):
    assert as_time_span(days) == span
