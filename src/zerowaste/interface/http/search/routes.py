"""Recipe search (issue #12): free text in Spanish or English, and what the caller can make
with what they have. Both search the public catalog and the caller's household's recipes only."""

from __future__ import annotations

from flask import Blueprint

from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.search.schemas import (
    ByIngredientsSchema,
    FulfilmentResultsSchema,
    SearchResultsSchema,
    SemanticSearchSchema,
)
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("search", __name__, url_prefix="/api/search")
SEMANTIC, BY_INGREDIENTS = SemanticSearchSchema(), ByIngredientsSchema()
RESULTS, FULFILMENTS = SearchResultsSchema(), FulfilmentResultsSchema()


@bp.post("/semantic")
@auth_required()
def semantic() -> Reply:
    """Recipes for a free-text query in Spanish or English (either language's recipes).
    ---
    tags: [search]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/SemanticSearch"}}
    responses:
      200:
        description: "a page of recipes, best first"
        schema: {$ref: "#/definitions/SearchResults"}
      400: {description: "bad query, filters or page", schema: {$ref: "#/definitions/Error"}}
      404: {description: "the caller's profile is gone", schema: {$ref: "#/definitions/Error"}}
    """
    body = SEMANTIC.load(json_body())
    found = services().search.semantic(
        current_user_id(), body["query"], body["filters"], body["page"], body["per_page"]
    )
    return dump(RESULTS, found)


@bp.post("/by-ingredients")
@auth_required()
def by_ingredients() -> Reply:
    """What the caller can make from the foods listed (or their stock): fulfilment and gaps.
    ---
    tags: [search]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/ByIngredients"}}
    responses:
      200:
        description: "a page of recipes, most fulfilled first"
        schema: {$ref: "#/definitions/FulfilmentResults"}
      400: {description: "bad input; no fresh stock", schema: {$ref: "#/definitions/Error"}}
      404: {description: "the caller's profile is gone", schema: {$ref: "#/definitions/Error"}}
    """
    body = BY_INGREDIENTS.load(json_body())
    items = None if body["use_stock"] else body["items"]
    found = services().search.by_ingredients(
        current_user_id(), items, body["filters"], body["page"], body["per_page"]
    )
    return dump(FULFILMENTS, found)
