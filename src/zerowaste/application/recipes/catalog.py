"""The public catalog, decoded once per process and kept until an import changes its version.

Row 49's defaults and every generation read the whole catalog; one small query on the catalog's
version replaces reading and decoding 500 recipes per request.
"""

from __future__ import annotations

from zerowaste.application.recipes.ports import RecipesUnitOfWork
from zerowaste.domain.recipes.recipe import Recipe

CANDIDATES = 5000


class PublicCatalog:
    def __init__(self) -> None:
        self._copy: tuple[str, list[Recipe]] = ("", [])

    def recipes(self, uow: RecipesUnitOfWork) -> list[Recipe]:
        version = uow.recipes.catalog_version()
        if version != self._copy[0] or not version:
            self._copy = (version, uow.recipes.catalog(CANDIDATES))
        return self._copy[1]
