"""application.recipes.vectors: a save's search vectors, best effort around its commit."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from zerowaste.application.recipes.vectors import SavedRecipeVectors
from zerowaste.domain.recipes.recipe import Recipe

pytestmark = pytest.mark.unit


class Vectors:
    def __init__(self, fail_on: str = "") -> None:
        self.fail_on, self.put_calls = fail_on, []  # type: ignore[var-annotated]

    def vectors_of(self, recipes: Sequence[Recipe]) -> Mapping[str, Any]:
        if self.fail_on == "make":
            raise RuntimeError("model failed")
        return {r.uid: f"v-{r.uid}" for r in recipes}

    def put(self, vectors: Mapping[str, Any]) -> None:
        if self.fail_on == "put":
            raise RuntimeError("database gone")
        self.put_calls.append(dict(vectors))


def recipes() -> list[Recipe]:
    return [Recipe(uid="a", title="Sopa", source="saved")]


def test_vectors_made_before_the_commit_are_stored_after_it() -> None:
    port = Vectors()
    saved = SavedRecipeVectors(port)
    made = saved.before_commit(recipes())
    assert port.put_calls == []
    saved.after_commit(made)
    assert port.put_calls == [{"a": "v-a"}]


@pytest.mark.parametrize("fail_on", ["make", "put"])
def test_a_failure_is_logged_and_never_fails_the_save(
    fail_on: str, caplog: pytest.LogCaptureFixture
) -> None:
    port = Vectors(fail_on)
    saved = SavedRecipeVectors(port)
    with caplog.at_level(logging.WARNING):
        saved.after_commit(saved.before_commit(recipes()))
    assert port.put_calls == [] and "search vectors of 1 saved recipes not" in caplog.text


def test_without_a_port_or_recipes_nothing_is_made() -> None:
    assert SavedRecipeVectors(None).before_commit(recipes()) == {}
    assert SavedRecipeVectors(Vectors()).before_commit([]) == {}
    SavedRecipeVectors(None).after_commit({"a": "v"})  # nothing to store with
