"""Sr28Measures: the master's SR28 links and portion weights, figures checked by hand against
data/usda_sr28_nutrition/portion_weights.csv (rows quoted as ndb_no,seq,amount,unit,grams)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.conftest import data_pack_dir
from zerowaste.domain.recipes.conversion import FoodMeasures, to_quantity
from zerowaste.domain.recipes.portions import VOLUME_ML
from zerowaste.infrastructure.reference.portions import Sr28Measures

pytestmark = pytest.mark.unit

D = Decimal


@pytest.fixture(scope="module")
def sr28() -> Sr28Measures:
    return Sr28Measures(data_pack_dir())


def food(sr28: Sr28Measures, ingredient_id: str) -> FoodMeasures:
    found = sr28.measures(ingredient_id)
    assert found is not None, ingredient_id
    return found


@pytest.mark.parametrize(
    ("ingredient_id", "amount", "unit", "grams", "row"),
    [
        ("rice", "1", "cup", "185", "20444,1,1,cup,185"),
        ("rice", "2", "cup", "370", "20444,1,1,cup,185"),
        ("butter", "2", "tbsp", "28.4", "01001,2,1,tbsp,14.2"),
        ("butter", "1", "stick", "113", "01001,4,1,stick,113"),
        ("onion", "1", "unit", "110", '11282,6,1,"medium (2-1/2"" dia)",110'),
        ("onion", "1", "cup", "160", '11282,1,1,"cup, chopped",160'),
        ("egg", "2", "unit", "88", "01123,6,1,medium,44"),
        ("garlic", "3", "clove", "9.0", "11215,3,1,clove,3.0"),
        ("milk", "1", "cup", "244", "01077,1,1,cup,244"),
        ("cherry_tomato", "10", "unit", "170", "11529,4,1,cherry,17"),
        ("tomato", "1", "unit", "123", '11529,6,1,"medium whole (2-3/5"" dia)",123'),
        ("cauliflower", "1", "unit", "588", '11135,4,1,"head medium (5-6"" dia.)",588'),
        ("salt", "1", "dash", "0.4", "02047,4,1,dash,0.4"),
        ("olive_oil", "1", "tbsp", "13.5", "04053,1,1,tablespoon,13.5"),
    ],
)
def test_portion_weights_as_in_sr28(sr28, ingredient_id, amount, unit, grams, row) -> None:
    assert to_quantity(D(amount), unit, "g", food(sr28, ingredient_id)) == D(grams), row


def test_a_stated_size_picks_its_portion(sr28) -> None:
    assert to_quantity(D(1), "unit", "g", food(sr28, "egg"), size="large") == D(50)
    assert to_quantity(D(1), "unit", "g", food(sr28, "onion"), size="small") == D(70)


def test_a_litre_of_milk_weighs_by_the_density_of_its_cup(sr28) -> None:
    grams = to_quantity(D(1), "l", "g", food(sr28, "milk"))
    assert grams == D(1000) * D(244) / VOLUME_ML["cup"]
    assert round(grams) == 1031


def test_grams_back_to_cups_and_pieces(sr28) -> None:
    assert to_quantity(D(370), "g", "cup", food(sr28, "rice")) == D(2)
    assert to_quantity(D(330), "g", "unit", food(sr28, "onion")) == D(3)


def test_the_one_entry_without_sr28_is_a_liquid(sr28) -> None:
    oat = food(sr28, "oat_drink")
    assert (oat.portions, oat.liquid, oat.source) == ((), True, None)
    assert to_quantity(D(1), "cup", "g", oat) == D(240)


def test_solids_without_volume_portions_give_no_grams_for_cups(sr28) -> None:
    assert to_quantity(D(1), "cup", "g", food(sr28, "beef_ground")) is None
    assert to_quantity(D(1), "cup", "ml", food(sr28, "beef_ground")) == D(240)


def test_stand_ins_drop_misleading_measures(sr28) -> None:
    assert to_quantity(D(1), "unit", "g", food(sr28, "squash_blossom")) is None
    coffee = food(sr28, "coffee")  # linked to brewed coffee; the master means ground
    assert (coffee.portions, coffee.liquid) == ((), False)


def test_every_master_entry_has_measures_and_links_are_cited(sr28) -> None:
    with (data_pack_dir() / "ingredients_allergens/ingredients.json").open() as fh:
        master = json.load(fh)
    assert set(sr28.table) == {item["id"] for item in master}
    linked = [item for item in master if item["usda_sr28_ndb_no"]]
    assert len(linked) == 206
    rice = food(sr28, "rice")
    assert rice.source == (
        "USDA SR28 (public domain) 20444: Rice, white, long-grain, regular, raw, unenriched"
    )


def test_unknown_ids_have_no_measures(sr28) -> None:
    assert sr28.measures("unicorn") is None
