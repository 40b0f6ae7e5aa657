"""The owner's undo of a join on SQLite and MariaDB: a merged stack goes back as a copy of the
household's item (binary name keys, JSON columns), an item that moved as it was goes back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.households.helpers import BASE, create, invite, join, member, stock
from tests.api.inventory.helpers import add, line
from tests.conftest import make_settings

pytestmark = pytest.mark.integration


@pytest.fixture
def app(tmp_path: Path, db_url: str) -> Iterator[Any]:
    from zerowaste.bootstrap import create_app

    application = create_app(make_settings(tmp_path, database_url=db_url))
    yield application
    application.extensions["zerowaste.engine"].dispose()


def test_an_undone_join_gives_back_merged_and_moved_stock(app: Any) -> None:
    client = app.test_client()
    ana, ben = member(client, "ana"), member(client, "ben")
    create(client, ana)
    add(client, ana["headers"], line("Arroz", 1, "kg"))
    add(client, ben["headers"], line("Arroz", 250, "g"), line("Leche", 2, "l"))
    joined = join(client, ben, invite(client, ana)["code"])
    assert joined.status_code == 200, joined.json
    assert stock(client, ana) == {"Arroz": 1.25, "Leche": 2}

    undone = client.post(f"{BASE}/joins/{joined.json['join_id']}/undo", headers=ana["headers"])
    assert undone.status_code == 200, undone.json
    assert stock(client, ana) == {"Arroz": 1}
    assert stock(client, ben) == {"Arroz": 0.25, "Leche": 2}
    again = add(client, ben["headers"], line("Arroz", 1, "kg"))  # the copy is a real item
    assert again and stock(client, ben)["Arroz"] == 1.25
