"""Trending recipes (domain.recipes.trending) counted in SQL on SQLite and MariaDB: the window's
cooks (distinct households), favourites and saved copies of public recipes, nothing private,
nothing outside the window, a constant number of queries whatever the number of users."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from tests.conftest import make_settings
from tests.factories import add_user
from zerowaste.application.recipes.ports import CookRecord
from zerowaste.application.recipes.trending import TrendingRecipes
from zerowaste.domain.accounts.users import User
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.infrastructure.db.session import make_engine
from zerowaste.infrastructure.db.uow import UnitOfWorkFactory

pytestmark = pytest.mark.integration
NOW = datetime(2026, 1, 18, 9, 0, tzinfo=UTC)


@pytest.fixture
def uows(tmp_path: Any, db_url: str) -> Iterator[UnitOfWorkFactory]:
    engine = make_engine(make_settings(tmp_path, database_url=db_url))
    factory = UnitOfWorkFactory(engine)
    with factory() as uow:
        for uid in ("ana", "bob", "cy", "dee"):
            add_user(uow, User(uid, None, None, "guest", NOW, NOW))
        for uid, title in (
            ("pub-a", "Tortilla ZW test"),
            ("pub-b", "Lentejas ZW test"),
            ("pub-c", "Arroz ZW test"),
        ):
            uow.recipes.add(Recipe(uid=uid, title=title, source="catalog", created_at=NOW))
        uow.recipes.add(
            Recipe(
                uid="ana-own",
                title="Secreto ZW test",
                source="saved",
                household_id="ana",
                created_at=NOW,
            )
        )
        uow.commit()
    yield factory
    engine.dispose()


def _cook(uow: Any, n: int, household: str, recipe: str, at: datetime) -> None:
    uow.cooks.add(household, household, CookRecord(f"c{n}", recipe, recipe, None, at))


def _copy(uow: Any, n: int, household: str, title: str, at: datetime) -> None:
    uow.recipes.add(
        Recipe(uid=f"copy{n}", title=title, source="saved", household_id=household, created_at=at)
    )


def test_the_most_cooked_or_saved_public_recipes_of_the_week(uows: UnitOfWorkFactory) -> None:
    day = timedelta(days=1)
    with uows() as uow:
        _cook(uow, 1, "ana", "pub-b", NOW - day)
        _cook(uow, 2, "ana", "pub-b", NOW - 2 * day)  # the same household again: counts once
        _cook(uow, 3, "bob", "pub-b", NOW - 3 * day)
        _cook(uow, 4, "cy", "pub-a", NOW - 6 * day)
        _cook(uow, 5, "dee", "pub-c", NOW - 8 * day)  # before the window
        _cook(uow, 6, "ana", "ana-own", NOW - day)  # private: never trends
        _cook(uow, 7, "bob", "ana-own", NOW - day)
        _cook(uow, 8, "cy", "ana-own", NOW - day)
        uow.favorites.put("dee", "pub-a", 5, "", NOW - day)
        uow.favorites.put("ana", "pub-c", None, "", NOW - 10 * day)  # before the window
        uow.favorites.put("bob", "ana-own", None, "", NOW - day)
        _copy(
            uow, 1, "bob", "tortilla zw TEST", NOW - day
        )  # a saved copy of the catalog's Tortilla
        _copy(uow, 2, "cy", "Arroz ZW test", NOW - 2 * day)
        _copy(
            uow, 3, "dee", "Secreto ZW test", NOW - 2 * day
        )  # same title as a private recipe only
        uow.commit()
    found = TrendingRecipes(uows).top(NOW)
    assert [(r.uid, r.title, r.cooked, r.saved) for r in found] == [
        ("pub-a", "Tortilla ZW test", 1, 2),
        ("pub-b", "Lentejas ZW test", 2, 0),
        ("pub-c", "Arroz ZW test", 0, 1),
    ]
    assert [r.uid for r in TrendingRecipes(uows).top(NOW, limit=2)] == ["pub-a", "pub-b"]
    # 2 days: B (cooked once) and C (saved once) tie on score; the cooked one goes first
    assert [r.uid for r in TrendingRecipes(uows).top(NOW, days=2)] == ["pub-a", "pub-b", "pub-c"]
    assert [r.uid for r in TrendingRecipes(uows).top(NOW, days=1)] == ["pub-a", "pub-b"]
    assert TrendingRecipes(uows).top(NOW - 30 * day) == []


def test_the_count_takes_three_queries_whatever_the_number_of_users(
    uows: UnitOfWorkFactory,
) -> None:
    with uows.read() as uow:
        bind = uow.session.get_bind()
    public = ["pub-a", "pub-b", "pub-c"]
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(str(args[2]))

    for rounds in (1, 2):
        with uows() as uow:
            for n in range(10):
                household = ("ana", "bob", "cy", "dee")[n % 4]
                _cook(uow, 100 * rounds + n, household, public[n % 3], NOW - timedelta(hours=n))
            uow.commit()
        statements.clear()
        event.listen(bind, "before_cursor_execute", record)
        try:
            TrendingRecipes(uows).top(NOW)
        finally:
            event.remove(bind, "before_cursor_execute", record)
        selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
        assert len(selects) == 3 and all("GROUP BY" in s for s in selects)
        assert not any("user_uid" in s.split("FROM")[0] for s in selects)
