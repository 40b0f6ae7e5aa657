"""Recipes (catalog, saved, generated) in one table, and users' favourites.

Lines, steps and tags live in JSON columns of the recipe row, so a page of recipes is one query
and its count another, whatever the page size (`GET /api/recipes/all` stays at a constant number
of queries). `search_text` holds the folded title, description and lines for LIKE filters.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    delete,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from zerowaste.application.recipes.ports import Favorite, Page, RecipeFilter
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient, title_key
from zerowaste.domain.shared.text import folded
from zerowaste.infrastructure.db.base import Base, JSONType, UTCDateTime
from zerowaste.infrastructure.db.recipe_changes import RECIPE_WRITES
from zerowaste.infrastructure.db.reference import RefDatasetVersionRow

CATALOG_DATASET = "recipe_catalog"  # its row in ref_dataset_versions (the catalog importer's)


class RecipeRow(Base):
    __tablename__ = "recipes"
    __table_args__ = (
        Index("ix_recipes_household_source", "household_id", "source", "created_at"),
        Index("ix_recipes_source_title", "source", "title_key"),
        Index("ix_recipes_source_created", "source", "created_at", "title_key", "household_id"),
        Index("ix_recipes_created_at", "created_at"),  # search's version check (0022)
    )

    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    # NULL: the public catalog. CASCADE: a household's recipes go with it.
    household_id: Mapped[str | None] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), nullable=True
    )
    added_by: Mapped[str | None] = mapped_column(
        ForeignKey("users.uid", ondelete="SET NULL"), nullable=True
    )
    source: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(200))
    title_key: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(5))
    category: Mapped[str] = mapped_column(String(40))
    difficulty: Mapped[str] = mapped_column(String(20))
    duration: Mapped[str] = mapped_column(String(60))
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    servings: Mapped[int | None] = mapped_column(Integer, nullable=True)
    description: Mapped[str] = mapped_column(Text)
    footer: Mapped[str] = mapped_column(Text)
    lines: Mapped[list[Any]] = mapped_column(JSONType)
    steps: Mapped[list[Any]] = mapped_column(JSONType)
    tags: Mapped[list[Any]] = mapped_column(JSONType)
    search_text: Mapped[str] = mapped_column(Text)
    generation_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    image_key: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    attribution: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FavoriteRow(Base):
    __tablename__ = "recipe_favorites"
    __table_args__ = (Index("ix_recipe_favorites_favorited", "favorited_at", "recipe_uid"),)

    user_uid: Mapped[str] = mapped_column(
        ForeignKey("users.uid", ondelete="CASCADE"), primary_key=True
    )
    recipe_uid: Mapped[str] = mapped_column(
        ForeignKey("recipes.uid", ondelete="CASCADE"), primary_key=True
    )
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(String(1000))
    favorited_at: Mapped[datetime] = mapped_column(UTCDateTime)


def _line_to_json(line: RecipeIngredient) -> dict[str, Any]:
    return {
        "name": line.name,
        "quantity": None if line.quantity is None else str(line.quantity),
        "unit": line.unit,
        "food_key": line.food_key,
        "optional": line.optional,
        "text": line.text,
        "grams": None if line.grams is None else str(line.grams),
    }


def _line_from_json(data: dict[str, Any]) -> RecipeIngredient:
    quantity, grams = data.get("quantity"), data.get("grams")
    return RecipeIngredient(
        name=data.get("name", ""),
        quantity=None if quantity is None else Decimal(quantity),
        unit=data.get("unit"),
        food_key=data.get("food_key"),
        optional=bool(data.get("optional")),
        text=data.get("text", ""),
        grams=None if grams is None else Decimal(grams),
    )


def to_row(recipe: Recipe) -> RecipeRow:
    lines = [_line_to_json(line) for line in recipe.ingredients]
    words = " ".join(i.text or i.name for i in recipe.ingredients)
    return RecipeRow(
        uid=recipe.uid,
        household_id=recipe.household_id,
        added_by=recipe.added_by,
        source=recipe.source,
        title=recipe.title[:200],
        title_key=title_key(recipe.title)[:200],
        lang=recipe.lang[:5],
        category=recipe.category[:40],
        difficulty=recipe.difficulty[:20],
        duration=recipe.duration[:60],
        minutes=recipe.minutes,
        servings=recipe.servings,
        description=recipe.description,
        footer=recipe.footer,
        lines=lines,
        steps=list(recipe.steps),
        tags=list(recipe.tags),
        search_text=folded(f"{recipe.title} {recipe.description} {words} {' '.join(recipe.tags)}"),
        generation_id=recipe.generation_id,
        image_key=recipe.image_key,
        attribution=recipe.attribution[:300],
        created_at=recipe.created_at,
    )


def to_recipe(row: RecipeRow) -> Recipe:
    return Recipe(
        uid=row.uid,
        title=row.title,
        source=row.source,
        lang=row.lang,
        description=row.description,
        category=row.category,
        difficulty=row.difficulty,
        duration=row.duration,
        minutes=row.minutes,
        servings=row.servings,
        ingredients=[_line_from_json(d) for d in row.lines or []],
        steps=list(row.steps or []),
        footer=row.footer,
        tags=list(row.tags or []),
        household_id=row.household_id,
        added_by=row.added_by,
        generation_id=row.generation_id,
        image_key=row.image_key,
        attribution=row.attribution,
        created_at=row.created_at,
    )


class SqlAlchemyRecipeRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, recipe: Recipe) -> None:
        self._s.add(to_row(recipe))
        self._s.flush()
        RECIPE_WRITES.in_session(self._s)

    def get(self, uid: str) -> Recipe | None:
        row = self._s.get(RecipeRow, uid)
        return to_recipe(row) if row else None

    def visible(self, household_id: str, wanted: RecipeFilter, limit: int, offset: int) -> Page:
        mine = RecipeRow.household_id == household_id
        scope = [
            mine & (RecipeRow.source == s) if s != "catalog" else RecipeRow.household_id.is_(None)
            for s in wanted.sources
        ]
        conditions: list[Any] = [or_(*scope)]
        for word in folded(wanted.search).split():
            conditions.append(RecipeRow.search_text.contains(word, autoescape=True))
        for food in wanted.ingredients:
            conditions.append(RecipeRow.search_text.contains(folded(food), autoescape=True))
        if wanted.category:
            conditions.append(RecipeRow.category == wanted.category.lower())
        if wanted.difficulty:
            conditions.append(RecipeRow.difficulty == wanted.difficulty)
        if wanted.max_minutes is not None:
            conditions.append(RecipeRow.minutes <= wanted.max_minutes)
        if wanted.tags:
            conditions.append(
                or_(
                    *(
                        RecipeRow.search_text.contains(folded(t), autoescape=True)
                        for t in wanted.tags
                    )
                )
            )
        total = self._s.scalar(select(func.count()).select_from(RecipeRow).where(*conditions))
        rows = self._s.scalars(
            select(RecipeRow)
            .where(*conditions)
            .order_by(RecipeRow.household_id.is_(None), RecipeRow.created_at.desc(), RecipeRow.uid)
            .limit(limit)
            .offset(offset)
        ).all()
        return Page([to_recipe(r) for r in rows], int(total or 0))

    def delete(self, household_id: str, uids: list[str]) -> int:
        if not uids:
            return 0
        result = self._s.execute(
            delete(RecipeRow).where(RecipeRow.household_id == household_id, RecipeRow.uid.in_(uids))
        )
        RECIPE_WRITES.in_session(self._s)
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def of_generation(self, household_id: str, generation_id: str) -> list[Recipe]:
        rows = self._s.scalars(
            select(RecipeRow)
            .where(RecipeRow.household_id == household_id, RecipeRow.generation_id == generation_id)
            .order_by(RecipeRow.created_at, RecipeRow.uid)
        ).all()
        return [to_recipe(r) for r in rows]

    def uids_by_title(self, household_id: str, title: str) -> list[str]:
        return list(
            self._s.scalars(
                select(RecipeRow.uid).where(
                    RecipeRow.household_id == household_id, RecipeRow.title_key == title
                )
            ).all()
        )

    def by_title(self, household_id: str, title: str, sources: tuple[str, ...]) -> Recipe | None:
        for source in sources:
            row = self._s.scalars(
                select(RecipeRow)
                .where(
                    RecipeRow.household_id == household_id,
                    RecipeRow.source == source,
                    RecipeRow.title_key == title,
                )
                .order_by(RecipeRow.created_at.desc())
                .limit(1)
            ).first()
            if row is not None:
                return to_recipe(row)
        return None

    def generated_titles(self, household_id: str, since: datetime) -> list[str]:
        return list(
            self._s.scalars(
                select(RecipeRow.title).where(
                    RecipeRow.household_id == household_id,
                    RecipeRow.source == "generated",
                    RecipeRow.created_at >= since,
                )
            ).all()
        )

    def catalog_version(self) -> str:
        found = self._s.scalar(
            select(RefDatasetVersionRow.checksum).where(
                RefDatasetVersionRow.dataset == CATALOG_DATASET
            )
        )
        return str(found or "")

    def catalog(self, limit: int) -> list[Recipe]:
        rows = self._s.scalars(
            select(RecipeRow).where(RecipeRow.household_id.is_(None)).limit(limit)
        ).all()
        return [to_recipe(r) for r in rows]

    def upsert_catalog(self, recipes: list[Recipe]) -> int:
        """Replace the catalog's rows by uid (favourites of a recipe that stays are kept)."""
        wanted = {r.uid for r in recipes}
        stale = select(RecipeRow.uid).where(
            RecipeRow.household_id.is_(None), RecipeRow.uid.not_in(wanted)
        )
        self._s.execute(delete(RecipeRow).where(RecipeRow.uid.in_(stale.scalar_subquery())))
        for recipe in recipes:
            self._s.merge(to_row(recipe))
        self._s.flush()
        RECIPE_WRITES.in_session(self._s)
        return len(recipes)


class SqlAlchemyFavoriteRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def put(
        self, user_uid: str, recipe_uid: str, rating: int | None, notes: str, now: datetime
    ) -> None:
        row = self._s.get(FavoriteRow, (user_uid, recipe_uid))
        if row is None:
            self._s.add(
                FavoriteRow(
                    user_uid=user_uid,
                    recipe_uid=recipe_uid,
                    rating=rating,
                    notes=notes,
                    favorited_at=now,
                )
            )
        else:
            row.rating, row.notes = rating, notes
        self._s.flush()

    def remove(self, user_uid: str, recipe_uid: str) -> bool:
        result = self._s.execute(
            delete(FavoriteRow).where(
                FavoriteRow.user_uid == user_uid, FavoriteRow.recipe_uid == recipe_uid
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def of_user(self, user_uid: str, limit: int, offset: int) -> list[Favorite]:
        rows = self._s.execute(
            select(FavoriteRow, RecipeRow)
            .join(RecipeRow, RecipeRow.uid == FavoriteRow.recipe_uid)
            .where(FavoriteRow.user_uid == user_uid)
            .order_by(FavoriteRow.favorited_at.desc(), FavoriteRow.recipe_uid)
            .limit(limit)
            .offset(offset)
        ).all()
        return [
            Favorite(to_recipe(recipe), fav.rating, fav.notes, fav.favorited_at)
            for fav, recipe in rows
        ]
