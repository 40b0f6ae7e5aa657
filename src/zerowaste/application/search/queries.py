"""Reading a query: its words, and the foods it names in the ingredient master (Spanish or
English names, synonyms), so the lexical signal crosses languages for foods. Only exact
(normalised) names count: a fuzzy match would turn "sopa" into pasta."""

from __future__ import annotations

from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.search.documents import Query, phrases

EXACT = 100
MAX_REMEMBERED = 20_000


class QueryReader:
    def __init__(self, catalog: ReferenceCatalog) -> None:
        self._catalog = catalog
        self._known: dict[str, str | None] = {}

    def __call__(self, text: str) -> Query:
        foods: dict[str, str] = {}
        for phrase in phrases(text):
            key = self._food(phrase)
            if key is not None and key not in foods:
                foods[key] = phrase
        return Query(text, foods)

    def _food(self, phrase: str) -> str | None:
        if phrase in self._known:
            return self._known[phrase]
        match = self._catalog.match(phrase)
        found = match.ingredient_id if match is not None and match.score >= EXACT else None
        if len(self._known) < MAX_REMEMBERED:
            self._known[phrase] = found
        return found
