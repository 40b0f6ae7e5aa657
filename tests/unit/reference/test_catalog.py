"""DataPackCatalog over the real data pack files (ZW_DATA_DIR, else the repository's data/)."""

from __future__ import annotations

import csv
import threading

import pytest

from tests.conftest import data_pack_dir
from zerowaste.domain.shared.storage import StoragePlace
from zerowaste.infrastructure.reference import datapack
from zerowaste.infrastructure.reference.catalog import DataPackCatalog
from zerowaste.infrastructure.reference.text import Normalizer, name_variants

pytestmark = pytest.mark.unit

DATA_DIR = data_pack_dir()


@pytest.fixture(scope="module")
def catalog() -> DataPackCatalog:
    return DataPackCatalog.from_data_dir(DATA_DIR)


def footprint_csv(product: str) -> dict[str, str]:
    path = DATA_DIR / "food_footprint_poore_nemecek/footprint_per_kg.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return next(row for row in csv.DictReader(fh) if row["product"] == product)


@pytest.mark.parametrize("name", ["Jitomate", "jitomates", "tomate", "Tomates", "tomatoes"])
def test_tomato_names_match_tomato_with_a_pantry_shelf_life(catalog, name):
    found = catalog.match(name)
    assert found is not None
    assert (found.ingredient_id, found.name_es, found.name_en) == ("tomato", "Jitomate", "Tomato")
    assert found.score == 100
    shelf = catalog.shelf_life(name)
    # FoodKeeper: pantry "Until ripe, then 7 days" (no fridge figure), freezer 2 months.
    assert shelf is not None
    assert shelf.pantry_days == (7, 7)
    assert shelf.freezer_days == (60, 60)


def test_chicken_breast_keeps_one_to_two_days_in_the_fridge_and_months_frozen(catalog):
    found = catalog.match("Pechuga de pollo")
    assert found is not None
    assert (found.ingredient_id, found.category, found.matched_on) == (
        "chicken_breast",
        "meat",
        "name_es",
    )
    shelf = catalog.shelf_life("Pechuga de pollo")
    assert shelf is not None
    assert shelf.fridge_days == (1, 2)
    assert shelf.freezer_days is not None and shelf.freezer_days[0] >= 60
    assert shelf.pantry_days is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("aguacates", "avocado"),
        ("Limones", "lime"),
        ("papas", "potato"),
        ("eggs", "egg"),
        ("huevos", "egg"),
        ("Champiñones", "mushroom"),
        ("frijoles", "black_beans"),
        ("nueces", "pecans"),
        ("leche entera", "milk"),
        ("tortillas de harina", "flour_tortilla"),
        ("harina de maíz", "masa_harina"),
        ("cebolla morada", "onion"),
        ("pechuga de pollo deshuesada", "chicken_breast"),
    ],
)
def test_spanish_and_english_names_and_plurals_match_the_master(catalog, name, expected):
    found = catalog.match(name)
    assert found is not None
    assert found.ingredient_id == expected


def test_fuzzy_matches_report_a_score_below_100(catalog):
    found = catalog.match("cebolla morada")
    assert found is not None
    assert found.matched_on == "fuzzy"
    assert 85 <= found.score < 100


@pytest.mark.parametrize("name", ["xyzzy", "", "   ", "helado de vainilla", "agua de jamaica"])
def test_unknown_names_match_nothing(catalog, name):
    assert catalog.match(name) is None
    assert catalog.shelf_life(name) is None
    assert catalog.footprint(name) is None
    assert catalog.allergens_for(name) == []
    assert catalog.default_unit_and_storage(name) is None


def test_huge_names_are_cut_and_do_not_fail(catalog):
    assert catalog.match("x" * 10_000) is None
    assert catalog.match("Pechuga de pollo" + " " * 10_000) is not None
    assert catalog.allergens_for("queso " * 5000) == ["milk"]


def test_repeated_names_are_served_from_the_cache(catalog):
    first = catalog.match("Jitomate bola")
    assert first is not None
    assert catalog.match("Jitomate bola") is first


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("leche entera", ["milk"]),
        ("queso fresco", ["milk"]),
        ("pan", ["gluten"]),
        ("pan de trigo", ["gluten"]),
        ("camarón", ["crustaceans"]),
        ("tacos de camarón", ["crustaceans"]),
        ("ajonjolí", ["sesame"]),
        ("sésamo", ["sesame"]),
        ("salsa de soya", ["gluten", "soybeans"]),
        ("huevos de codorniz", ["eggs"]),
        # peanut butter has no milk: the whole phrase is the master's peanut_butter synonym
        ("mantequilla de maní", ["peanuts"]),
        ("crema de cacahuate", ["peanuts"]),
        # whole words only: "pancita" is not "pan", coconut milk is not milk, nutmeg is no nut
        ("pancita de res", []),
        ("arroz con leche de coco", []),
        ("leche de almendras", ["nuts"]),
        ("nuez moscada", []),
        ("harina de maíz", []),
        ("arroz con leche", ["milk"]),
    ],
)
def test_allergens_for_names(catalog, name, expected):
    assert catalog.allergens_for(name) == expected


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (["lácteos"], {"milk"}),
        (["Lacteos"], {"milk"}),
        (["lacteoss"], {"milk"}),  # typo
        (["maní"], {"peanuts"}),
        (["cacahuates"], {"peanuts"}),
        (["gluten"], {"gluten"}),
        (["trigo"], {"gluten"}),
        # decision: "mariscos" (shellfish) means crustaceans and molluscs, not fish
        (["mariscos"], {"crustaceans", "molluscs"}),
        (["shellfish"], {"crustaceans", "molluscs"}),
        (["nueces"], {"nuts"}),
        (["frutos secos"], {"nuts"}),
        (["milk"], {"milk"}),
        (["eggs", "fish", "soybeans"], {"eggs", "fish", "soybeans"}),
        (["alergia a los cacahuates y nueces"], {"peanuts", "nuts"}),
        (["kiwi", "fresa", "penicilina", "", "  "], set()),
    ],
)
def test_allergen_codes_for_user_terms(catalog, terms, expected):
    assert catalog.allergen_codes_for_terms(terms) == expected


def test_footprint_of_beef_comes_from_the_csv_with_its_citation(catalog):
    found = catalog.footprint("carne de res")
    assert found is not None
    row = footprint_csv(found.product)
    assert found.product == "Beef (beef herd)"
    assert found.ghg_kg_co2e_per_kg == pytest.approx(float(row["ghg_kg_co2e_per_kg"]))
    assert found.freshwater_l_per_kg == pytest.approx(float(row["freshwater_l_per_kg"]))
    assert found.attribution == (
        "Source: Poore & Nemecek (2018), Science; processed by Our World in Data (CC BY 4.0)."
    )


def test_footprint_blank_scarcity_water_is_none(catalog):
    found = catalog.footprint("camarones")
    assert found is not None
    assert found.product == "Prawns (farmed)"
    assert footprint_csv("Prawns (farmed)")["scarcity_weighted_water_l_per_kg"] == ""
    assert found.scarcity_weighted_water_l_per_kg is None


def test_salt_has_no_footprint(catalog):
    assert catalog.match("sal") is not None
    assert catalog.footprint("sal") is None


def test_storage_tips_come_from_foodkeeper(catalog):
    tip = catalog.storage_tips("jitomate", StoragePlace.PANTRY)
    assert tip is not None and "USDA recommends pantry storage" in tip
    assert catalog.storage_tips("aguacate", StoragePlace.FREEZER) == "Not recommended."
    assert catalog.storage_tips("pechuga de pollo", StoragePlace.PANTRY) is None


def test_english_names_outside_the_master_fall_back_to_foodkeeper(catalog):
    assert catalog.match("bagels") is None
    shelf = catalog.shelf_life("bagels")
    assert shelf is not None and shelf.freezer_days is not None
    # every word must be in the FoodKeeper name: "frozen peas" is not "peas, dried split"
    assert catalog.shelf_life("frozen peas") is None


@pytest.mark.parametrize(
    ("name", "unit", "place"),
    [
        ("huevos", "unit", StoragePlace.FRIDGE),
        ("leche", "ml", StoragePlace.FRIDGE),
        ("arroz", "g", StoragePlace.PANTRY),
        ("jitomate", "unit", StoragePlace.PANTRY),
        ("carne molida", "g", StoragePlace.FRIDGE),
    ],
)
def test_default_unit_and_storage(catalog, name, unit, place):
    hint = catalog.default_unit_and_storage(name)
    assert hint is not None
    assert (hint.unit, hint.storage) == (unit, place)


@pytest.mark.parametrize(
    ("word", "singular"),
    [
        ("tomates", "tomate"),
        ("papas", "papa"),
        ("limones", "limon"),
        ("eggs", "egg"),
        ("nueces", "nuez"),
        ("tomatoes", "tomato"),
        ("berries", "berry"),
        ("res", "res"),
        ("chiles", "chile"),
    ],
)
def test_singular(word, singular):
    assert Normalizer({"chile"}).singular(word) == singular


def test_name_variants_split_packed_names():
    assert name_variants("Lomo / chuleta de cerdo") == [
        "Lomo / chuleta de cerdo",
        "Lomo",
        "chuleta de cerdo",
        "Lomo de cerdo",
    ]
    assert name_variants("Rice (white)") == ["Rice (white)", "Rice"]


def test_missing_data_pack_names_the_file_and_the_variable(tmp_path):
    catalog = DataPackCatalog.from_data_dir(tmp_path)
    with pytest.raises(datapack.DataPackMissing) as error:
        catalog.match("tomate")
    assert "foodkeeper/products.json" in str(error.value)
    assert "ZW_DATA_DIR" in str(error.value)


def test_concurrent_first_use_loads_the_data_once():
    calls = []

    def loader():
        calls.append(1)
        return datapack.read_all(DATA_DIR)

    catalog = DataPackCatalog(loader)
    barrier = threading.Barrier(8)
    results = []

    def worker():
        barrier.wait()
        results.append(catalog.match("jitomate"))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert {r.ingredient_id for r in results if r} == {"tomato"}
    assert len(results) == 8
