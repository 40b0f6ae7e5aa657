"""`GET /api/recipes/all` runs a constant number of SQL statements whatever the catalog's size
or the page (issue #9: 5,000 recipes paginated at a constant number of queries)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from zerowaste.bootstrap import create_app
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient, catalog_uid
from zerowaste.infrastructure.db.recipes import to_row

pytestmark = pytest.mark.integration


def catalog(size: int) -> list[Recipe]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return [
        Recipe(
            uid=catalog_uid(f"bench-{n}"),
            title=f"Receta {n:05d}",
            source="catalog",
            ingredients=[
                RecipeIngredient(name=f"food {k}", quantity=Decimal(k + 1), unit="g", text="x")
                for k in range(8)
            ],
            steps=["a", "b", "c"],
            created_at=now,
        )
        for n in range(size)
    ]


def test_recipe_pages_cost_the_same_statements_at_any_size(tmp_path: Path, db_url: str) -> None:
    app = create_app(make_settings(tmp_path, database_url=db_url))
    engine = app.extensions["zerowaste.engine"]
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "ROLLBACK", "COMMIT")):
            seen.append(statement)

    try:
        client = app.test_client()
        headers = bearer(signup(client)["access_token"])
        counts = {}
        added = 0
        for size in (50, 5000):
            with Session(engine) as session:  # the public catalog grows to `size` (+ the pack's)
                session.add_all(to_row(r) for r in catalog(size)[added:])
                session.commit()
            added = size
            event.listen(engine, "before_cursor_execute", record)
            for page in (1, 40):
                seen.clear()
                response = client.get(f"/api/recipes/all?page={page}&per_page=50", headers=headers)
                assert response.status_code == 200
                counts[(size, page)] = len(seen)
            event.remove(engine, "before_cursor_execute", record)
        assert len(set(counts.values())) == 1, counts
        assert counts[(50, 1)] <= 4  # revocation check, the caller, the page, its count
        assert response.json["total"] >= 5000 and response.json["count"] == 50
    finally:
        engine.dispose()
