"""`import_data_pack` and the catalog loaded from the ref_* tables, on SQLite and MariaDB.

The MariaDB database lives for the whole run and its ref_* tables are not emptied between
tests (the import is idempotent), so every test here starts from empty reference tables.
"""

from __future__ import annotations

import csv
import json
import logging
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from tests.conftest import data_pack_dir, make_settings
from zerowaste.domain.shared.storage import StoragePlace
from zerowaste.entrypoints import cli
from zerowaste.infrastructure.db.base import Base
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.reference import datapack
from zerowaste.infrastructure.reference.catalog import DataPackCatalog
from zerowaste.infrastructure.reference.importer import dataset_versions, import_data_pack

pytestmark = pytest.mark.integration

DATA_DIR = data_pack_dir()
EXPECTED = {"foodkeeper": 661, "ingredients": 207, "allergens": 14, "footprints": 43, "prices": 130}
REF_TABLES = ("ref_shelf_life", "ref_ingredients", "ref_allergens", "ref_footprints", "ref_prices")
NAMES = [
    "Jitomate", "tomatoes", "leche entera", "Pechuga de pollo", "aguacates", "carne de res",
    "queso fresco", "pan de trigo", "arroz con leche de coco", "bagels", "cebolla morada", "xyzzy",
    "huevo", "crema", "cilantro", "aceite",
]  # fmt: skip


@pytest.fixture
def engine(db_url: str, tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(make_settings(tmp_path, database_url=db_url))
    with eng.begin() as conn:
        for table in (*REF_TABLES, "ref_dataset_versions"):
            conn.execute(text(f"DELETE FROM {table}"))
    yield eng
    eng.dispose()


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            name: conn.execute(
                select(func.count()).select_from(Base.metadata.tables[name])
            ).scalar_one()
            for name in REF_TABLES
        }


def copy_pack(tmp_path: Path) -> Path:
    """A writable copy of just the imported files (in tmp, never in the repository)."""
    target = tmp_path / "pack"
    for dataset in datapack.DATASETS:
        for name in dataset.files:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(DATA_DIR / name, target / name)
    return target


def test_import_fills_the_tables_once(engine):
    assert import_data_pack(engine, DATA_DIR) == EXPECTED
    assert counts(engine) == {
        "ref_shelf_life": 661, "ref_ingredients": 207, "ref_allergens": 14, "ref_footprints": 43,
        "ref_prices": 130,
    }  # fmt: skip
    versions = dataset_versions(engine)
    assert {name: rows for name, (_checksum, rows) in versions.items()} == EXPECTED
    assert versions["foodkeeper"][0] == datapack.DATASETS[0].checksum(DATA_DIR)

    assert import_data_pack(engine, DATA_DIR) == {}  # unchanged: nothing written
    assert dataset_versions(engine) == versions
    assert counts(engine)["ref_shelf_life"] == 661


def test_stored_rows_keep_types_and_json(engine):
    import_data_pack(engine, DATA_DIR)
    with engine.connect() as conn:
        tomato = conn.execute(text("SELECT * FROM ref_shelf_life WHERE id = 306")).mappings().one()
        beef = (
            conn.execute(
                select(Base.metadata.tables["ref_footprints"]).where(
                    Base.metadata.tables["ref_footprints"].c.product == "Beef (beef herd)"
                )
            )
            .mappings()
            .one()
        )
    assert (tomato["pantry_min"], tomato["pantry_max"], tomato["pantry_note"]) == (
        7,
        7,
        "When Ripe",
    )
    assert (tomato["fridge_min"], tomato["freezer_min"]) == (None, 60)
    assert beef["ghg_kg_co2e_per_kg"] == pytest.approx(99.48)


def test_stored_prices_keep_dates_json_and_citation(engine):
    import_data_pack(engine, DATA_DIR)
    table = Base.metadata.tables["ref_prices"]
    with engine.connect() as conn:
        eggs = conn.execute(select(table).where(table.c.ingredient_id == "egg")).mappings().one()
    assert (eggs["basis"], eggs["median_mxn"], eggs["observations"]) == ("unit", 2.77, 832)
    assert (eggs["first_date"], eggs["last_date"]) == (date(2025, 12, 16), date(2026, 5, 15))
    assert eggs["products"] == ["Huevo"]
    assert "2025-12-16 al 2026-05-15" in eggs["citation"]
    found = DataPackCatalog.from_engine(engine).price_for("huevos")
    assert found is not None and found.median_mxn == 2.77 and found.basis == "unit"


def test_a_changed_master_reimports_the_prices_mapped_to_it(engine, tmp_path):
    pack = copy_pack(tmp_path)
    import_data_pack(engine, pack)
    path = pack / "ingredients_allergens/ingredients.json"
    master = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(
        json.dumps([item for item in master if item["id"] != "egg"], ensure_ascii=False),
        encoding="utf-8",
    )

    assert import_data_pack(engine, pack) == {"ingredients": 206, "prices": 129}
    assert DataPackCatalog.from_engine(engine).price_for("huevo") is None


def test_a_changed_file_reimports_only_its_dataset(engine, tmp_path):
    pack = copy_pack(tmp_path)
    import_data_pack(engine, pack)
    csv_path = pack / "food_footprint_poore_nemecek/footprint_per_kg.csv"
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    next(r for r in rows if r["product"] == "Beef (beef herd)")["ghg_kg_co2e_per_kg"] = "123.45"
    with csv_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    assert import_data_pack(engine, pack) == {"footprints": 43}
    assert dataset_versions(engine)["footprints"][0] == datapack.DATASETS[3].checksum(pack)
    found = DataPackCatalog.from_engine(engine).footprint("carne de res")
    assert found is not None and found.ghg_kg_co2e_per_kg == pytest.approx(123.45)


def test_missing_file_is_a_clear_error_and_writes_nothing(engine, tmp_path):
    pack = copy_pack(tmp_path)
    (pack / "ingredients_allergens/allergens_eu14.json").unlink()
    with pytest.raises(datapack.DataPackMissing, match="allergens_eu14.json.*ZW_DATA_DIR"):
        import_data_pack(engine, pack)
    assert counts(engine) == dict.fromkeys(REF_TABLES, 0)


def test_catalog_from_the_database_answers_like_the_files(engine):
    import_data_pack(engine, DATA_DIR)
    from_db = DataPackCatalog.from_engine(engine)
    from_files = DataPackCatalog.from_data_dir(DATA_DIR)
    for name in NAMES:
        assert from_db.match(name) == from_files.match(name), name
        assert from_db.shelf_life(name) == from_files.shelf_life(name), name
        assert from_db.allergens_for(name) == from_files.allergens_for(name), name
        assert from_db.footprint(name) == from_files.footprint(name), name
        assert from_db.prices_for(name) == from_files.prices_for(name), name
        for place in StoragePlace:
            assert from_db.storage_tips(name, place) == from_files.storage_tips(name, place)
    terms = ["lácteos", "maní", "mariscos", "nueces"]
    assert from_db.allergen_codes_for_terms(terms) == from_files.allergen_codes_for_terms(terms)


def test_empty_tables_fall_back_to_the_files_with_a_warning(engine, caplog):
    catalog = DataPackCatalog.from_engine(engine, DATA_DIR)
    with caplog.at_level(logging.WARNING, logger="zerowaste.reference"):
        found = catalog.match("jitomate")
    assert found is not None and found.ingredient_id == "tomato"
    assert "zerowaste data-import" in caplog.text


def test_cli_data_import_is_idempotent(monkeypatch, tmp_path, sqlite_url, caplog):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ZW_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("ZW_DATA_DIR", str(DATA_DIR))
    with caplog.at_level(logging.INFO, logger="zerowaste.cli"):
        assert cli.main(["data-import"]) == 0
        assert (
            "imported: foodkeeper=661, ingredients=207, allergens=14, footprints=43, prices=130"
            in caplog.text
        )
        caplog.clear()
        assert cli.main(["data-import"]) == 0
        assert "reference data unchanged" in caplog.text


def test_cli_data_import_names_a_missing_data_dir(monkeypatch, tmp_path, sqlite_url, caplog):
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("ZW_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("ZW_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(SystemExit) as exited:
        cli.main(["data-import"])
    assert exited.value.code == 2
    assert "ZW_DATA_DIR" in caplog.text


def test_concurrent_imports_write_each_dataset_once(engine):
    results: list[dict[str, int]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(import_data_pack(engine, DATA_DIR))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    written = [(name, rows) for result in results for name, rows in result.items()]
    assert sorted(written) == sorted(EXPECTED.items())
    assert counts(engine)["ref_ingredients"] == 207
