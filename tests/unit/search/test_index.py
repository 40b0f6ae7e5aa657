"""The in-memory search index reads back a recipe's vector (similar recipes start from it)."""

from __future__ import annotations

from array import array

import numpy as np
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
    docs = [doc("soup"), doc("stew"), doc("cake"), doc("novector")]
    vectors = {"soup": vector(1, 0), "stew": vector(0.8, 0.6), "cake": vector(0, 1)}
    index.load("catalog", "v1", docs, vectors)
    index.load("own", "o1", [doc("theirs", "h2")], {"theirs": vector(1, 0)})

    found = index.vector_of("soup")

    assert found == vector(1, 0)
    assert index.vector_of("novector") is None and index.vector_of("unknown") is None
    _, nearest = index.search([], found, "h1", SearchFilters(), 10)
    assert [(s.uid, round(s.score, 2)) for s in nearest] == [("soup", 1.0), ("stew", 0.8)]


def floored_index() -> InMemoryRecipeIndex:
    """Floor 0.5: soup, stew and cake in the catalog (a recipe without a vector too), and
    another household's recipe."""
    index = InMemoryRecipeIndex(2, similarity_floor=0.5)
    docs = [doc("soup"), doc("stew"), doc("cake"), doc("novector")]
    vectors = {"soup": vector(1, 0), "stew": vector(0.8, 0.6), "cake": vector(0, 1)}
    index.load("catalog", "v1", docs, vectors)
    index.load("own", "o1", [doc("theirs", "h2")], {"theirs": vector(0.6, 0.8)})
    return index


def test_cosines_of_named_recipes_above_the_floor_only():
    index = floored_index()

    found = index.cosines(vector(1, 0), ["stew", "cake", "theirs", "novector", "unknown"])

    # cake (0) is below the floor; a recipe without a vector or unknown to the index is left
    # out; visibility is the caller's business (theirs is answered).
    assert {uid: round(score, 2) for uid, score in found.items()} == {"stew": 0.8, "theirs": 0.6}
    assert InMemoryRecipeIndex(2).cosines(vector(1, 0), ["soup"]) == {}


def test_aligned_cosines_are_the_cosines_in_the_callers_order():
    index = floored_index()
    uids = ["cake", "unknown", "theirs", "stew", "novector", "soup"]

    found = index.aligned_cosines(vector(1, 0), uids)
    as_dict = index.cosines(vector(1, 0), uids)

    assert found.dtype == np.float64 and len(found) == len(uids)
    assert found.tolist() == [as_dict.get(uid, 0.0) for uid in uids]  # the very same floats
    assert [round(c, 2) for c in found.tolist()] == [0.0, 0.0, 0.6, 0.8, 0.0, 1.0]
    # the alignment kept for this list follows a part loaded again
    index.load("own", "o2", [doc("theirs", "h2")], {"theirs": vector(0, 1)})
    assert index.aligned_cosines(vector(1, 0), uids).tolist()[2] == 0.0
    assert index.aligned_cosines(vector(0, 1), uids).tolist()[:3] == [1.0, 0.0, 1.0]


def test_a_search_merges_the_catalog_with_the_callers_own_recipes_only():
    index = InMemoryRecipeIndex(2)
    index.load(
        "catalog", "c1", [doc("soup"), doc("cake")], {"soup": vector(1, 0), "cake": vector(0, 1)}
    )
    own = [doc("mine", "h1"), doc("theirs", "h2")]
    index.load("own", "o1", own, {"mine": vector(0.96, 0.28), "theirs": vector(1, 0)})

    lexical, semantic = index.search(["soup"], vector(1, 0), "h1", SearchFilters(), 10)

    assert [s.uid for s in semantic] == ["soup", "mine"]  # by cosine across both parts
    assert [s.uid for s in lexical] == ["soup"]
    assert index.version == "c1;o1" and index.doc("mine") is not None


def test_loading_one_part_leaves_the_other_as_it_was():
    index = InMemoryRecipeIndex(2)
    index.load("catalog", "c1", [doc("soup")], {"soup": vector(1, 0)})
    index.load("own", "o1", [doc("mine", "h1")], {})

    index.load("own", "o2", [doc("mine", "h1"), doc("new", "h1")], {"new": vector(0, 1)})

    assert index.version_of("catalog") == "c1" and index.doc("soup") is not None
    assert index.version_of("own") == "o2" and index.vector_of("new") == vector(0, 1)


def test_an_own_recipe_is_scored_as_bm25s_would_score_it_in_the_catalog():
    """The own part's lexical score is bm25s's, against the catalog's statistics: a recipe
    scored as own equals the same recipe scored by bm25s inside the catalog."""
    from collections import Counter

    import bm25s

    from zerowaste.infrastructure.search.index import _Corpus

    words = [
        ["tortilla", "huevo", "papa", "cebolla"],
        ["sopa", "tortilla", "chile", "tortilla"],
        ["pastel", "huevo", "harina", "azucar", "leche", "huevo"],
        ["ensalada", "nopal", "cebolla"],
    ]
    lexical = bm25s.BM25()
    lexical.index(words, show_progress=False)
    corpus = _Corpus.of([Counter(w) for w in words])
    for query in (["tortilla"], ["huevo", "cebolla"], ["tortilla", "tortilla", "chile"]):
        expected = lexical.get_scores(query)
        for row, bag in enumerate(words):
            assert corpus.score(Counter(bag), query) == pytest.approx(float(expected[row]))


def test_a_word_only_an_own_recipe_has_ranks_it_first():
    index = InMemoryRecipeIndex(2)
    catalog = [
        SearchDoc(f"c{n}", None, "es", "Tortilla", "", "", None, "tortilla de papa")
        for n in range(20)
    ]
    index.load("catalog", "c1", catalog, {})
    mine = SearchDoc(
        "mine", "h1", "es", "Tortilla secreta de Zuleima", "", "", None, "tortilla secreta zuleima"
    )
    index.load("own", "o1", [mine], {})

    lexical, _ = index.search(mine.terms(), vector(0, 0), "h1", SearchFilters(), 5)

    assert lexical[0].uid == "mine"


def test_the_index_says_which_households_have_recipes_in_it():
    index = InMemoryRecipeIndex(2)
    index.load("catalog", "c1", [doc("soup")], {"soup": vector(1, 0)})
    index.load("own", "o1", [doc("theirs", "h2")], {})

    assert index.holds_own("h2") and not index.holds_own("h1")


def test_a_reload_counts_only_the_documents_that_are_new_or_changed(monkeypatch):
    """Each saved recipe reloads the households' part in every process: the terms of the
    documents it already held are not counted again; a changed one (another text) is."""
    counted: list[str] = []
    terms = SearchDoc.terms
    monkeypatch.setattr(SearchDoc, "terms", lambda self: counted.append(self.uid) or terms(self))
    index = InMemoryRecipeIndex(2)
    index.load("own", "o1", [doc("soup", "h1"), doc("stew", "h1")], {})
    assert sorted(counted) == ["soup", "stew"]

    counted.clear()
    changed = SearchDoc("stew", "h1", "en", "stew", "", "", None, "beef stew")
    index.load("own", "o2", [doc("soup", "h1"), changed, doc("cake", "h1")], {})

    assert sorted(counted) == ["cake", "stew"]
    lexical, _ = index.search(["beef"], vector(1, 0), "h1", SearchFilters(), 10)
    assert [s.uid for s in lexical] == ["stew"]
