"""The catalog's side of "similar recipes" as arrays, built once per catalog version, and each
catalog recipe's ranking of its catalog neighbours, kept per version of the search index's
catalog part.

`domain.recommendations.neighbours` defines the score; this computes the same numbers for every
catalog recipe at once: the idf² of the foods each shares with the recipe asked about is summed
food by food over index arrays (in the same order as the domain's sum, so the floats are the
same), divided by the product of the two food vectors' norms, and blended with the rescaled
cosine. Candidates and ties are as the domain's `ranked`: score > 0, best first, ties by the
folded title, then the uid.

A ranking holds what depends on the recipe asked about only: the catalog recipes that use one of
its (distinctive) foods, and those that share none but whose cosine alone gives them a score
(they are candidates only while they are among the `NEAREST` the caller's search finds: the
catalog's nearest, unless their household has recipes in the index that push some out, which
the service checks per request). The recipe
itself and its copies (the same title stem) are left out; the caller's refusals and profile are
applied per request. The best `KEPT` are kept for `RANKINGS` recipes (least recently asked
dropped first); a request that needs more asks for the whole ranking, computed again.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from zerowaste.application.recommendations.index import CatalogIndex
from zerowaste.domain.recommendations.neighbours import (
    COSINE_BASE,
    FOODS_WEIGHT,
    VECTOR_WEIGHT,
    FoodVector,
    Rarity,
    food_vector,
)
from zerowaste.domain.recommendations.similarity import title_stem
from zerowaste.domain.shared.lru import BoundedLRU

NEAREST = 100  # the candidates by vector alone (sharing no food): the search's depth
KEPT = 400  # a ranking's best kept (a strict profile may walk further: ranked again whole)
RANKINGS = 1024  # recipes whose ranking is kept (~10 KB each)


@dataclass(frozen=True)
class Ranking:
    """Catalog candidates best first: their rows in the table, scores and cosines, and whether
    each shares no food (a candidate only while among the caller's nearest)."""

    rows: np.ndarray
    scores: np.ndarray
    cosines: np.ndarray
    by_vector_only: np.ndarray
    near: np.ndarray  # among the catalog's NEAREST by cosine (above the index's floor)
    whole: bool  # every candidate is here (not cut at KEPT)


class NeighbourTable:
    def __init__(self, catalog: CatalogIndex) -> None:
        self.catalog = catalog
        recipes = catalog.recipes
        self.rarity = Rarity(len(recipes), catalog.using)
        self.uids = [r.uid for r in recipes]
        self.rows = {uid: row for row, uid in enumerate(self.uids)}
        self.folded = [r.title.casefold() for r in recipes]
        self.vectors = [food_vector(catalog.names[uid], self.rarity) for uid in self.uids]
        self._norms = np.array([v.norm for v in self.vectors], dtype=np.float64)
        self._stem_ids: dict[frozenset[str], int] = {}
        self._stems = np.array(
            [self._stem_ids.setdefault(title_stem(r.title), len(self._stem_ids)) for r in recipes],
            dtype=np.int64,
        )
        order = sorted(range(len(recipes)), key=lambda row: (self.folded[row], self.uids[row]))
        self._tie = np.empty(len(recipes), dtype=np.int64)
        self._tie[order] = np.arange(len(recipes))
        using: dict[str, list[int]] = defaultdict(list)
        sharing: dict[str, list[int]] = defaultdict(list)
        for row, uid in enumerate(self.uids):
            for key in catalog.names[uid]:
                using[key].append(row)
            for key in self.vectors[row].foods:
                sharing[key].append(row)
        self._using = {k: np.array(v, dtype=np.intp) for k, v in using.items()}
        self._sharing = {k: np.array(v, dtype=np.intp) for k, v in sharing.items()}
        self._version = ""
        self._kept: BoundedLRU[str, Ranking] = BoundedLRU(RANKINGS)
        self._lock = threading.Lock()  # the version and its rankings change together

    def ranking(
        self,
        uid: str,
        foods: Mapping[str, str],
        title: str,
        cosines: Callable[[Sequence[str]], np.ndarray],
        version: str,
        whole: bool = False,
    ) -> Ranking:
        """The ranking of the catalog for the recipe `uid` (its foods and title); `cosines`
        gives the catalog recipes' cosines to it, one per uid of `self.uids` in that order (0.0
        at or below the index's floor: `RecipeIndex.aligned_cosines`), `version` is
        the search index's. Kept for catalog recipes unless `whole` is asked for."""
        keep = uid in self.rows and not whole
        if keep:
            with self._lock:
                if version != self._version:
                    self._kept.clear()
                    self._version = version
                found = self._kept.get(uid)
                if found is not None:
                    return found
        found = self._ranked(uid, foods, title, cosines(self.uids), None if whole else KEPT)
        if keep:
            with self._lock:
                if version == self._version:
                    self._kept.put(uid, found)
        return found

    def _ranked(
        self,
        uid: str,
        foods: Mapping[str, str],
        title: str,
        cosine: np.ndarray,
        count: int | None,
    ) -> Ranking:
        mine = food_vector(foods, self.rarity)
        common = np.zeros(len(self.uids), dtype=np.float64)
        pooled = np.zeros(len(self.uids), dtype=bool)
        for key in mine.foods:  # the domain's order: the same sums
            weight = self.rarity(key) ** 2
            if key in self._sharing:
                common[self._sharing[key]] += weight
            if key in self._using:
                pooled[self._using[key]] = True
        scores = self._blend(cosine, common, mine)
        candidates = (pooled | (cosine > COSINE_BASE)) & (scores > 0)
        if uid in self.rows:
            candidates[self.rows[uid]] = False
        stem = title_stem(title)
        if stem and stem in self._stem_ids:
            candidates &= self._stems != self._stem_ids[stem]
        near = np.zeros(len(self.uids), dtype=bool)
        above = np.flatnonzero(cosine > 0)  # the index's floor: cosines below it are 0 here
        if len(above):
            depth = min(NEAREST, len(above))
            near[above[np.argpartition(-cosine[above], depth - 1)[:depth]]] = True
        rows = np.flatnonzero(candidates)
        rows = rows[np.lexsort((self._tie[rows], -scores[rows]))]
        whole = count is None or count >= len(rows)
        rows = rows if count is None else rows[:count]
        return Ranking(rows, scores[rows], cosine[rows], ~pooled[rows], near[rows], whole)

    def _blend(self, cosine: np.ndarray, common: np.ndarray, mine: FoodVector) -> np.ndarray:
        """`neighbours.blend` of every row."""
        norms = mine.norm * self._norms
        shared = np.divide(common, norms, out=np.zeros_like(common), where=norms > 0)
        close = np.maximum(0.0, (cosine - COSINE_BASE) / (1 - COSINE_BASE))
        blended: np.ndarray = VECTOR_WEIGHT * close + FOODS_WEIGHT * shared
        return blended
