"""The SR28 adapter over the shipped data pack: lazy, once per process, empty cells are None."""

from __future__ import annotations

import pytest

from tests.conftest import data_pack_dir
from zerowaste.infrastructure.reference import sr28
from zerowaste.infrastructure.reference.sr28 import Sr28Nutrition

pytestmark = pytest.mark.unit


def test_nothing_is_read_until_first_use(tmp_path) -> None:
    data = Sr28Nutrition(tmp_path / "missing")  # constructing reads no file

    with pytest.raises(FileNotFoundError):
        data.food("11457")


def test_the_tables_are_shared_by_every_instance_of_one_data_dir() -> None:
    first, second = Sr28Nutrition(data_pack_dir()), Sr28Nutrition(data_pack_dir())

    assert first.names is second.names
    assert sr28._LOADED[data_pack_dir().resolve()] is not None


def test_rows_as_published_with_empty_cells_as_none() -> None:
    data = Sr28Nutrition(data_pack_dir())

    tofu = data.food("16426")  # "Tofu, raw, firm, prepared with calcium sulfate"
    assert tofu is not None and tofu.per_100g["energy_kcal"] == 144
    assert tofu.per_100g["sugars_g"] is None and tofu.per_100g["vit_k_ug"] is None
    assert data.linked("spinach") == "11457"
    assert [(p.description, p.grams) for p in data.portions("20445")] == [("cup", 158)]
    assert data.measures("01123").grams(1, "unit", "large") == 50
    assert len(data.substitutions()) == 86
