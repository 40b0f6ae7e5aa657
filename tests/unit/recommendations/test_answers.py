"""The recommendations' kept answers: one per user, the last one computed, for one catalog.

A user's read with the same inputs gets the very same object; a new input (another pantry, a
new feedback, another day) replaces the old answer instead of piling up beside it, so the
memory follows the users a process serves (the 20-minute soak grew for as long as answers were
kept by input)."""

from __future__ import annotations

import pytest

from zerowaste.application.recommendations.index import Answers, CatalogIndex
from zerowaste.domain.recipes.recipe import Recipe

pytestmark = pytest.mark.unit


def catalog() -> CatalogIndex:
    return CatalogIndex([Recipe(uid="r1", title="Sopa", source="catalog", ingredients=[])], str)


def test_the_same_inputs_get_the_very_same_answer() -> None:
    kept: Answers[list[str]] = Answers(8)
    index = catalog()
    answer = kept.put(index, "ana", ("pantry", 1), ["r1"])
    assert kept.get(index, "ana", ("pantry", 1)) is answer
    assert kept.get(index, "ana", ("pantry", 2)) is None
    assert kept.get(index, "bea", ("pantry", 1)) is None  # never another user's


def test_a_new_input_replaces_the_users_answer() -> None:
    kept: Answers[list[str]] = Answers(8)
    index = catalog()
    for pantry in range(100):
        kept.put(index, "ana", ("pantry", pantry), [f"answer {pantry}"])
    assert len(kept) == 1
    assert kept.get(index, "ana", ("pantry", 99)) == ["answer 99"]
    assert kept.get(index, "ana", ("pantry", 0)) is None


def test_at_most_size_users_are_kept_the_least_recent_leave_first() -> None:
    kept: Answers[int] = Answers(3)
    index = catalog()
    for n, user in enumerate(["ana", "bea", "cai"]):
        kept.put(index, user, "k", n)
    assert kept.get(index, "ana", "k") == 0  # ana is now the most recent
    kept.put(index, "dan", "k", 3)
    assert len(kept) == 3
    assert kept.get(index, "bea", "k") is None
    assert [kept.get(index, u, "k") for u in ("ana", "cai", "dan")] == [0, 2, 3]


def test_a_new_catalog_forgets_every_answer() -> None:
    kept: Answers[int] = Answers(8)
    old, new = catalog(), catalog()
    kept.put(old, "ana", "k", 1)
    assert kept.get(new, "ana", "k") is None
    kept.put(new, "bea", "k", 2)
    assert kept.get(new, "ana", "k") is None
    assert len(kept) == 1
