"""What a user did with recipes, as implicit-feedback weights (pure).

Feedback is personal (keyed by the user, as the food log is), one row per user and recipe:
the latest kind wins (a "like" after a "dislike" replaces it). Weights of one user on one recipe
add up, each signal capped, so a recipe viewed fifty times does not outweigh one cooked twice:

| signal | weight | cap |
|---|---|---|
| cooked (cook history, or feedback `cooked`) | 4 per cook | 12 |
| favourite | 3, plus (rating - 3) when rated 1-5 | - |
| saved by the user | 2 | - |
| feedback `like` | 4 | - |
| viewed | 1 per view | 3 |

`dislike` and `not_interested` are not weights: they remove the recipe (and its near-duplicates)
from the user's answers and from the user's row of the training matrix.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

FEEDBACK_KINDS = ("like", "dislike", "not_interested", "cooked")
NEGATIVE = frozenset({"dislike", "not_interested"})
MAX_REASON = 300

COOK, FAVORITE, SAVED, LIKE, VIEW = 4.0, 3.0, 2.0, 4.0, 1.0
CAPS = {"cooked": 12.0, "viewed": 3.0}


@dataclass(frozen=True)
class Signal:
    """One thing a user did with a recipe: `kind` is cooked | favorite | saved | viewed |
    like | dislike | not_interested; `rating` only for favourites."""

    user_uid: str
    recipe_uid: str
    kind: str
    rating: int | None = None


def weight_of(signal: Signal) -> float:
    if signal.kind == "cooked":
        return COOK
    if signal.kind == "favorite":
        bonus = signal.rating - 3 if signal.rating else 0
        return max(1.0, FAVORITE + bonus)
    if signal.kind == "saved":
        return SAVED
    if signal.kind == "like":
        return LIKE
    if signal.kind == "viewed":
        return VIEW
    return 0.0


def weights(signals: Iterable[Signal]) -> dict[str, dict[str, float]]:
    """user -> recipe -> weight; negative feedback removes the pair whatever else was done."""
    by_kind: dict[tuple[str, str, str], float] = defaultdict(float)
    negative: set[tuple[str, str]] = set()
    for signal in signals:
        if signal.kind in NEGATIVE:
            negative.add((signal.user_uid, signal.recipe_uid))
            continue
        by_kind[(signal.user_uid, signal.recipe_uid, signal.kind)] += weight_of(signal)
    table: dict[str, dict[str, float]] = defaultdict(dict)
    for (user, recipe, kind), total in by_kind.items():
        if (user, recipe) in negative:
            continue
        capped = min(total, CAPS.get(kind, total))
        table[user][recipe] = table[user].get(recipe, 0.0) + capped
    return dict(table)
