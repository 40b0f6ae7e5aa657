"""Keeping the search index in step with the recipes.

`zerowaste search-index` computes the vectors of every recipe whose vector is missing or was
computed from a different text (or by another model) and stores them in `recipe_embeddings`.
Each web process keeps its own copy of the documents and vectors (`RecipeIndex`), in two parts
(`PARTS`): the catalog and the households' own recipes. A search checks the store's version of
both parts (one query) and reloads only the part that changed. That check counts every recipe
and vector (~5 ms of MariaDB for 1,600 recipes, ~120 ms of SQLite for 5,000, on every search
and similar-recipes read), so a process makes it at once after it wrote recipes or vectors
itself (`SearchStore.writes_here`), and otherwise at most every `CHECK_EVERY` seconds: a recipe
another process saved, or one deleted with its account, reaches this process's searches within
that second. A recipe
saved or generated reloads the few own recipes, never the 5,000-recipe catalog (measured with
`make bench-mix` at 10x data: a catalog reload cost ~0.4 s of CPU in every web process, and
every generated recipe caused one). A generated or saved recipe comes with its vector: the
use case computes it before its commit and stores it right after (`vectors_of`, `put`;
application.recipes.vectors), so each process reloads once and embeds nothing. A recipe that
still has no vector at a reload (one saved another way, or whose vector failed) is embedded
there, up to `INLINE_LIMIT` of them (about 2-10 ms each), and stored, so it is found by meaning
at once. A larger backlog of own recipes is embedded `INLINE_LIMIT` at a time by the searches
that follow; a catalog nobody indexed is left to the command. Meanwhile those recipes are found
by their words only.

A recipe's vector is the normalised mean of its title's and its text's (`embedding_texts`), as
float32 in the machine's order (`array`), which is little-endian on every platform we deploy to
(x86-64, ARM64), the order the embedder and the index use.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zerowaste.application.ports.clock import Clock
from zerowaste.application.search.ports import (
    PARTS,
    Embedder,
    RecipeIndex,
    SearchStore,
    StoredVector,
)
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.search.documents import embedding_texts

log = logging.getLogger(__name__)
INLINE_LIMIT = 50
BATCH = 64
CHECK_EVERY = 1.0  # seconds between two checks of the store's versions, without a write here


@dataclass(frozen=True)
class IndexReport:
    recipes: int
    embedded: int
    kept: int


def text_hash(*texts: str) -> str:
    return hashlib.sha256("\x1f".join(texts).encode()).hexdigest()[:32]


def mean_vector(first: bytes, second: bytes) -> bytes:
    """The L2-normalised mean of two packed float32 vectors."""
    a, b = array("f"), array("f")
    a.frombytes(first)
    b.frombytes(second)
    total = array("f", (x + y for x, y in zip(a, b, strict=True)))
    norm = math.sqrt(sum(x * x for x in total)) or 1.0
    return array("f", (x / norm for x in total)).tobytes()


class SearchIndexer:
    def __init__(
        self, store: SearchStore, index: RecipeIndex, embedder: Embedder, clock: Clock
    ) -> None:
        self._store = store
        self._index = index
        self._embedder = embedder
        self._clock = clock
        self._reloading = threading.Lock()
        self._checked: tuple[int, float] | None = None  # (writes_here, monotonic time) then

    def refresh(self) -> RecipeIndex:
        """The index, each part reloaded first if the store changed it since it was built
        (checked as the module says). One thread of the process reloads; the others wait for
        it rather than build copies."""
        writes, now = self._store.writes_here(), time.monotonic()
        checked = self._checked
        if checked is not None and checked[0] == writes and now - checked[1] < CHECK_EVERY:
            return self._index
        versions = self._store.versions()
        if self._outdated(versions):
            with self._reloading:
                # Against the index again: another thread may have reloaded it meanwhile. A part
                # that moved once more since `versions` is read fresh and labelled older: the
                # next check reloads it again (one read of the versions per check, not two).
                for part in self._outdated(versions):
                    self._reload(part, versions[part])
        self._checked = (writes, now)
        return self._index

    def _outdated(self, versions: dict[str, str]) -> list[str]:
        """The parts whose store version is not the one the index was built from."""
        return [p for p in PARTS if versions[p] != self._index.version_of(p) or not versions[p]]

    def build(self) -> IndexReport:
        """Vectors for every recipe that lacks one or changed (the CLI)."""
        docs = self._store.documents()
        stale = self._stale([d.uid for d in docs])
        embedded = self._embed(stale)
        return IndexReport(len(docs), embedded, len(docs) - embedded)

    def _reload(self, part: str, version: str) -> None:
        docs = self._store.documents(part)
        stored = self._store.vectors(self._embedder.model, part)
        missing = [d.uid for d in docs if d.uid not in stored]
        catching_up = part != "catalog" or len(missing) <= INLINE_LIMIT
        if missing and catching_up:
            self._embed(self._store.recipes(missing[:INLINE_LIMIT]))
            stored = self._store.vectors(self._embedder.model, part)
            version = self._store.version(part)
        left = len(missing) - (INLINE_LIMIT if catching_up else 0)
        if left > 0:
            log.warning("%d %s recipes have no vector yet: `zerowaste search-index`", left, part)
            if catching_up:
                version += "+backlog"  # never the store's: the next search reloads, embeds more
        self._index.load(part, version, docs, {uid: v.vector for uid, v in stored.items()})

    def _stale(self, uids: Sequence[str]) -> list[Recipe]:
        stored = self._store.vectors(self._embedder.model)
        stale = []
        for start in range(0, len(uids), 500):
            for recipe in self._store.recipes(uids[start : start + 500]):
                found = stored.get(recipe.uid)
                if found is None or found.text_hash != text_hash(*embedding_texts(recipe)):
                    stale.append(recipe)
        return stale

    def vectors_of(self, recipes: Sequence[Recipe]) -> dict[str, StoredVector]:
        """The vectors of these recipes, computed (not stored): `put` stores them."""
        rows: dict[str, StoredVector] = {}
        for start in range(0, len(recipes), BATCH):
            chunk = recipes[start : start + BATCH]
            pairs = [embedding_texts(r) for r in chunk]
            vectors = self._embedder.embed([text for pair in pairs for text in pair])
            rows |= {
                r.uid: StoredVector(text_hash(*pair), mean_vector(*vectors[2 * i : 2 * i + 2]))
                for i, (r, pair) in enumerate(zip(chunk, pairs, strict=True))
            }
        return rows

    def put(self, vectors: Mapping[str, StoredVector]) -> int:
        """Store vectors `vectors_of` computed, once their recipes are committed: how many."""
        return self._store.put_vectors(
            self._embedder.model, self._embedder.dim, vectors, self._clock.now()
        )

    def _embed(self, recipes: Sequence[Recipe]) -> int:
        return sum(
            self.put(self.vectors_of(recipes[start : start + BATCH]))
            for start in range(0, len(recipes), BATCH)
        )
