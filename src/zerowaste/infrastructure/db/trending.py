"""What happened to the public recipes in a window, counted in SQL (`recipe_activity`):
three GROUP BY queries whatever the number of users, each grouped on the event table's
(time, recipe) index before it meets the recipes table. Counts only: no user or household
column is ever selected."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from zerowaste.domain.recipes.trending import RecipeActivity
from zerowaste.infrastructure.db.recipe_history import CookRow
from zerowaste.infrastructure.db.recipes import FavoriteRow, RecipeRow


class SqlAlchemyRecipeActivity:
    def __init__(self, session: Session) -> None:
        self._s = session

    def activity(self, since: datetime, until: datetime) -> list[RecipeActivity]:
        cooked = (
            select(
                CookRow.recipe_uid.label("uid"),
                func.count(func.distinct(CookRow.household_id)).label("n"),
            )
            .where(CookRow.cooked_at >= since, CookRow.cooked_at < until)
            .group_by(CookRow.recipe_uid)
            .subquery()
        )
        favoured = (
            select(FavoriteRow.recipe_uid.label("uid"), func.count().label("n"))
            .where(FavoriteRow.favorited_at >= since, FavoriteRow.favorited_at < until)
            .group_by(FavoriteRow.recipe_uid)
            .subquery()
        )
        copy = aliased(RecipeRow)
        copied = (
            select(copy.title_key.label("key"), func.count(func.distinct(copy.household_id)))
            .where(copy.source == "saved", copy.created_at >= since, copy.created_at < until)
            .group_by(copy.title_key)
            .subquery()
        )
        found = [
            *self._rows(_public(cooked.c.n).join(cooked, cooked.c.uid == RecipeRow.uid), "c"),
            *self._rows(_public(favoured.c.n).join(favoured, favoured.c.uid == RecipeRow.uid), "s"),
            *self._rows(
                _public(copied.c[1]).join(copied, copied.c.key == RecipeRow.title_key), "s"
            ),
        ]
        return found

    def _rows(self, query: Select[Any], kind: str) -> list[RecipeActivity]:
        return [
            RecipeActivity(
                uid, title, cooked=n if kind == "c" else 0, saved=n if kind == "s" else 0
            )
            for uid, title, n in self._s.execute(query)
        ]


def _public(count: Any) -> Select[Any]:
    public = (RecipeRow.source == "catalog", RecipeRow.household_id.is_(None))
    return select(RecipeRow.uid, RecipeRow.title, count).where(*public)
