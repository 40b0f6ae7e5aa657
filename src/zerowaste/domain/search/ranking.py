"""Filters, reciprocal-rank fusion and pages: the pure rules of hybrid search.

Fusion: each signal (lexical BM25, embedding cosine) ranks candidates; a recipe scores
sum(1 / (RRF_K + rank)) over the signals that found it (Cormack et al. 2009, k = 60). Ranks, not
raw scores, so a BM25 score and a cosine never need a common scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from zerowaste.domain.search.documents import SearchDoc

RRF_K = 60
MAX_PER_PAGE = 50
T = TypeVar("T")


@dataclass(frozen=True)
class SearchFilters:
    """What a search narrows by (all optional, combined with AND). `diets` and `allergens`
    are applied by the recipes' suitability rules (they need the recipe's lines)."""

    category: str = ""
    difficulty: str = ""
    max_minutes: int | None = None
    lang: str = ""
    diets: tuple[str, ...] = ()
    allergens: tuple[str, ...] = ()  # leave out recipes with a food carrying one of these

    @property
    def narrows(self) -> bool:
        """Whether any filter besides who may see a recipe applies."""
        return bool(self.category or self.difficulty or self.lang or self.max_minutes is not None)

    def admits(self, doc: SearchDoc, household_id: str) -> bool:
        """Visible to this household (the catalog or its own) and within the cheap filters."""
        if doc.household_id is not None and doc.household_id != household_id:
            return False
        if self.category and doc.category != self.category.casefold():
            return False
        if self.difficulty and doc.difficulty != self.difficulty:
            return False
        if self.lang and doc.lang != self.lang:
            return False
        return self.max_minutes is None or (
            doc.minutes is not None and doc.minutes <= self.max_minutes
        )


@dataclass(frozen=True)
class Scored:
    uid: str
    score: float


@dataclass(frozen=True)
class Fused:
    uid: str
    score: float
    ranks: dict[str, int] = field(default_factory=dict)  # signal name -> 1-based rank


def fuse(signals: dict[str, Sequence[Scored]], k: int = RRF_K) -> list[Fused]:
    """Reciprocal-rank fusion of the signals' rankings, best first (ties: first seen first)."""
    scores: dict[str, float] = {}
    ranks: dict[str, dict[str, int]] = {}
    for name, ranking in signals.items():
        for position, hit in enumerate(ranking, start=1):
            scores[hit.uid] = scores.get(hit.uid, 0.0) + 1.0 / (k + position)
            ranks.setdefault(hit.uid, {})[name] = position
    order = sorted(scores, key=lambda uid: -scores[uid])
    return [Fused(uid, scores[uid], ranks[uid]) for uid in order]


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return -(-self.total // self.per_page) if self.per_page else 0


def page_of(items: Sequence[T], page: int, per_page: int) -> Page[T]:
    """The `page`-th (1-based) slice of `items`; past the end is an empty page, not an error."""
    page, per_page = max(1, page), max(1, min(per_page, MAX_PER_PAGE))
    start = (page - 1) * per_page
    return Page(list(items[start : start + per_page]), len(items), page, per_page)
