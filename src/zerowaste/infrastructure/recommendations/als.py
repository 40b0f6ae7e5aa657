"""The recommender: implicit-feedback matrix factorisation (`implicit`'s ALS, Hu, Koren and
Volinsky 2008) on the users x recipes matrix of interaction weights.

`fit` trains (the nightly beat job `zerowaste.retrain_recommender`) and stores the recipes'
factors in the database as a versioned blob (`SqlAlchemyModelStore`), so every web and worker
process serves the same model; each process keeps the decoded model in memory and asks for the
newest version at most every `CHECK_EVERY`, loading it when it changed. Users are not stored:
a user's factors are solved per request from their current weights (`recalculate_user`, about
half a millisecond), which is how feedback given a second ago, or a user who joined after the
last training, already counts.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
import time
import warnings
from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

import numpy as np
import scipy.sparse as sp
from implicit.cpu.als import AlternatingLeastSquares

Table = dict[str, dict[str, float]]
FACTORS, ITERATIONS, REGULARIZATION, ALPHA = 32, 15, 0.05, 2.0
CHECK_EVERY = 30.0  # seconds between two looks at the stored version


class ModelStore(Protocol):
    def latest(self) -> str | None: ...

    def load(self, version: str) -> bytes | None: ...

    def save(self, version: str, blob: bytes, now: datetime) -> None: ...


class _Loaded:
    def __init__(self, version: str, model: AlternatingLeastSquares, items: list[str]) -> None:
        self.version = version
        self.model = model
        self.items = items
        self.position = {uid: i for i, uid in enumerate(items)}


class AlsRecommender:
    def __init__(
        self,
        store: ModelStore | None,
        now: Callable[[], datetime],
        factors: int = FACTORS,
        iterations: int = ITERATIONS,
        check_every: float = CHECK_EVERY,
    ) -> None:
        self._store = store
        self._now = now
        self._factors = factors
        self._iterations = iterations
        self._check_every = check_every
        self._loaded: _Loaded | None = None
        self._checked = float("-inf")
        self._lock = threading.Lock()

    def fit(self, table: Table) -> str:
        items = sorted({uid for row in table.values() for uid in row})
        users = sorted(table)
        if not items:
            return ""
        model = self._train(table, users, items)
        blob = _dump(model, items)
        version = hashlib.sha256(blob).hexdigest()[:40]
        if self._store is not None:
            self._store.save(version, blob, self._now())
        with self._lock:
            self._loaded = _Loaded(version, model, items)
        return version

    def scores(self, user_uid: str, row: dict[str, float], count: int) -> dict[str, float]:
        loaded = self._current()
        if loaded is None:
            return {}
        known = [(loaded.position[uid], w) for uid, w in row.items() if uid in loaded.position]
        if not known:
            return {}
        columns = np.array([c for c, _ in known], dtype=np.int32)
        values = np.array([1.0 + ALPHA * w for _, w in known], dtype=np.float32)
        user_items = sp.csr_matrix(
            (values, (np.zeros(len(known), dtype=np.int32), columns)),
            shape=(1, len(loaded.items)),
        )
        ids, scores = loaded.model.recommend(
            0,
            user_items,
            N=min(count, len(loaded.items)),
            recalculate_user=True,
            filter_already_liked_items=False,
        )
        return {loaded.items[int(i)]: float(s) for i, s in zip(ids, scores, strict=True)}

    @property
    def version(self) -> str:
        loaded = self._current()
        return loaded.version if loaded else ""

    def _train(self, table: Table, users: list[str], items: list[str]) -> AlternatingLeastSquares:
        column = {uid: i for i, uid in enumerate(items)}
        rows, cols, data = [], [], []
        for r, user in enumerate(users):
            for uid, weight in table[user].items():
                rows.append(r)
                cols.append(column[uid])
                data.append(1.0 + ALPHA * weight)
        matrix = sp.csr_matrix(
            (np.array(data, dtype=np.float32), (rows, cols)), shape=(len(users), len(items))
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # OpenBLAS threads: advice only
            model = _model(self._factors, self._iterations)
            model.fit(matrix, show_progress=False)
        return model

    def _current(self) -> _Loaded | None:
        if self._store is None or time.monotonic() - self._checked < self._check_every:
            return self._loaded
        with self._lock:
            self._checked = time.monotonic()
            latest = self._store.latest()
            if latest and (self._loaded is None or self._loaded.version != latest):
                blob = self._store.load(latest)
                if blob is not None:
                    self._loaded = _load(latest, blob)
            return self._loaded


def _dump(model: AlternatingLeastSquares, items: list[str]) -> bytes:
    buffer = io.BytesIO()
    factors = np.asarray(model.item_factors, dtype=np.float32)
    np.savez_compressed(buffer, item_factors=factors, items=np.array(json.dumps(items)))
    return buffer.getvalue()


def _load(version: str, blob: bytes) -> _Loaded:
    with np.load(io.BytesIO(blob), allow_pickle=False) as data:
        factors = np.asarray(data["item_factors"], dtype=np.float32)
        items: list[Any] = json.loads(str(data["items"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        model = _model(int(factors.shape[1]), ITERATIONS)
    model.item_factors = factors
    return _Loaded(version, model, [str(i) for i in items])


def _model(factors: int, iterations: int) -> AlternatingLeastSquares:
    return AlternatingLeastSquares(
        factors=factors,
        iterations=iterations,
        regularization=REGULARIZATION,
        random_state=42,
        num_threads=1,
    )
