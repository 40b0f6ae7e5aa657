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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from zerowaste.domain.search.documents import SearchDoc
from zerowaste.domain.search.ranking import Scored

log = logging.getLogger(__name__)
SIMILARITY_FLOOR = 0.2  # cosines below this are unrelated text (USE v3: ~0.2 for noise)


@dataclass(frozen=True)
class _Snapshot:
    version: str
    docs: list[SearchDoc]
    rows: dict[str, int]
    lexical: bm25s.BM25 | None
    matrix: np.ndarray  # (len(docs), dim) float32; zero rows for recipes without a vector


class InMemoryRecipeIndex:
    def __init__(self, dim: int, similarity_floor: float = SIMILARITY_FLOOR) -> None:
        self._dim = dim
        self._floor = similarity_floor
        self._snap = _Snapshot("", [], {}, None, np.zeros((0, dim), dtype=np.float32))

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
        self._snap = _Snapshot(version, docs, rows, lexical, matrix)
        log.info("search index loaded: %d recipes (%s)", len(docs), version)

    def doc(self, uid: str) -> SearchDoc | None:
        snap = self._snap
        row = snap.rows.get(uid)
        return snap.docs[row] if row is not None else None

    def search(
        self, terms: list[str], vector: bytes, admits: Callable[[SearchDoc], bool], depth: int
    ) -> tuple[list[Scored], list[Scored]]:
        snap = self._snap
        if not snap.docs:
            return [], []
        mask = np.fromiter((admits(d) for d in snap.docs), dtype=bool, count=len(snap.docs))
        lexical: list[Scored] = []
        if terms and snap.lexical is not None:
            scores = np.where(mask, snap.lexical.get_scores(terms), 0.0)
            lexical = _best(snap.docs, scores, depth, above=0.0)
        similarity = snap.matrix @ np.frombuffer(vector, dtype="<f4")
        semantic = _best(snap.docs, np.where(mask, similarity, -1.0), depth, above=self._floor)
        return lexical, semantic


def _best(docs: list[SearchDoc], scores: np.ndarray, depth: int, above: float) -> list[Scored]:
    count = min(depth, len(docs))
    top = np.argpartition(-scores, count - 1)[:count]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [Scored(docs[i].uid, float(scores[i])) for i in top if scores[i] > above]
