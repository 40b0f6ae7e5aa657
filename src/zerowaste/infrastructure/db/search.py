"""Search's store: the recipes' documents (from the recipes table) and their vectors
(`recipe_embeddings`, one row per recipe and model, float32 little-endian in a BLOB).

A vector row goes with its recipe (ON DELETE CASCADE). `version(part)` is one query that changes
whenever a recipe or a vector of that part (the catalog, or the households' own recipes) is
added, replaced or deleted, or the catalog is imported again: each web process compares it with
the version that part of its in-memory index was built from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from zerowaste.application.search.ports import PARTS, StoredVector
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.search.documents import SearchDoc
from zerowaste.infrastructure.db.base import Base, UTCDateTime
from zerowaste.infrastructure.db.lock_errors import is_lock_conflict
from zerowaste.infrastructure.db.recipe_changes import OWNERS_DATASET, RECIPE_WRITES
from zerowaste.infrastructure.db.recipes import (
    CATALOG_DATASET,
    RecipeRow,
    to_recipe,
)
from zerowaste.infrastructure.db.reference import RefDatasetVersionRow


class RecipeEmbeddingRow(Base):
    __tablename__ = "recipe_embeddings"

    recipe_uid: Mapped[str] = mapped_column(
        ForeignKey("recipes.uid", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(String(80), primary_key=True)
    dim: Mapped[int] = mapped_column(Integer)
    text_hash: Mapped[str] = mapped_column(String(32))
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


def _version_parts(part: str) -> list[Any]:
    """Counts and latest times of the part's recipes and of their vectors, and the catalog's
    checksum (catalog) or the mark of the last move of recipes between households (own)."""
    with_recipe = RecipeRow.uid == RecipeEmbeddingRow.recipe_uid
    parts = [
        _of_part(select(func.count()).select_from(RecipeRow), part),
        _of_part(select(func.max(RecipeRow.created_at)), part),
        _of_part(
            select(func.count()).select_from(RecipeEmbeddingRow).join(RecipeRow, with_recipe),
            part,
        ),
        _of_part(
            select(func.max(RecipeEmbeddingRow.updated_at)).join(RecipeRow, with_recipe), part
        ),
    ]
    dataset = CATALOG_DATASET if part == "catalog" else OWNERS_DATASET
    parts.append(
        select(RefDatasetVersionRow.checksum).where(RefDatasetVersionRow.dataset == dataset)
    )
    return parts


def _of_part(query: Any, part: str | None) -> Any:
    """The query narrowed to the catalog's recipes or the households' own (None: all)."""
    if part is None:
        return query
    if part == "catalog":
        return query.where(RecipeRow.household_id.is_(None))
    return query.where(RecipeRow.household_id.is_not(None))


def _foods(lines: list[Any] | None) -> tuple[str, ...]:
    keys = (line.get("food_key") for line in lines or [] if isinstance(line, dict))
    return tuple(dict.fromkeys(k for k in keys if k))


class SqlAlchemySearchStore:
    """Each call is its own short transaction (reads, or one batch of vectors)."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sf = session_factory

    def versions(self) -> dict[str, str]:
        """Each part's version (`_version_parts`), both in one query: a search asks on
        every request."""
        columns = {part: _version_parts(part) for part in PARTS}
        flat = [column for part in PARTS for column in columns[part]]
        with self._sf() as s:
            row = list(s.execute(select(*(c.scalar_subquery() for c in flat))).one())
        found, at = {}, 0
        for part in PARTS:
            width = len(columns[part])
            found[part] = "|".join(str(value) for value in row[at : at + width])
            at += width
        return found

    def version(self, part: str) -> str:
        return self.versions()[part]

    def writes_here(self) -> int:
        return RECIPE_WRITES.count

    def documents(self, part: str | None = None) -> list[SearchDoc]:
        columns = (
            RecipeRow.uid,
            RecipeRow.household_id,
            RecipeRow.lang,
            RecipeRow.title,
            RecipeRow.category,
            RecipeRow.difficulty,
            RecipeRow.minutes,
            RecipeRow.search_text,
        )
        query = _of_part(select(*columns, RecipeRow.lines), part).order_by(RecipeRow.uid)
        with self._sf() as s:
            rows = s.execute(query).all()
        return [
            SearchDoc(
                uid, household, lang, title, category, difficulty, minutes, text, _foods(lines)
            )
            for uid, household, lang, title, category, difficulty, minutes, text, lines in rows
        ]

    def vectors(self, model: str, part: str | None = None) -> dict[str, StoredVector]:
        query = select(
            RecipeEmbeddingRow.recipe_uid, RecipeEmbeddingRow.text_hash, RecipeEmbeddingRow.vector
        ).where(RecipeEmbeddingRow.model == model)
        if part is not None:
            query = query.join(RecipeRow, RecipeRow.uid == RecipeEmbeddingRow.recipe_uid)
            query = _of_part(query, part)
        with self._sf() as s:
            rows = s.execute(query).all()
        return {uid: StoredVector(text_hash, bytes(vector)) for uid, text_hash, vector in rows}

    def recipes(self, uids: Sequence[str]) -> list[Recipe]:
        if not uids:
            return []
        with self._sf() as s:
            rows = s.scalars(select(RecipeRow).where(RecipeRow.uid.in_(list(uids)))).all()
            return [to_recipe(r) for r in rows]

    def put_vectors(
        self, model: str, dim: int, vectors: Mapping[str, StoredVector], now: datetime
    ) -> int:
        if not vectors:
            return 0
        try:
            with self._sf.begin() as s:
                self._put(s, model, dim, vectors, now)
            RECIPE_WRITES.touch()
        except (IntegrityError, OperationalError) as error:
            # Another process wrote some of them (web processes embed new recipes inline, at
            # once), or a recipe went away: each on its own, skipping what conflicts again. A
            # search must not fail over a vector another process is writing (soak, 12-01: a
            # deadlock here answered 503).
            if isinstance(error, OperationalError) and not is_lock_conflict(error):
                raise
            return self._put_each(model, dim, vectors, now)
        return len(vectors)

    def _put_each(
        self, model: str, dim: int, vectors: Mapping[str, StoredVector], now: datetime
    ) -> int:
        written = 0
        for uid, vector in sorted(vectors.items()):
            try:
                with self._sf.begin() as s:
                    written += self._put(s, model, dim, {uid: vector}, now)
                RECIPE_WRITES.touch()
            except IntegrityError:
                continue
            except OperationalError as error:
                if not is_lock_conflict(error):
                    raise
        return written

    @staticmethod
    def _put(
        s: Session, model: str, dim: int, vectors: Mapping[str, StoredVector], now: datetime
    ) -> int:
        existing = {
            row.recipe_uid: row
            for row in s.scalars(
                select(RecipeEmbeddingRow).where(
                    RecipeEmbeddingRow.model == model,
                    RecipeEmbeddingRow.recipe_uid.in_(list(vectors)),
                )
            )
        }
        for uid, found in sorted(vectors.items()):  # rows locked in one order everywhere
            row = existing.get(uid)
            if row is None:
                row = RecipeEmbeddingRow(recipe_uid=uid, model=model)
                s.add(row)
            row.dim, row.text_hash, row.vector, row.updated_at = (
                dim,
                found.text_hash,
                found.vector,
                now,
            )
        s.flush()
        return len(vectors)
