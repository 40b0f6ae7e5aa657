"""The culinary files as read from the data pack: calendar links, techniques from both sources."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.conftest import data_pack_dir
from zerowaste.domain.market.techniques import METHODS
from zerowaste.infrastructure.reference.culinary import CulinaryFiles

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def files():
    return CulinaryFiles(data_pack_dir())


def test_a_calendar_entry_links_to_the_first_master_entry_and_every_linking_id_finds_it(files):
    (tomato,) = [f for f in files.seasonal_foods() if f.id == "jitomate"]

    assert tomato.ingredient_id == "tomato"  # not cherry_tomato, which links to it too
    assert files.seasonal_by_ingredient()["cherry_tomato"] is tomato
    assert len(files.seasonal_foods()) == 74 and len(files.seasonal_by_ingredient()) == 65


def test_every_technique_uses_the_vocabulary_and_master_ids(files):
    master = json.loads(
        (data_pack_dir() / "ingredients_allergens" / "ingredients.json").read_text("utf-8")
    )
    ids = {m["id"] for m in master}
    techniques = files.techniques()

    assert {t.method for t in techniques} <= set(METHODS)
    assert all(set(t.ingredient_ids) <= ids for t in techniques)
    assert sum(t.source == "zerowaste" for t in techniques) == 17
    assert all(t.steps_es and t.steps_en for t in techniques if t.source == "zerowaste")


def test_foodkeeper_times_are_per_kg_in_minutes_and_temperatures_in_celsius(files):
    # FoodKeeper method 45: pork shoulder, oven 350 °F, 45 minutes per pound, 3 to 6 pounds
    (roast,) = [t for t in files.techniques() if t.id == "foodkeeper-45-pork_shoulder"]

    assert roast.temperature_c == 177 and roast.method == "oven"
    assert (roast.minutes_from, roast.minutes_per) == (Decimal("99.2"), "kg")
    assert (roast.weight_kg_from, roast.weight_kg_to) == (Decimal("1.36"), Decimal("2.72"))
    assert roast.safe_min_temperature_c == 63 and roast.difficulty is None
