"""The public catalog, decoded once per process and kept until an import changes its version.

Row 49's defaults and every generation read the whole catalog; one small query on the catalog's
version replaces reading and decoding 500 recipes per request. Single-flight: when the copy is
missing or stale, one thread decodes the new version and the others wait for it (a cold worker
hit by 32 requests at once decodes 5,000 recipes once, not once per thread).
"""

from __future__ import annotations

import threading

from zerowaste.application.recipes.ports import RecipesUnitOfWork
from zerowaste.domain.recipes.recipe import Recipe

CANDIDATES = 5000


class PublicCatalog:
    def __init__(self) -> None:
        self._copy: tuple[str, list[Recipe]] = ("", [])
        self._loading = threading.Lock()

    def recipes(self, uow: RecipesUnitOfWork) -> list[Recipe]:
        version = uow.recipes.catalog_version()
        held, recipes = self._copy
        if version and version == held:
            return recipes
        with self._loading:
            held, recipes = self._copy
            if version and version == held:  # another thread decoded it meanwhile
                return recipes
            recipes = uow.recipes.catalog(CANDIDATES)
            self._copy = (version, recipes)
            return recipes
