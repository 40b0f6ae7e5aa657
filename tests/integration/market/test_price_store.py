"""The shelf prices' import (`market_prices` dataset) and their repository, on SQLite and
MariaDB: idempotent, replaced when the files change, read back exactly."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from tests.conftest import data_pack_dir, make_settings
from zerowaste.infrastructure.db.session import make_engine, make_session_factory
from zerowaste.infrastructure.reference.importer import dataset_versions
from zerowaste.infrastructure.reference.market import (
    ProfecoPrices,
    import_market_prices,
    observation_rows,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def engine(db_url: str, tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(make_settings(tmp_path, database_url=db_url))
    with eng.begin() as conn:
        conn.execute(text("DELETE FROM ref_market_prices"))
        conn.execute(text("DELETE FROM ref_dataset_versions WHERE dataset = 'market_prices'"))
    yield eng
    eng.dispose()


def test_the_import_is_idempotent_and_reads_back_what_the_files_say(engine):
    written = import_market_prices(engine, data_pack_dir())

    assert written == len(observation_rows(data_pack_dir())) == 7107
    assert import_market_prices(engine, data_pack_dir()) is None
    assert dataset_versions(engine)["market_prices"][1] == written
    store = ProfecoPrices(make_session_factory(engine))
    assert store.zones() == [
        ("Ciudad de México", "Venustiano Carranza"),
        ("Querétaro", "Santiago de Querétaro"),
    ]
    assert "Chedraui" in store.chains()
    eggs = store.points(["egg"], [("Querétaro", "Santiago de Querétaro")], "Chedraui")
    assert eggs and {(p.city, p.chain) for p in eggs} == {("Santiago de Querétaro", "Chedraui")}
    assert [p.day for p in eggs] == sorted(p.day for p in eggs)
    assert all(p.unit_price_mxn > 0 and isinstance(p.price_mxn, Decimal) for p in eggs)
    assert ("egg", "unit") in store.products(None, None)
    assert store.citation(date(2026, 4, 1), date(2026, 5, 15)).startswith("Fuente: PROFECO")


def test_changed_files_replace_every_row(engine, tmp_path):
    pack = tmp_path / "pack"
    for name in ("market_prices_mx", "ingredients_allergens"):
        shutil.copytree(data_pack_dir() / name, pack / name)
    import_market_prices(engine, pack)
    prices = pack / "market_prices_mx" / "qqp_prices.csv"
    lines = prices.read_text(encoding="utf-8").splitlines(keepends=True)
    prices.write_text("".join(lines[:2001]), encoding="utf-8")  # header + 2,000 rows

    written = import_market_prices(engine, pack)

    assert written == len(observation_rows(pack)) and written < 2000
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM ref_market_prices")).scalar_one() == written
