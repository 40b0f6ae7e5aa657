"""Which food a name is: the ingredient master's id for it, so the catalog's "eggs" and the
stock's "Huevo" are one food (else the folded name). Memoised per process: catalog lines repeat
across requests and the master's fuzzy match is the costly part."""

from __future__ import annotations

from zerowaste.application.ports.reference import ReferenceCatalog

MAX_REMEMBERED = 50_000


class FoodKeys:
    def __init__(self, catalog: ReferenceCatalog) -> None:
        self._catalog = catalog
        self._known: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        found = self._known.get(name)
        if found is None:
            match = self._catalog.match(name)
            found = match.ingredient_id if match else " ".join(name.casefold().split())
            if len(self._known) < MAX_REMEMBERED:
                self._known[name] = found
        return found
