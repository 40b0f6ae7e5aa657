"""What trending is (domain.recipes.trending): a recipe's events merged, ranked by cooked +
saved, then cooked, then title and uid; the window is the `days` before now."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from zerowaste.domain.recipes.trending import RecipeActivity, trending, window


def test_a_recipes_events_are_merged_and_ranked_by_their_sum() -> None:
    rows = [
        RecipeActivity("b", "Lentejas", cooked=2),
        RecipeActivity("a", "Tortilla", cooked=1),
        RecipeActivity("a", "Tortilla", saved=2),
        RecipeActivity("c", "arroz", saved=2),
        RecipeActivity("d", "Zanahoria", saved=2),
        RecipeActivity("e", "Nada"),
    ]
    found = trending(rows, 10)
    assert [(r.uid, r.cooked, r.saved, r.score) for r in found] == [
        ("a", 1, 2, 3),
        ("b", 2, 0, 2),  # ties on score: the most cooked first
        ("c", 0, 2, 2),  # then the title, case-folded
        ("d", 0, 2, 2),
    ]
    assert [r.uid for r in trending(rows, 2)] == ["a", "b"]
    assert trending(rows, 0) == []


def test_the_same_title_twice_is_ordered_by_uid() -> None:
    rows = [RecipeActivity("z", "Sopa", cooked=1), RecipeActivity("m", "Sopa", cooked=1)]
    assert [r.uid for r in trending(rows, 5)] == ["m", "z"]


def test_the_window_is_the_days_before_now() -> None:
    now = datetime(2026, 1, 18, 10, 0, tzinfo=UTC)
    assert window(now) == (datetime(2026, 1, 11, 10, 0, tzinfo=UTC), now)
    assert window(now, 1)[0] == datetime(2026, 1, 17, 10, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="days"):
        window(now, 0)
