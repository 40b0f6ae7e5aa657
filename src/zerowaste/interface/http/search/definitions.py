"""The search schemas the spec defines (interface.http.definitions:
the names routes $ref, nested schemas first)."""

from __future__ import annotations

from zerowaste.interface.http.schemas import Definitions
from zerowaste.interface.http.search import schemas as search

DEFINITIONS: Definitions = [
    ("SearchFilters", search.FiltersSchema),
    ("SemanticSearch", search.SemanticSearchSchema),
    ("HaveItem", search.HaveItemSchema),
    ("ByIngredients", search.ByIngredientsSchema),
    ("SearchWhy", search.WhySchema),
    ("SearchHit", search.SearchHitSchema),
    ("SearchResults", search.SearchResultsSchema),
    ("LineFigure", search.LineFigureSchema),
    ("Fulfilment", search.FulfilmentSchema),
    ("FulfilmentResults", search.FulfilmentResultsSchema),
]
