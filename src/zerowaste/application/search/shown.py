"""The recipes a search answer shows, read for the caller: the public catalog's from this
process's decoded copies, the household's own from the store each time.

A page of semantic search shows 20 recipes (up to 100 are read when allergies or diets filter
the fused list), and reading them was 40 % of a search's CPU: one query, then an ORM row and
~36 JSON columns decoded per recipe. Catalog recipes change only when an import changes the
catalog, which changes the index's catalog version, so a decoded catalog recipe is kept under
(that version, its uid) and read again only after an import. A household's recipes are
written by its members at any time: they are always read from the store. Bounded (`SIZE`, the
most recently shown first: the 501-recipe catalog fits whole; at 5,000 the popular ones stay).
The kept recipes are shared by every request of the process, as the public catalog's copy is
(`application.recipes.catalog`), and nothing that shows them changes them. That copy is not
read here: it asks the database for the catalog's version on every call and decodes the whole
catalog (5,000 recipes at 10x) when it changed, where a page needs 20 and the index already
knows the version.
"""

from __future__ import annotations

from collections.abc import Sequence

from zerowaste.application.search.ports import RecipeIndex, SearchStore
from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.shared.lru import BoundedLRU

SIZE = 1_000


class ShownRecipes:
    def __init__(self, store: SearchStore, size: int = SIZE) -> None:
        self._store = store
        self._kept: BoundedLRU[tuple[str, str], Recipe] = BoundedLRU(size)

    def visible(
        self, index: RecipeIndex, household_id: str, uids: Sequence[str]
    ) -> dict[str, Recipe]:
        """Those of `uids` the household may see (the catalog's and its own), by uid."""
        version = index.version_of("catalog")
        found: dict[str, Recipe] = {}
        wanted = []
        for uid in uids:
            doc = index.doc(uid)
            kept = self._kept.get((version, uid)) if doc and doc.household_id is None else None
            if kept is None:
                wanted.append(uid)
            else:
                found[uid] = kept
        for recipe in self._store.recipes(wanted):
            if recipe.household_id is None:
                self._kept.put((version, recipe.uid), recipe)
                found[recipe.uid] = recipe
            elif recipe.household_id == household_id:
                found[recipe.uid] = recipe
        return found
