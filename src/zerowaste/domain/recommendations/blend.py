"""The blend that orders a user's recommendations, and the rule that drops what they refused
(pure).

Each candidate gets `score = w_model * model + w_urgency * urgency + w_popularity * popularity
+ w_profile * profile`, each term scaled to 0..1 over the candidates of this answer: `model` is
the learned preference (the recommender's score for the user), `urgency` the stock engine's score
(how much of what expires soonest the recipe uses: `domain.recipes.engine`), `popularity`
log(1 + interactions of all users) and `profile` 1 when the recipe matches the preferred food
types of the profile. A user with no interactions yet (cold start) has no `model` term: their
answer is what uses their stock, what is popular and what fits their profile (`COLD`).

Refusals win over scores: a recipe the user disliked or marked not interested is never offered,
nor any of its near-duplicates (`similarity.near_duplicates`). An answer holds no two
near-duplicates either, and recipes the user already has in their history come back only when
they use food about to expire.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from zerowaste.domain.recommendations.similarity import Likeness, near_duplicates, title_stem

WARM = {"model": 0.55, "urgency": 0.30, "popularity": 0.10, "profile": 0.05}
COLD = {"model": 0.0, "urgency": 0.45, "popularity": 0.35, "profile": 0.20}


@dataclass(frozen=True)
class Expiring:
    name: str
    days_left: int


@dataclass(frozen=True)
class Anchor:
    """A recipe the user liked (cooked, favourited...) that a candidate resembles."""

    title: str
    kind: str  # cooked | favorite | saved | like | viewed


@dataclass(frozen=True)
class Candidate:
    uid: str
    title: str
    foods: frozenset[str]
    model: float = 0.0
    urgency: float = 0.0
    popularity: int = 0
    profile: bool = False
    expiring: tuple[Expiring, ...] = ()
    anchor: Anchor | None = None
    seen: bool = False  # already in the user's history


@dataclass(frozen=True)
class Refused:
    title: str
    foods: frozenset[str]


@dataclass(frozen=True)
class Scored:
    candidate: Candidate
    score: float
    parts: dict[str, float] = field(default_factory=dict)


def _scaled(values: list[float]) -> list[float]:
    low, high = min(values, default=0.0), max(values, default=0.0)
    if high <= low:
        return [1.0 if high > 0 else 0.0 for _ in values]
    return [(v - low) / (high - low) for v in values]


def blend(candidates: list[Candidate], cold: bool) -> list[Scored]:
    """Every candidate with its blended score, best first (ties by title)."""
    weights = COLD if cold else WARM
    model = _scaled([c.model for c in candidates])
    urgency = _scaled([c.urgency for c in candidates])
    popular = _scaled([math.log1p(c.popularity) for c in candidates])
    scored = []
    for i, candidate in enumerate(candidates):
        parts = {
            "model": weights["model"] * model[i],
            "urgency": weights["urgency"] * urgency[i],
            "popularity": weights["popularity"] * popular[i],
            "profile": weights["profile"] * (1.0 if candidate.profile else 0.0),
        }
        scored.append(Scored(candidate, sum(parts.values()), parts))
    scored.sort(key=lambda s: (-s.score, s.candidate.title.casefold(), s.candidate.uid))
    return scored


def choose(scored: Iterable[Scored], refused: list[Refused], count: int) -> list[Scored]:
    """The best `count`: none refused or like a refused one, no two alike, history only when
    it saves food about to expire."""
    refused_stems = {title_stem(r.title) for r in refused} - {frozenset()}
    chosen: list[Scored] = []
    kept = Likeness()
    for found in scored:
        candidate = found.candidate
        if candidate.seen and not candidate.expiring:
            continue
        if _like_any(candidate, refused, refused_stems):
            continue
        if kept.like_any(candidate.title, candidate.foods):
            continue
        chosen.append(found)
        kept.add(candidate.title, candidate.foods)
        if len(chosen) >= count:
            break
    return chosen


def _like_any(candidate: Candidate, refused: list[Refused], stems: set[frozenset[str]]) -> bool:
    if title_stem(candidate.title) in stems:
        return True
    return any(near_duplicates(candidate.title, candidate.foods, r.title, r.foods) for r in refused)
