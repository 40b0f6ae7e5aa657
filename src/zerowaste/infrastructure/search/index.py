"""The process's search index: BM25 (bm25s) over the recipes' words and foods
(`SearchDoc.terms`) and a float32 matrix of their vectors (cosine = dot product of normalised
vectors), with a row per recipe.

A query scores every document with both signals (5,000 recipes: well under a millisecond each),
drops the ones the caller may not see or the filters exclude with one boolean mask, and keeps
the best `depth` of each. A load builds a new snapshot and swaps it in one assignment, so
threads searching meanwhile keep the old one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from zerowaste.domain.search.documents import SearchDoc
from zerowaste.domain.search.ranking import Scored, SearchFilters

log = logging.getLogger(__name__)
SIMILARITY_FLOOR = 0.2  # cosines below this are unrelated text (USE v3: ~0.2 for noise)


@dataclass(frozen=True)
class _Snapshot:
    version: str
    docs: list[SearchDoc]
    rows: dict[str, int]
    lexical: bm25s.BM25 | None
    matrix: np.ndarray  # (len(docs), dim) float32; zero rows for recipes without a vector
    public: np.ndarray  # bool per row: the catalog's
    own: dict[str, np.ndarray]  # household id -> its rows


class InMemoryRecipeIndex:
    def __init__(self, dim: int, similarity_floor: float = SIMILARITY_FLOOR) -> None:
        self._dim = dim
        self._floor = similarity_floor
        self._snap = _Snapshot(
            "", [], {}, None, np.zeros((0, dim), dtype=np.float32), np.zeros(0, dtype=bool), {}
        )

    @property
    def version(self) -> str:
        return self._snap.version

    def load(self, version: str, docs: Sequence[SearchDoc], vectors: Mapping[str, bytes]) -> None:
        docs = list(docs)
        lexical = None
        if docs:
            lexical = bm25s.BM25()
            lexical.index([d.terms() or ["_"] for d in docs], show_progress=False)
        matrix = np.zeros((len(docs), self._dim), dtype=np.float32)
        for row, doc in enumerate(docs):
            found = vectors.get(doc.uid)
            if found is not None and len(found) == self._dim * 4:
                matrix[row] = np.frombuffer(found, dtype="<f4")
        rows = {d.uid: i for i, d in enumerate(docs)}
        public = np.fromiter((d.household_id is None for d in docs), dtype=bool, count=len(docs))
        own: dict[str, list[int]] = {}
        for row, doc in enumerate(docs):
            if doc.household_id is not None:
                own.setdefault(doc.household_id, []).append(row)
        households = {h: np.array(r, dtype=np.intp) for h, r in own.items()}
        self._snap = _Snapshot(version, docs, rows, lexical, matrix, public, households)
        log.info("search index loaded: %d recipes (%s)", len(docs), version)

    def doc(self, uid: str) -> SearchDoc | None:
        snap = self._snap
        row = snap.rows.get(uid)
        return snap.docs[row] if row is not None else None

    def vector_of(self, uid: str) -> bytes | None:
        snap = self._snap
        row = snap.rows.get(uid)
        if row is None or not snap.matrix[row].any():
            return None
        return bytes(snap.matrix[row].astype("<f4").tobytes())

    def holds_own(self, household_id: str) -> bool:
        return household_id in self._snap.own

    def cosines(self, vector: bytes, uids: Iterable[str]) -> dict[str, float]:
        snap = self._snap
        if not snap.docs:
            return {}
        # The whole matrix times the vector costs less than gathering a few thousand rows.
        similarity = (snap.matrix @ np.frombuffer(vector, dtype="<f4")).tolist()
        found = ((uid, snap.rows.get(uid)) for uid in uids)
        return {
            uid: similarity[row]
            for uid, row in found
            if row is not None and similarity[row] > self._floor
        }

    def search(
        self, terms: list[str], vector: bytes, household_id: str, filters: SearchFilters, depth: int
    ) -> tuple[list[Scored], list[Scored]]:
        snap = self._snap
        if not snap.docs:
            return [], []
        mask = _mask(snap, household_id, filters)
        lexical: list[Scored] = []
        if terms and snap.lexical is not None:
            scores = np.where(mask, snap.lexical.get_scores(terms), 0.0)
            lexical = _best(snap.docs, scores, depth, above=0.0)
        similarity = snap.matrix @ np.frombuffer(vector, dtype="<f4")
        semantic = _best(snap.docs, np.where(mask, similarity, -1.0), depth, above=self._floor)
        return lexical, semantic


def _mask(snap: _Snapshot, household_id: str, filters: SearchFilters) -> np.ndarray:
    """`filters.admits` for every row; without narrowing filters, the same answer from the
    precomputed catalog and household rows (no Python call per document)."""
    if filters.narrows:
        admitted = (filters.admits(d, household_id) for d in snap.docs)
        return np.fromiter(admitted, dtype=bool, count=len(snap.docs))
    mask = snap.public.copy()
    own = snap.own.get(household_id)
    if own is not None:
        mask[own] = True
    return mask


def _best(docs: list[SearchDoc], scores: np.ndarray, depth: int, above: float) -> list[Scored]:
    count = min(depth, len(docs))
    top = np.argpartition(-scores, count - 1)[:count]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [Scored(docs[i].uid, float(scores[i])) for i in top if scores[i] > above]
