"""The search vectors of the recipes a use case saves, made with the save (`RecipeVectors`).

Without them, every web process's next search found the new recipes without vectors and
embedded them itself (~10 ms of CPU per recipe), and each process's write of the same vectors
moved the index's version again, so every process reloaded its households' part twice per
generated recipe (measured with `make bench-mix`: searches were the mix's slowest endpoint while
generations ran). Now the use case computes the vectors before its commit (no database) and
stores them right after it: the index reloads once, with the vectors there.

Best effort: a failure is logged and leaves the recipes to the next search (which embeds what
lacks a vector, as before); it never fails the save.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from zerowaste.application.recipes.ports import RecipeVectors
from zerowaste.domain.recipes.recipe import Recipe

log = logging.getLogger(__name__)


class SavedRecipeVectors:
    def __init__(self, vectors: RecipeVectors | None) -> None:
        self._vectors = vectors

    def before_commit(self, recipes: Sequence[Recipe]) -> Mapping[str, Any]:
        if self._vectors is None or not recipes:
            return {}
        try:
            return self._vectors.vectors_of(recipes)
        except Exception:  # noqa: BLE001 - the save goes on; the next search embeds them
            log.warning("search vectors of %d saved recipes not made", len(recipes), exc_info=True)
            return {}

    def after_commit(self, computed: Mapping[str, Any]) -> None:
        if self._vectors is None or not computed:
            return
        try:
            self._vectors.put(computed)
        except Exception:  # noqa: BLE001 - committed already; the next search embeds them
            log.warning(
                "search vectors of %d saved recipes not stored", len(computed), exc_info=True
            )
