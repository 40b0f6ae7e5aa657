"""Listing the inventory runs a constant number of SQL statements whatever its size.

A `before_cursor_execute` listener on the app's own engine records every statement. Per
request we separate the inventory read from the rest:
- `BEGIN` is how SQLite transactions start here (session.py issues it; MariaDB's implicit
  transactions send nothing), one per unit of work;
- the JWT revocation lookup (`revoked_tokens`) runs on every authenticated request when Redis is
  not configured;
- everything else is the inventory read: items, their stacks, the owner's profile (allergies).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from zerowaste.bootstrap import create_app
from zerowaste.domain.inventory.items import InventoryItem, Stack
from zerowaste.domain.shared.storage import StoragePlace

pytestmark = pytest.mark.integration

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


class Statements:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self.seen.append(" ".join(statement.split()))

    def reset(self) -> None:
        self.seen.clear()

    @property
    def inventory(self) -> list[str]:
        """Statements of the inventory read (transactions and token checks left out)."""
        return [
            s
            for s in self.seen
            if not s.upper().startswith(("BEGIN", "ROLLBACK", "COMMIT"))
            and "revoked_tokens" not in s
        ]


@pytest.fixture
def served(tmp_path: Path, db_url: str) -> Iterator[tuple[Any, Any, Statements]]:
    app = create_app(make_settings(tmp_path, database_url=db_url))
    services = app.extensions["zerowaste.services"]
    engine = app.extensions["zerowaste.engine"]
    statements = Statements()
    event.listen(engine, "before_cursor_execute", statements)
    yield app, services, statements
    event.remove(engine, "before_cursor_execute", statements)
    engine.dispose()


def seed(services: Any, uid: str, items: int, stacks_per_item: int) -> None:
    """Items with several stacks each, written in one unit of work through the repository."""
    with services.inventory._uow_factory() as uow:
        household = uow.households.claim(uid)
        for n in range(items):
            item = InventoryItem(
                owner_id=household,
                name=f"Ingrediente {n:04d}",
                unit="g",
                storage=StoragePlace.PANTRY,
            )
            item.stacks = [
                Stack(
                    quantity=Decimal(100 + s),
                    unit="g",
                    added_at=NOW + timedelta(seconds=s),
                    expires_on=date(2025, 7, 1) + timedelta(days=s),
                    storage=StoragePlace.PANTRY,
                )
                for s in range(stacks_per_item)
            ]
            item.allergens = ["gluten"] if n % 7 == 0 else []
            uow.inventory.add(item, NOW)
        uow.commit()


def warm_up(app: Any, services: Any) -> None:
    """The reference catalog loads its tables on first use, once per process: do it first."""
    cold_and_warm(app, services, Statements(), (1, 1))


def cold_and_warm(app: Any, services: Any, statements: Statements, size: tuple[int, int]) -> Any:
    """Sign a user up, seed `size` = (items, stacks per item), read cold then warm."""
    client = app.test_client()
    user = signup(client)
    headers = bearer(user["access_token"])
    profile = client.patch("/api/user/profile", json={"allergies": ["gluten"]}, headers=headers)
    assert profile.status_code == 200, profile.json
    seed(services, user["user"]["uid"], *size)  # claims the household: the version moves on

    statements.reset()
    cold = client.get("/api/inventory", headers=headers)
    cold_statements = list(statements.inventory)
    statements.reset()
    warm = client.get("/api/inventory", headers=headers)
    warm_all, warm_inventory = list(statements.seen), list(statements.inventory)

    assert cold.status_code == warm.status_code == 200
    assert cold.json == warm.json
    stacks = sum(len(i["stacks"]) for i in cold.json["ingredients"])
    assert stacks == size[0] * size[1]
    return cold_statements, warm_all, warm_inventory, cold.json


@pytest.mark.parametrize("large", [(250, 2), (600, 1)], ids=["500_stacks", "600_items"])
def test_listing_runs_the_same_few_queries_for_10_and_500_stacks(
    served: tuple[Any, Any, Statements], large: tuple[int, int]
) -> None:
    app, services, statements = served
    warm_up(app, services)

    small_cold, small_warm, _, small_body = cold_and_warm(app, services, statements, (5, 2))
    big_cold, big_warm, big_warm_inventory, big_body = cold_and_warm(
        app, services, statements, large
    )

    # Cold: the version (users join households, one row), the caller, items, stacks.
    assert len(small_cold) == len(big_cold) == 4, big_cold
    tables = ["users", "users", "inventory_items", "inventory_stacks"]
    assert [_table(s) for s in big_cold] == tables
    assert "households" in big_cold[0]
    # Warm: the JWT revocation lookup and the one-row version lookup; no inventory rows.
    assert [_table(s) for s in _queries(small_warm)] == ["revoked_tokens", "users"]
    assert [_table(s) for s in _queries(big_warm)] == ["revoked_tokens", "users"]
    assert len(big_warm_inventory) == 1 and "households" in big_warm_inventory[0]
    alerts = [i["name"] for i in big_body["ingredients"] if i.get("allergy_alert")]
    assert alerts and all(int(name.split()[-1]) % 7 == 0 for name in alerts)
    assert small_body["total_ingredients"] == 5


def test_views_service_runs_the_same_queries_for_10_and_500_stacks(
    served: tuple[Any, Any, Statements],
) -> None:
    app, services, statements = served
    client = app.test_client()
    warm_up(app, services)
    counts = []
    for size in [(5, 2), (250, 2)]:
        uid = signup(client)["user"]["uid"]
        seed(services, uid, *size)
        statements.reset()
        views, _ = services.inventory_queries.views(uid)
        cold = list(statements.inventory)
        statements.reset()
        services.inventory_queries.views(uid)
        counts.append((len(cold), len(statements.inventory)))
        assert sum(len(v.item.stacks) for v in views) == size[0] * size[1]

    assert counts[0] == counts[1] == (3, 3)  # no N+1; the HTTP layer caches renderings


def _queries(statements: list[str]) -> list[str]:
    return [s for s in statements if not s.upper().startswith("BEGIN")]


def _table(statement: str) -> str:
    after_from = statement.split(" FROM ", 1)[1]
    return after_from.split()[0].strip('`"')


def _write_shape(statement: str) -> str:
    """ "VERB table" of a write's statement (a SELECT named by its first table)."""
    words = statement.replace("`", "").split()
    verb = words[0].upper()
    if verb == "SELECT":
        return f"SELECT {_table(statement)}"
    table = words[2] if verb in ("INSERT", "DELETE") else words[1]
    return f"{verb} {table}"


def test_writes_send_only_what_changed(served: tuple[Any, Any, Statements]) -> None:
    """An add to an existing item and a consume leave the item row alone and touch only the
    stack they change: the repository writes the difference from what it loaded."""
    app, services, statements = served
    warm_up(app, services)
    client = app.test_client()
    headers = bearer(signup(client)["access_token"])
    line = {"name": "Arroz", "quantity": 2, "type_unit": "kg"}
    first = client.post("/api/inventory/ingredients", json={"ingredients": [line]}, headers=headers)
    assert first.status_code == 201, first.json
    item_id = first.json["ingredients"][0]["id"]
    other = {"name": "Frijol", "quantity": 1, "type_unit": "kg"}
    assert (
        client.post(
            "/api/inventory/ingredients", json={"ingredients": [other]}, headers=headers
        ).status_code
        == 201
    )

    statements.reset()
    again = client.post("/api/inventory/ingredients", json={"ingredients": [line]}, headers=headers)
    assert again.status_code == 201, again.json
    added = [_write_shape(s) for s in statements.inventory]
    statements.reset()
    eaten = client.post(
        f"/api/inventory/items/{item_id}/consume",
        json={"quantity": 5, "unit": "g"},
        headers=headers,
    )
    assert eaten.status_code == 200, eaten.json
    consumed = [_write_shape(s) for s in statements.inventory]
    consumed_sql = [s for s in statements.inventory if s.startswith("UPDATE inventory_stacks")]

    assert added == [
        "UPDATE households",  # the household's lock and version
        "SELECT inventory_items",  # the item and its stacks, one joined query
        "INSERT inventory_stacks",
        "INSERT inventory_journal",
    ], statements.inventory
    assert consumed[:2] == ["UPDATE households", "SELECT inventory_items"], consumed
    # FEFO took 5 g from one of the two stacks and set its quantity, nothing else; the journal
    # and the food log record what was eaten.
    assert sorted(consumed[2:]) == [
        "INSERT food_log",
        "INSERT inventory_journal",
        "UPDATE inventory_stacks",
    ], statements.inventory
    assert consumed_sql[0].split(" WHERE ")[0].count("=") == 1, consumed_sql
