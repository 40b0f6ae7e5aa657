"""Users generating recipes from their inventories at once all get their recipes (MariaDB).

The 12-01 soak answered one `POST /api/recipes/generate-from-inventory` 503 and logged nothing:
households with overlapping pantries rank the same catalog recipes, each in its own order, and
their generations' picture claims deadlocked (tests/integration/recipes/test_picture_claims.py).
Here twelve such users generate four times, all at once each time."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import bearer, signup
from tests.api.inventory.helpers import add, line
from tests.conftest import make_settings
from tests.integration.inventory.test_concurrency import all_at_once
from zerowaste.bootstrap import create_app

pytestmark = [pytest.mark.integration, pytest.mark.mysql]

FOODS = ["Huevo", "Tomate", "Cebolla", "Arroz", "Papa", "Pollo", "Zanahoria", "Ajo", "Leche"]
USERS, ROUNDS = 12, 4


@pytest.fixture
def app(tmp_path: Path, mysql_catalog_url: str) -> Iterator[Any]:
    application = create_app(make_settings(tmp_path, database_url=mysql_catalog_url))
    yield application
    application.extensions["zerowaste.engine"].dispose()


def test_users_generating_at_once_all_get_their_recipes(app: Any) -> None:
    client = app.test_client()
    users = []
    for n in range(USERS):  # 7 of the same 9 foods each, expiring in its own order
        headers = bearer(signup(client)["access_token"])
        pick = random.Random(n)
        foods = pick.sample(FOODS, 7)
        add(client, headers, *(line(f, 3, expiration_time=pick.randint(1, 20)) for f in foods))
        users.append(headers)

    answers: Counter[str] = Counter()
    for _ in range(ROUNDS):
        callers = iter(users)

        def generate(callers: Iterator[dict[str, str]] = callers) -> str:
            response = app.test_client().post(
                "/api/recipes/generate-from-inventory", json={}, headers=next(callers)
            )
            return f"{response.status_code} {(response.json or {}).get('code', '')}".strip()

        answers.update(all_at_once(generate, USERS))

    assert answers == {"200": USERS * ROUNDS}
    for headers in users:
        history = client.get("/api/generation/history", headers=headers).json
        assert history["count"] == ROUNDS
