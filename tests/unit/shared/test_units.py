from collections import Counter
from decimal import Decimal

import pytest

from zerowaste.domain.shared.errors import DomainError, InvalidInput
from zerowaste.domain.shared.units import (
    UNIT_ALIASES,
    Dimension,
    IncompatibleUnits,
    InvalidQuantity,
    InvalidUnit,
    Quantity,
    are_convertible,
    convert,
    dimension_of,
    display_unit,
    normalize_measure,
    normalize_unit,
    parse_quantity,
    quantize,
)

pytestmark = pytest.mark.unit

CANONICAL = [
    "g", "kg", "mg", "lb", "oz", "ml", "l", "cup", "tbsp", "tsp", "fl_oz",
    "unit", "dozen", "pack", "can", "bottle", "bunch", "slice", "clove", "serving",
]  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Kilogramos", "kg"), ("kilos", "kg"), ("kg", "kg"), ("KG", "kg"), ("kgs", "kg"),
        ("Gramos", "g"), ("gr", "g"), ("g", "g"), ("grs", "g"), ("grams", "g"),
        ("miligramos", "mg"), ("mg", "mg"),
        ("litros", "l"), ("Litro", "l"), ("l", "l"), ("L", "l"), ("lt", "l"), ("liters", "l"),
        ("ml", "ml"), ("mililitros", "ml"), ("ML", "ml"), ("cc", "ml"),
        ("tazas", "cup"), ("taza", "cup"), ("cup", "cup"), ("cups", "cup"),
        ("cucharadas", "tbsp"), ("cda", "tbsp"), ("cdas", "tbsp"), ("tbsp", "tbsp"),
        ("cucharaditas", "tsp"), ("cdta", "tsp"), ("tsp", "tsp"), ("teaspoons", "tsp"),
        ("unidades", "unit"), ("piezas", "unit"), ("pieza", "unit"), ("unidad", "unit"),
        ("u", "unit"), ("pzas", "unit"), ("units", "unit"), ("unit", "unit"), ("pcs", "unit"),
        ("Unidades", "unit"), ("uds", "unit"),
        ("onzas", "oz"), ("oz", "oz"), ("ounces", "oz"),
        ("libras", "lb"), ("lb", "lb"), ("lbs", "lb"), ("pounds", "lb"),
        ("fl_oz", "fl_oz"), ("fl oz", "fl_oz"), ("fl. oz.", "fl_oz"),
        ("Onzas líquidas", "fl_oz"), ("fluid ounces", "fl_oz"),
        ("docena", "dozen"), ("docenas", "dozen"), ("dozen", "dozen"),
        ("paquete", "pack"), ("paquetes", "pack"), ("pack", "pack"), ("bolsas", "pack"),
        ("lata", "can"), ("latas", "can"), ("cans", "can"),
        ("botellas", "bottle"),
        ("manojo", "bunch"), ("manojos", "bunch"), ("bunches", "bunch"), ("atado", "bunch"),
        ("rebanada", "slice"), ("rebanadas", "slice"), ("slices", "slice"),
        ("diente", "clove"), ("dientes", "clove"), ("cloves", "clove"),
        ("porción", "serving"), ("porciones", "serving"), ("raciones", "serving"),
        ("servings", "serving"),
    ],
)  # fmt: skip
def test_client_spellings_normalize_to_canonical_codes(raw: str, code: str) -> None:
    assert normalize_unit(raw) == code


@pytest.mark.parametrize("raw", ["  KILOGRAMOS  ", "Kílos", "CUCHARADÍTAS", "Mililitros "])
def test_normalization_ignores_case_accents_and_surrounding_spaces(raw: str) -> None:
    assert normalize_unit(raw) in {"kg", "tsp", "ml"}


@pytest.mark.parametrize("code", CANONICAL)
def test_every_canonical_code_normalizes_to_itself(code: str) -> None:
    assert normalize_unit(code) == code


@pytest.mark.parametrize("raw", ["", "   ", "bananas", "m", "kgx", "puñado", "x" * 10_000, None])
def test_unknown_units_are_rejected_with_a_stable_code(raw: str) -> None:
    with pytest.raises(InvalidUnit) as caught:
        normalize_unit(raw)
    assert caught.value.code == "invalid_unit"
    assert isinstance(caught.value, InvalidInput)
    assert len(caught.value.message) < 100


def test_no_spelling_maps_to_two_units() -> None:
    counts = Counter(alias for aliases in UNIT_ALIASES.values() for alias in aliases)
    assert [alias for alias, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(
    ("code", "es", "en"),
    [
        ("unit", "unidades", "units"), ("kg", "kg", "kg"), ("g", "g", "g"), ("l", "l", "l"),
        ("ml", "ml", "ml"), ("cup", "tazas", "cups"), ("tbsp", "cucharadas", "tbsp"),
        ("tsp", "cucharaditas", "tsp"), ("pack", "paquetes", "packs"),
        ("serving", "porciones", "servings"), ("dozen", "docenas", "dozen"),
    ],
)  # fmt: skip
def test_display_unit_gives_the_clients_labels(code: str, es: str, en: str) -> None:
    assert display_unit(code) == es
    assert display_unit(code, language="en") == en
    assert display_unit(code, language="en-US") == en


def test_display_unit_accepts_client_spellings_too() -> None:
    assert display_unit("Tazas") == "tazas"


@pytest.mark.parametrize(
    ("amount", "source", "target", "expected"),
    [
        ("1", "kg", "g", "1000"),
        ("500", "mg", "g", "0.5"),
        ("1", "lb", "g", "453.59237"),
        ("1", "oz", "g", "28.349523125"),
        ("16", "oz", "lb", "1"),
        ("2", "cup", "ml", "480"),
        ("1", "tbsp", "tsp", "3"),
        ("1", "fl_oz", "ml", "29.5735"),
        ("1.5", "l", "ml", "1500"),
        ("750", "ml", "l", "0.75"),
        ("2", "dozen", "unit", "24"),
        ("3", "unit", "unit", "3"),
    ],
)
def test_conversions_within_a_dimension_are_exact(
    amount: str, source: str, target: str, expected: str
) -> None:
    result = convert(Quantity(Decimal(amount), source), target)
    assert result == Quantity(Decimal(expected), target)


def test_convert_accepts_a_client_spelling_as_target() -> None:
    assert convert(Quantity(Decimal(2), "kg"), "gramos").amount == Decimal(2000)


def test_round_trip_through_pounds_is_exact_at_storage_precision() -> None:
    there = convert(Quantity(Decimal("1234.567"), "g"), "lb")
    back = convert(there, "g")
    assert quantize(back.amount) == Decimal("1234.567")


@pytest.mark.parametrize(
    ("source", "target"),
    [("g", "ml"), ("l", "kg"), ("g", "unit"), ("unit", "ml"), ("pack", "unit"), ("can", "pack")],
)
def test_conversion_across_groups_is_rejected(source: str, target: str) -> None:
    with pytest.raises(IncompatibleUnits) as caught:
        convert(Quantity(Decimal(1), source), target)
    assert caught.value.code == "incompatible_units"
    assert isinstance(caught.value, DomainError)


def test_mass_and_volume_convert_with_a_density() -> None:
    assert convert(Quantity(Decimal(240), "ml"), "g", grams_per_ml=Decimal("0.5")).amount == 120
    grams_to_cups = convert(Quantity(Decimal(480), "g"), "cup", grams_per_ml=Decimal(2))
    assert grams_to_cups == Quantity(Decimal(1), "cup")


def test_a_density_does_not_make_pieces_convertible() -> None:
    with pytest.raises(IncompatibleUnits):
        convert(Quantity(Decimal(1), "unit"), "g", grams_per_ml=Decimal(1))


@pytest.mark.parametrize("density", [Decimal(0), Decimal(-1), Decimal("NaN")])
def test_a_density_must_be_positive_and_finite(density: Decimal) -> None:
    with pytest.raises(InvalidQuantity):
        convert(Quantity(Decimal(1), "g"), "ml", grams_per_ml=density)


def test_dimensions_and_convertibility() -> None:
    assert dimension_of("Kilos") is Dimension.MASS
    assert dimension_of("tazas") is Dimension.VOLUME
    assert dimension_of("paquete") is Dimension.COUNT
    assert are_convertible("kg", "onzas")
    assert are_convertible("docena", "unidades")
    assert not are_convertible("paquete", "unidades")
    assert not are_convertible("g", "ml")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (2, Decimal("2.000")),
        (0.1, Decimal("0.100")),
        (Decimal("1.5"), Decimal("1.500")),
        ("2.25", Decimal("2.250")),
        (" 3 ", Decimal("3.000")),
        ("1.2345", Decimal("1.235")),
        (1.0005, Decimal("1.001")),
        ("1e2", Decimal("100.000")),
    ],
)
def test_parse_quantity_accepts_numbers_and_rounds_half_up_to_3_places(
    amount: object, expected: Decimal
) -> None:
    quantity = parse_quantity(amount, "Gramos")  # type: ignore[arg-type]
    assert quantity.unit == "g"
    assert quantity.amount == expected
    assert quantity.amount.as_tuple().exponent == -3


@pytest.mark.parametrize(
    "amount",
    [
        -1, 0, "0", Decimal("-0.5"), float("nan"), "NaN", Decimal("sNaN"), float("inf"),
        "-Infinity", 1e12, Decimal("1e12"), pytest.param(10**5000, id="huge-int"), "abc", "",
        "1,5", True, None, [1], "0.0004", pytest.param(-(10**5000), id="huge-negative-int"),
    ],
)  # fmt: skip
def test_parse_quantity_rejects_bad_amounts(amount: object) -> None:
    with pytest.raises(InvalidQuantity) as caught:
        parse_quantity(amount, "kg")  # type: ignore[arg-type]
    assert caught.value.code == "invalid_quantity"


def test_zero_is_accepted_only_when_allowed() -> None:
    assert parse_quantity(0, "kg", allow_zero=True) == Quantity(Decimal("0.000"), "kg")
    with pytest.raises(InvalidQuantity):
        parse_quantity(-1, "kg", allow_zero=True)


@pytest.mark.parametrize(
    ("amount", "unit", "accepted"),
    [
        ("100", "kg", True), ("100.001", "kg", False), ("100000", "g", True),
        ("100001", "g", False), ("220", "lb", True), ("221", "lb", False),
        ("100", "l", True), ("417", "cup", False), ("100000", "unidades", True),
        ("8334", "docenas", False), ("100000", "paquetes", True),
    ],
)  # fmt: skip
def test_the_ceiling_is_100000_in_canonical_terms(amount: str, unit: str, accepted: bool) -> None:
    if accepted:
        assert parse_quantity(amount, unit).amount == Decimal(amount)
    else:
        with pytest.raises(InvalidQuantity):
            parse_quantity(amount, unit)


def test_quantity_rejects_negative_amounts_and_non_canonical_units() -> None:
    with pytest.raises(InvalidQuantity):
        Quantity(Decimal(-1), "g")
    with pytest.raises(InvalidUnit):
        Quantity(Decimal(1), "kilos")
    with pytest.raises(InvalidQuantity):
        Quantity(1.5, "g")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("pizca", "pinch"),
        ("pizcas", "pinch"),
        ("pinches", "pinch"),
        ("chorrito", "dash"),
        ("puñado", "handful"),
        ("ramitas", "sprig"),
        ("sprigs", "sprig"),
        ("hojas", "leaf"),
        ("leaves", "leaf"),
        ("cabezas", "head"),
        ("tallos", "stalk"),
        ("ribs", "stalk"),
        ("sticks", "stick"),
        ("vasos", "glass"),
        ("pints", "pint"),
        ("qt", "quart"),
        ("gal", "gallon"),
        ("dl", "dl"),
        ("cl", "cl"),
        ("tablespoonful", "tbsp"),
        ("cucharadas soperas", "tbsp"),
        ("gm", "g"),
        ("mazorcas", "unit"),
        ("frasco", "bottle"),
        ("kg", "kg"),
        ("tazas", "cup"),
    ],
)
def test_recipe_measures_normalize(raw: str, code: str) -> None:
    assert normalize_measure(raw) == code


@pytest.mark.parametrize("code", ["pinch", "handful", "sprig", "pint", "gallon", "dl", "glass"])
def test_the_inventory_refuses_recipe_measures(code: str) -> None:
    with pytest.raises(InvalidUnit):
        normalize_unit(code)
    with pytest.raises(InvalidUnit):
        parse_quantity(1, code)


def test_recipe_measures_convert_in_their_group_only() -> None:
    assert convert(Quantity(Decimal(1), "gallon"), "l").amount == Decimal("3.785411784")
    assert convert(Quantity(Decimal(2), "pint"), "quart").amount == Decimal(1)
    assert dimension_of("pinch") is Dimension.COUNT
    assert not are_convertible("pinch", "tsp")
    assert display_unit("pinch", "es") == "pizcas"
    with pytest.raises(IncompatibleUnits):
        convert(Quantity(Decimal(1), "sprig"), "g")
