"""The rules: Spanish catalog and client lines, and English lines (the model's fallback)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zerowaste.domain.recipes.lines import ParsedLine, parse_line
from zerowaste.domain.shared.units import Quantity

pytestmark = pytest.mark.unit


def es(text: str) -> ParsedLine:
    return parse_line(text, "es")


def en(text: str) -> ParsedLine:
    return parse_line(text, "en")


@pytest.mark.parametrize(
    ("text", "quantity", "unit", "food"),
    [
        ("2 tazas de arroz", "2", "cup", "arroz"),
        ("1/2 kg de carne molida", "0.5", "kg", "carne molida"),
        ("3 dientes de ajo picados", "3", "clove", "ajo"),
        ("1 lata (400 g) de tomate", "1", "can", "tomate"),
        ("500 g de azúcar", "500", "g", "azúcar"),
        ("1,5 kg de pescado fresco", "1.5", "kg", "pescado fresco"),
        ("2 litros de leche entera", "2", "l", "leche entera"),
        ("1 cucharadita de sal", "1", "tsp", "sal"),
        ("2 cucharadas de mantequilla", "2", "tbsp", "mantequilla"),
        ("1 cucharada sopera de aceite", "1", "tbsp", "aceite"),
        ("1 pizca de sal", "1", "pinch", "sal"),
        ("Una pizca de canela", "1", "pinch", "canela"),
        ("2 libras de ñame pelado y en cubos", "2", "lb", "ñame"),
        ("1 rama de canela", "1", "sprig", "canela"),
        ("2 hojas de laurel", "2", "leaf", "laurel"),
        ("2 cabezas de ajo", "2", "head", "ajo"),
        ("1 manojo de cilantro fresco", "1", "bunch", "cilantro fresco"),
        ("4 mazorcas de maíz tierno", "4", "unit", "maíz tierno"),
        ("2 papas medianas", "2", "unit", "papas"),
        ("2 huevos", "2", "unit", "huevos"),
        ("media taza de leche", "0.5", "cup", "leche"),
        ("1 taza y media de arroz", "1.5", "cup", "arroz"),
        ("3 kilos y medio de papa", "3.5", "kg", "papa"),
    ],
)
def test_spanish_lines(text: str, quantity: str, unit: str, food: str) -> None:
    line = es(text)
    assert (line.quantity, line.unit, line.food) == (Decimal(quantity), unit, food)


def test_a_can_with_its_weight_keeps_both_measures() -> None:
    line = es("2 latas (400 g) de tomate")
    assert (line.quantity, line.unit) == (Decimal(2), "can")
    assert line.alternative == Quantity(Decimal(800), "g")  # per can, times the count


def test_a_weight_after_pieces_is_their_total_unless_it_says_each() -> None:
    assert es("2 cachamas medianas (1,5 kg en total)").alternative == Quantity(Decimal("1.5"), "kg")
    assert en("3 aubergines (900g)").alternative == Quantity(Decimal(900), "g")
    assert en("2 chicken breasts (200 g each)").alternative == Quantity(Decimal(400), "g")


def test_salt_and_pepper_to_taste_names_both_foods_and_is_optional() -> None:
    line = es("Sal y pimienta al gusto")
    assert (line.food, line.more_foods, line.quantity) == ("Sal", ("pimienta",), None)
    assert line.optional
    assert line.foods == ("Sal", "pimienta")


def test_a_list_line_names_every_food_without_its_notes() -> None:
    line = es("Comino, color (achiote), sal y pimienta al gusto")
    assert line.foods == ("Comino", "color", "sal", "pimienta")
    assert line.comment == "achiote"


@pytest.mark.parametrize(
    "text",
    ["1 ají amazónico (opcional)", "Queso rallado (opcional)", "(Opcional) 200 g de carne molida"],
)
def test_optional_lines(text: str) -> None:
    assert es(text).optional


def test_to_taste_with_an_amount_is_still_needed() -> None:
    line = es("2-3 cucharadas de azúcar (ajustar al gusto)")
    assert not line.optional
    assert (line.quantity, line.quantity_min, line.unit) == (Decimal(3), Decimal(2), "tbsp")


def test_preparation_and_size_leave_the_food() -> None:
    line = es("1 cebolla grande, picada")
    assert (line.food, line.size, line.preparation) == ("cebolla", "large", "picada")
    line = es("500 g de camarones medianos, pelados y limpios")
    assert (line.food, line.size, line.preparation) == (
        "camarones",
        "medium",
        "pelados y limpios",
    )


def test_names_that_look_prepared_keep_their_words() -> None:
    assert es("250 g de carne molida (res o cerdo)").food == "carne molida"
    assert es("1 taza de leche condensada").food == "leche condensada"
    assert es("Canela en polvo para decorar").food == "Canela en polvo"


def test_alternatives_share_the_noun() -> None:
    assert es("500 g de frijoles rojos o negros").alternatives == ("frijoles negros",)
    line = es("1 taza de harina de yuca (fariña) o maíz")
    assert (line.food, line.alternatives) == ("harina de yuca", ("harina de maíz",))
    line = en("4 28 oz cans of whole or diced tomatoes")
    assert (line.food, line.alternatives) == ("whole tomatoes", ("diced tomatoes",))


def test_juice_of_a_fruit_counts_the_fruit() -> None:
    line = es("Jugo de 1 limón")
    assert (line.quantity, line.unit, line.food, line.comment) == (
        Decimal(1),
        "unit",
        "limón",
        "Jugo",
    )


def test_purposes_are_comments() -> None:
    line = es("Aceite vegetal para freír")
    assert (line.food, line.comment, line.optional) == ("Aceite vegetal", "para freír", False)


@pytest.mark.parametrize("text", ["Para el Hogao (salsa criolla):", "Sauce:", "", "   "])
def test_headings_name_no_food(text: str) -> None:
    assert es(text).food == ""
    assert es(text).foods == ()


@pytest.mark.parametrize(
    ("text", "quantity", "unit", "food"),
    [
        ("~150g (1/3 lb) bacon cubes", "150", "g", "bacon cubes"),
        ("1 - 2L (1/4 - 1/2 gal) milk", "2", "l", "milk"),
        ("2 1/2 cups all-purpose flour, sifted", "2.5", "cup", "all-purpose flour"),
        ("½ teaspoon sazon", "0.5", "tsp", "sazon"),
        ("2 ½ lbs. boneless pork shoulder", "2.5", "lb", "boneless pork shoulder"),
        ("3t bruschetta herbs", "3", "tsp", "bruschetta herbs"),
        ("2T olive oil", "2", "tbsp", "olive oil"),
        ("2 x 400g tinned chopped tomatoes", "800", "g", "tinned chopped tomatoes"),
        ("1 8oz cream cheese", "8", "oz", "cream cheese"),
        ("1 pint heavy cream", "1", "pint", "heavy cream"),
        ("1 cup of rice", "1", "cup", "rice"),
        ("A quarter of a pound of sugar.", "0.25", "lb", "sugar"),
        ("a whole head of garlic", "1", "head", "garlic"),
        ("1 1/5 metric cup (~300ml) water", "1.2", "cup", "water"),
    ],
)
def test_english_lines_by_the_rules(text: str, quantity: str, unit: str, food: str) -> None:
    line = en(text)
    assert (line.quantity, line.unit, line.food) == (Decimal(quantity), unit, food)


def test_a_range_keeps_both_bounds_and_the_upper_is_the_quantity() -> None:
    line = en("1 - 2L (1/4 - 1/2 gal) milk")
    assert (line.quantity, line.quantity_min) == (Decimal(2), Decimal(1))
    assert line.alternative == Quantity(Decimal("0.5"), "gallon")


def test_approximate_amounts_and_their_second_measure() -> None:
    line = en("~150g (1/3 lb) bacon cubes")
    assert line.approximate
    assert line.alternative is not None
    assert (line.alternative.unit, round(line.alternative.amount, 4)) == ("lb", Decimal("0.3333"))


def test_containers_with_a_size_per_item() -> None:
    line = en("4 28 oz cans of whole or diced tomatoes")
    assert (line.quantity, line.unit, line.alternative) == (
        Decimal(4),
        "can",
        Quantity(Decimal(112), "oz"),
    )
    line = en("1 bottle 700ml red wine")
    assert (line.unit, line.alternative, line.food) == (
        "bottle",
        Quantity(Decimal(700), "ml"),
        "red wine",
    )


def test_a_second_measure_after_or() -> None:
    line = en("600g or 5 cups bread flour (or all-purpose if not available)")
    assert (line.quantity, line.unit) == (Decimal(600), "g")
    assert line.alternative == Quantity(Decimal(5), "cup")


def test_english_preparation_in_front_and_after_the_comma() -> None:
    line = en("finely chopped onion, rinsed")
    assert (line.food, line.preparation) == ("onion", "finely chopped rinsed")


@pytest.mark.parametrize("text", ["4cm ginger", "1 inch piece ginger"])
def test_lengths_are_no_amounts(text: str) -> None:
    line = en(text)
    assert line.quantity is None and line.unit is None
    assert "ginger" in line.food


@pytest.mark.parametrize("text", ["Salt to taste", "pepper (optional)", "Olive oil, if desired"])
def test_english_optional_lines(text: str) -> None:
    assert en(text).optional


def test_a_unit_is_set_whenever_a_quantity_is() -> None:
    for text in ("2 papas", "1 lata de atún", "3 ramitas de tomillo", "A few saffron threads"):
        line = es(text)
        assert (line.quantity is None) == (line.unit is None), text
