"""Ticket names -> ingredient master: brands and OCR slips allowed, partial overlaps refused."""

from __future__ import annotations

import pytest

from tests.conftest import data_pack_dir
from zerowaste.infrastructure.reference.catalog import DataPackCatalog
from zerowaste.infrastructure.reference.resolver import IngredientResolver

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def resolver() -> IngredientResolver:
    return IngredientResolver(DataPackCatalog.from_data_dir(data_pack_dir()))


@pytest.mark.parametrize(
    ("name", "ingredient_id"),
    [
        ("Tomate", "tomato"),
        ("Jitomate saladet", "tomato"),
        ("LECHE LALA", "milk"),
        ("Milk", "milk"),
        ("Whole milk", "milk"),
        ("Arroz SOS", "rice"),
        ("AGUACATE HASS", "avocado"),
        ("Pechuga pollo", "chicken_breast"),
        ("Chicken breast", "chicken_breast"),
        ("HUEVO SAN JUAN", "egg"),
        ("Eggs", "egg"),
        ("Yoghurt natural", "yogurt"),  # OCR/brand spelling, one shared word
        ("ATUN DOLORES", "tuna_canned"),  # brand after the food: the prefix matches
        ("Platano", "banana"),
        ("Bananas", "banana"),
        ("ORANGE JUICE", "orange_juice"),
    ],
)
def test_ticket_names_resolve_to_the_master_entry(resolver, name, ingredient_id):
    found = resolver.resolve(name)
    assert found is not None, name
    assert found.ingredient_id == ingredient_id


@pytest.mark.parametrize(
    "name",
    [
        "Coca Cola",  # the catalog's fuzzy step says Col (cabbage) at 90
        "Agua Ciel",  # ... and Aguacate for "Agua"
        "Agua",
        "Refresco",  # ... and beef ("res") for "Refresco"
        "ESPERANZA",  # ... and Pera for a store name
        "Papel higienico",
        "Detergente Ariel",
        "Pepsi",
        "WHOLE FOODS",  # shares only "whole" with Whole wheat flour
        "Servilletas",
        "",
    ],
)
def test_non_foods_and_partial_overlaps_are_not_matched(resolver, name):
    assert resolver.resolve(name) is None
