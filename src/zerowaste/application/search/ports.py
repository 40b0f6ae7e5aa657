"""Ports of recipe search: the sentence embedder, the in-memory index (lexical + vectors) and
the store of documents and vectors (the recipes table and `recipe_embeddings`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import numpy as np

from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.search.documents import SearchDoc
from zerowaste.domain.search.ranking import Scored, SearchFilters


class Embedder(Protocol):
    """Text -> an L2-normalised float32 vector, packed little-endian (`dim` * 4 bytes)."""

    @property
    def model(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> list[bytes]: ...


@dataclass(frozen=True)
class StoredVector:
    text_hash: str  # of the text it was computed from: a changed recipe is re-embedded
    vector: bytes


# The index is kept in two parts, each rebuilt only when its own recipes change: the catalog
# (thousands of recipes, changed by an import) and the households' own recipes (a few per
# household, changed whenever someone saves or generates one). One part is never reloaded
# because the other changed.
PARTS = ("catalog", "own")


class RecipeIndex(Protocol):
    """The process's copy of every recipe's words and vector; `version_of(part)` is what each
    part was built from (the store's `version(part)`), so a part is rebuilt only when that
    changes; `version` is both, for logs and tests."""

    @property
    def version(self) -> str: ...

    def version_of(self, part: str) -> str: ...

    def load(
        self, part: str, version: str, docs: Sequence[SearchDoc], vectors: Mapping[str, bytes]
    ) -> None: ...

    def search(
        self, terms: list[str], vector: bytes, household_id: str, filters: SearchFilters, depth: int
    ) -> tuple[list[Scored], list[Scored]]:
        """The best `depth` documents the household may see within the filters
        (`SearchFilters.admits`), by BM25 and by cosine similarity (those above the index's
        similarity floor), best first."""
        ...

    def doc(self, uid: str) -> SearchDoc | None: ...

    def vector_of(self, uid: str) -> bytes | None:
        """The recipe's vector as loaded (packed like the embedder's); None when the index
        does not hold the recipe or holds no vector for it yet."""
        ...

    def holds_own(self, household_id: str) -> bool:
        """Whether the index holds any recipe of this household (besides the public ones)."""
        ...

    def cosines(self, vector: bytes, uids: Iterable[str]) -> dict[str, float]:
        """The cosine of each of these recipes to `vector`, for those above the similarity
        floor (the caller has checked who may see them); unknown uids are left out."""
        ...

    def aligned_cosines(self, vector: bytes, uids: Sequence[str]) -> np.ndarray:
        """`cosines` as one float64 array in the order of `uids`, 0.0 where `cosines` leaves a
        recipe out: the same values, for a caller that scores thousands of recipes at once and
        asks with the same `uids` list each time (the index may keep its alignment to it)."""
        ...


class SearchStore(Protocol):
    def versions(self) -> dict[str, str]:
        """`version(part)` of every part (`PARTS`), in one read."""
        ...

    def writes_here(self) -> int:
        """A number that moves whenever this process writes recipes or vectors (and again
        when that write commits): the indexer checks `versions` at once when it moved."""
        ...

    def version(self, part: str) -> str:
        """Changes whenever a recipe or a vector of that part (`PARTS`) is added, changed or
        deleted (and, for the catalog, when it is imported again)."""
        ...

    def documents(self, part: str | None = None) -> list[SearchDoc]:
        """The documents of one part, or of every recipe (None)."""
        ...

    def vectors(self, model: str, part: str | None = None) -> dict[str, StoredVector]: ...

    def recipes(self, uids: Sequence[str]) -> list[Recipe]:
        """These recipes, in any order (the caller checks who may see them)."""
        ...

    def put_vectors(
        self, model: str, dim: int, vectors: Mapping[str, StoredVector], now: datetime
    ) -> int:
        """Insert or replace; a row another process wrote first is kept. Returns rows written."""
        ...
