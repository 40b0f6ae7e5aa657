"""The market API tests run on a database copy holding the PROFECO shelf prices, imported once
per session the way `zerowaste data-import` imports them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import data_pack_dir, make_settings
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.reference.market import import_market_prices


@pytest.fixture(scope="session")
def market_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("market") / "market.db"
    shutil.copy(sqlite_template, path)
    engine = make_engine(make_settings(path.parent, database_url=f"sqlite:///{path}"))
    assert (import_market_prices(engine, data_pack_dir()) or 0) > 5000
    assert import_market_prices(engine, data_pack_dir()) is None  # unchanged: nothing written
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, market_template: Path) -> str:
    target = tmp_path / "test.db"
    shutil.copy(market_template, target)
    return f"sqlite:///{target}"
