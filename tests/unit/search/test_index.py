"""The in-memory search index reads back a recipe's vector (similar recipes start from it)."""

from __future__ import annotations

from array import array

import pytest

from zerowaste.domain.search.documents import SearchDoc
from zerowaste.domain.search.ranking import SearchFilters
from zerowaste.infrastructure.search.index import InMemoryRecipeIndex

pytestmark = pytest.mark.unit


def doc(uid: str, household_id: str | None = None) -> SearchDoc:
    return SearchDoc(uid, household_id, "en", uid, "", "", None, uid)


def vector(*values: float) -> bytes:
    return array("f", values).tobytes()


def test_a_recipes_vector_reads_back_and_finds_its_neighbours():
    index = InMemoryRecipeIndex(2)
    docs = [doc("soup"), doc("stew"), doc("cake"), doc("theirs", "h2"), doc("novector")]
    vectors = {"soup": vector(1, 0), "stew": vector(0.8, 0.6), "cake": vector(0, 1)}
    index.load("v1", docs, {**vectors, "theirs": vector(1, 0)})

    found = index.vector_of("soup")

    assert found == vector(1, 0)
    assert index.vector_of("novector") is None and index.vector_of("unknown") is None
    _, nearest = index.search([], found, "h1", SearchFilters(), 10)
    assert [(s.uid, round(s.score, 2)) for s in nearest] == [("soup", 1.0), ("stew", 0.8)]


def test_cosines_of_named_recipes_above_the_floor_only():
    index = InMemoryRecipeIndex(2, similarity_floor=0.5)
    docs = [doc("soup"), doc("stew"), doc("cake"), doc("theirs", "h2"), doc("novector")]
    vectors = {"soup": vector(1, 0), "stew": vector(0.8, 0.6), "cake": vector(0, 1)}
    index.load("v1", docs, {**vectors, "theirs": vector(0.6, 0.8)})

    found = index.cosines(vector(1, 0), ["stew", "cake", "theirs", "novector", "unknown"])

    # cake (0) is below the floor; a recipe without a vector or unknown to the index is left
    # out; visibility is the caller's business (theirs is answered).
    assert {uid: round(score, 2) for uid, score in found.items()} == {"stew": 0.8, "theirs": 0.6}
    assert InMemoryRecipeIndex(2).cosines(vector(1, 0), ["soup"]) == {}


def test_the_index_says_which_households_have_recipes_in_it():
    index = InMemoryRecipeIndex(2)
    index.load("v1", [doc("soup"), doc("theirs", "h2")], {"soup": vector(1, 0)})

    assert index.holds_own("h2") and not index.holds_own("h1")
