"""Trending recipes, defined once (the weekly notification now; search, `/api/recipes/all/
trending` and market data later): the public catalog's recipes most cooked or saved across
all users in the last TRENDING_DAYS days, as counts only (no user, no household ever leaves).

- Window: the `days` (default 7) before `now`, `now - days <= t < now`, in UTC instants.
- Only the public catalog can trend: a household's own recipes (saved or generated) are
  private, so their titles never reach another user.
- `cooked`: the households that cooked the recipe in the window (a household cooking it five
  times counts once, so one enthusiastic kitchen cannot make a recipe trend).
- `saved`: the users who made it a favourite in the window, plus the households that saved a
  copy of it to their book (a saved recipe whose title is the catalog recipe's title).
- Order: score (cooked + saved) first, then cooked, then the title (case-folded), then the uid:
  the same data always gives the same list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

TRENDING_DAYS = 7
MAX_LIMIT = 100


@dataclass(frozen=True)
class RecipeActivity:
    """What happened to one public recipe in a window: counts only."""

    uid: str
    title: str
    cooked: int = 0
    saved: int = 0


@dataclass(frozen=True)
class TrendingRecipe:
    uid: str
    title: str
    cooked: int
    saved: int

    @property
    def score(self) -> int:
        return self.cooked + self.saved


def window(now: datetime, days: int = TRENDING_DAYS) -> tuple[datetime, datetime]:
    """The instants [since, until) trending counts over."""
    if days < 1:
        raise ValueError("days must be at least 1")
    return now - timedelta(days=days), now


def trending(activity: Iterable[RecipeActivity], limit: int) -> list[TrendingRecipe]:
    """Activity rows (one recipe may come once per kind of event) merged per recipe, ranked."""
    merged: dict[str, TrendingRecipe] = {}
    for row in activity:
        known = merged.get(row.uid)
        cooked = row.cooked + (known.cooked if known else 0)
        saved = row.saved + (known.saved if known else 0)
        merged[row.uid] = TrendingRecipe(row.uid, row.title, cooked, saved)
    ranked = sorted(
        (r for r in merged.values() if r.score > 0),
        key=lambda r: (-r.score, -r.cooked, r.title.casefold(), r.uid),
    )
    return ranked[: max(0, min(limit, MAX_LIMIT))]
