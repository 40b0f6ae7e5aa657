"""Hybrid search's pure rules: reciprocal-rank fusion, filters, pages."""

from __future__ import annotations

import pytest

from zerowaste.domain.search.documents import SearchDoc
from zerowaste.domain.search.ranking import RRF_K, Scored, SearchFilters, fuse, page_of

pytestmark = pytest.mark.unit


def doc(**changes: object) -> SearchDoc:
    base = {
        "uid": "r1",
        "household_id": None,
        "lang": "en",
        "title": "Spinach Curry",
        "category": "cena",
        "difficulty": "Fácil",
        "minutes": 25,
        "text": "spinach curry",
    }
    return SearchDoc(**{**base, **changes})  # type: ignore[arg-type]


def ranking(*uids: str) -> list[Scored]:
    return [Scored(uid, 1.0) for uid in uids]


def test_a_recipe_both_signals_find_beats_one_only_one_finds_first():
    fused = fuse({"lexical": ranking("a", "b"), "semantic": ranking("c", "b")})

    assert [f.uid for f in fused] == ["b", "a", "c"]
    assert fused[0].ranks == {"lexical": 2, "semantic": 2}
    assert fused[0].score == pytest.approx(2 / (RRF_K + 2))
    assert fused[1].ranks == {"lexical": 1}


def test_fusing_nothing_is_nothing():
    assert fuse({"lexical": [], "semantic": []}) == []


def test_another_households_recipe_is_never_admitted():
    filters = SearchFilters()

    assert filters.admits(doc(household_id=None), "h1")
    assert filters.admits(doc(household_id="h1"), "h1")
    assert not filters.admits(doc(household_id="h2"), "h1")


@pytest.mark.parametrize(
    ("filters", "admitted"),
    [
        (SearchFilters(category="cena"), True),
        (SearchFilters(category="postre"), False),
        (SearchFilters(difficulty="Difícil"), False),
        (SearchFilters(max_minutes=25), True),
        (SearchFilters(max_minutes=20), False),
        (SearchFilters(lang="es"), False),
    ],
)
def test_cheap_filters_narrow_by_category_difficulty_time_and_language(filters, admitted):
    assert filters.admits(doc(), "h1") is admitted


def test_a_recipe_without_a_stated_time_is_left_out_by_a_time_limit():
    assert not SearchFilters(max_minutes=60).admits(doc(minutes=None), "h1")


def test_pages_slice_and_count_and_past_the_end_is_empty():
    items = list(range(23))

    assert page_of(items, 1, 10).items == list(range(10))
    third = page_of(items, 3, 10)
    assert (third.items, third.total, third.pages) == ([20, 21, 22], 23, 3)
    assert page_of(items, 9, 10).items == []
    assert page_of(items, 1, 500).per_page == 50
