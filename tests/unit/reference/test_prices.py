"""PROFECO prices mapped to the ingredient master and served by DataPackCatalog (real data)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import data_pack_dir
from zerowaste.infrastructure.reference import datapack
from zerowaste.infrastructure.reference.catalog import DataPackCatalog
from zerowaste.infrastructure.reference.prices import ProductMapper, citation

pytestmark = pytest.mark.unit

DATA_DIR = data_pack_dir()


@pytest.fixture(scope="module")
def catalog() -> DataPackCatalog:
    return DataPackCatalog.from_data_dir(DATA_DIR)


@pytest.fixture(scope="module")
def mapper() -> ProductMapper:
    return ProductMapper(datapack.parse_ingredients(DATA_DIR))


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return datapack.parse_prices(DATA_DIR)


@pytest.mark.parametrize(
    ("product", "presentation", "brand", "expected"),
    [
        ("Leche Ultrapasteurizada", "Caja 1 Lt. Entera", "Lala", "milk"),
        ("Leche Ultrapasteurizada", "Caja 200 Ml. Semidescremada. Chocopower. Sabor Chocolate",
         "Lala", None),
        ("Arroz", "Bolsa 1 Kg. Super Extra. Integral", "Verde Valle", "brown_rice"),
        ("Arroz", "Bolsa 907 Gr. Super Extra", "S/M", "rice"),
        ("Calabaza", "1 Kg. Granel. Italiana/japonesa (larga)", "S/M", "zucchini"),
        ("Tomate", "1 Kg. Granel. Verde Sin Cáscara", "S/M", "tomatillo"),
        ("Plátano", "1 Kg. Granel. Macho", "S/M", "plantain"),
        ("Plátano", "1 Kg. Granel. Tabasco/chiapas/roatán/portalimón", "S/M", "banana"),
        ("Carne Res", "1 Kg. Granel. Molida Especial 80/20", "S/M", "beef_ground"),
        ("Carne Res", "1 Kg. Granel. Chuleta o Chuleta Costilla o Chuletón", "S/M", "beef_steak"),
        ("Carne Res", "1 Kg. Granel. Retazo con Hueso o Cocido Comercial", "S/M", "beef_stew"),
        ("Carne Res", "1 Kg. Granel. Hígado", "S/M", None),
        ("Carne Pollo", "1 Kg. Granel. Pierna con Muslo. Corte Americano", "S/M", "chicken_thigh"),
        ("Atún", "Lata 130 Gr. con 30% de Soya en Agua", "Tuny", None),
        ("Atún", "Lata 140 Gr. en Agua", "Dolores", "tuna_canned"),
        ("Cebolla", "Manojo. Cambray", "S/M", "green_onion"),
        ("Cereales", "Caja 530 Gr.", "Corn Flakes. Nestlé", "cereal"),
        ("Cereales", "Caja 38 Gr.", "Choco Krispis. Kellogg´s", None),
        # No rule: an exact name of the master, never a fuzzy one.
        ("Jitomate", "1 Kg. Granel. Saladette/huaje", "S/M", "tomato"),
        ("Huevo", "Paquete C/18 Blanco", "San Juan", "egg"),
        ("Refresco", "Botella 600 Ml.", "Coca Cola", None),
        ("Tequila", "Botella 700 Ml. Reposado", "x", None),
        ("Chiles", "Lata 220 Gr. Chipotles Adobados", "La Costeña", None),
    ],
)  # fmt: skip
def test_products_map_to_the_master_with_care(mapper, product, presentation, brand, expected):
    found = mapper.map(product, presentation, brand)
    assert (found.ingredient_id if found else None) == expected


def test_rules_naming_an_ingredient_missing_from_the_master_fail_the_import():
    master = [r for r in datapack.parse_ingredients(DATA_DIR) if r["id"] != "tomatillo"]
    with pytest.raises(ValueError, match="tomatillo"):
        ProductMapper(master)


def test_coverage_of_the_master(rows):
    priced = {row["ingredient_id"] for row in rows}
    master = {row["id"] for row in datapack.parse_ingredients(DATA_DIR)}
    assert priced <= master
    assert len(priced) == 128  # of 207 (see price_map's docstring for what is left out)
    assert len(rows) == 130  # hot sauce and crema are priced both per kg and per litre


@pytest.mark.parametrize(
    ("name", "basis", "median", "observations", "stores"),
    [
        ("huevo", "unit", 2.77, 832, 13),
        ("leche", "l", 35.9, 883, 13),
        ("arroz", "kg", 23.33, 325, 13),
        ("tortilla de maíz", "kg", 22.0, 265, 30),
        ("jitomate", "kg", 48.88, 112, 14),
        ("aceite", "l", 45.88, 596, 13),
        ("cilantro", "bunch", 10.4, 2, 2),
    ],
)
def test_sample_medians(catalog, name, basis, median, observations, stores):
    found = catalog.price_for(name)
    assert found is not None
    assert (found.basis, found.median_mxn) == (basis, median)
    assert (found.observations, found.stores) == (observations, stores)


def test_prices_carry_their_dates_in_the_citation(catalog):
    found = catalog.price_for("Frijol negro")
    assert found is not None
    assert (found.first_date, found.last_date) == (date(2025, 12, 16), date(2026, 5, 15))
    assert found.citation == citation(found.first_date, found.last_date)
    assert "PROFECO, Quién es Quién en los Precios" in found.citation
    assert "2025-12-16 al 2026-05-15" in found.citation
    assert "https://datos.profeco.gob.mx/datos_abiertos/qqp.php" in found.citation


def test_a_food_priced_in_two_bases(catalog):
    bases = [p.basis for p in catalog.prices_for("crema mexicana")]
    assert sorted(bases) == ["kg", "l"]
    assert catalog.price_for("crema mexicana", "l") is not None
    assert catalog.price_for("huevo", "kg") is None


@pytest.mark.parametrize("name", ["xyzzy", "salsa verde casera", "", "Calabacita"])
def test_no_price_is_borrowed(catalog, name):
    # Calabacita is zucchini (priced); the others have no master match or no price.
    found = catalog.price_for(name)
    assert (found is not None) == (name == "Calabacita")


def test_school_milk_boxes_are_left_out(rows):
    milk = next(row for row in rows if row["ingredient_id"] == "milk")
    assert milk["products"] == ["Leche Pasteurizada", "Leche Ultrapasteurizada"]
    assert 30 <= milk["median_mxn"] <= 40
