"""`stock_lines` (one Core query) gives the pickers the same pantry as the household's items."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.api.conftest import bearer, signup
from zerowaste.application.recipes.pantry import pantry_of, pantry_of_lines
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration


def test_the_pantry_from_stock_lines_is_the_pantry_from_items(app: Any, client: Any) -> None:
    user = signup(client)
    headers = bearer(user["access_token"])
    lines = [
        {"name": "Espinaca", "quantity": 2, "type_unit": "unidades", "expiration_time": 3},
        {"name": "Espinaca", "quantity": 1, "type_unit": "unidades", "expiration_time": 9},
        {"name": "Arroz", "quantity": 1, "type_unit": "kg", "expiration_time": 200},
        {"name": "Leche", "quantity": 1, "type_unit": "l", "expiration_time": 1},
    ]
    for line in lines:
        added = client.post(
            "/api/inventory/ingredients", json={"ingredients": [line]}, headers=headers
        )
        assert added.status_code == 201, added.json
    food = {"name": "Lomo saltado", "serving_quantity": 2, "calories": 650}
    assert (
        client.post(
            "/api/inventory/foods/from-recognition", json={"foods": [food]}, headers=headers
        ).status_code
        == 201
    )
    key = str.casefold

    with UnitOfWorkFactory(app.extensions["zerowaste.engine"]).read() as uow:
        found = uow.users.get(user["user"]["uid"])
        assert found is not None
        items = uow.inventory.list_items(found.household_id)
        stock = uow.inventory.stock_lines(found.household_id)

    assert {line.name for line in stock} == {"Espinaca", "Arroz", "Leche"}  # foods left out
    for today in (date.today(), date.fromordinal(date.today().toordinal() + 5)):
        assert pantry_of_lines(stock, today, key) == pantry_of(items, today, key)
