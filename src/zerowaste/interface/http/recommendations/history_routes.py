"""Row 51: the recipe history (views and cooks), at `/api/recipes/history` and at
`/recipes/history` (the client calls it without `/api`), and the caller's recent recipes."""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.interface.http.recommendations.schemas import (
    CountQuerySchema,
    HistoryEntrySchema,
    HistoryPostSchema,
    HistoryQuerySchema,
    HistorySchema,
    RecentRecipesSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("recipe_history", __name__, url_prefix="/api/recipes")
client_bp = Blueprint("client_recipe_history", __name__, url_prefix="/recipes")
QUERY, POSTED, COUNT = HistoryQuerySchema(), HistoryPostSchema(), CountQuerySchema()
HISTORY, ENTRY, RECENT = HistorySchema(), HistoryEntrySchema(), RecentRecipesSchema()


@bp.get("/history")
@client_bp.get("/history")
@auth_required()
def history() -> Reply:
    """Views (the caller's) and cooks (the household's), newest first.
    ---
    tags: [recipes]
    parameters:
      - {in: query, name: event, type: string, enum: [viewed, cooked]}
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page", schema: {$ref: "#/definitions/RecipeHistory"}}
      400: {description: "bad query", schema: {$ref: "#/definitions/Error"}}
    """
    query = QUERY.load(request.args.to_dict())
    page, per_page = query["page"], query["per_page"]
    found = services().recipe_history.timeline(
        current_user_id(), query["event"], per_page, (page - 1) * per_page
    )
    return dump(HISTORY, found, page=page, per_page=per_page)


@bp.post("/history")
@client_bp.post("/history")
@auth_required()
def record() -> Reply:
    """Record that the caller viewed (default) or cooked a recipe (no stock is taken).
    ---
    tags: [recipes]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/RecipeHistoryPost"}}
    responses:
      201: {description: "recorded", schema: {$ref: "#/definitions/RecipeHistoryEntry"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      403: {description: "a viewer may not record a cook", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such recipe for this user", schema: {$ref: "#/definitions/Error"}}
    """
    body = POSTED.load(json_body())
    found = services().recipe_history.record(current_user_id(), body["recipe_uid"], body["event"])
    return dump(ENTRY, found, 201)


@bp.get("/all/recent")
@auth_required()
def recent() -> Reply:
    """Row 51: the recipes the caller viewed or cooked lately, newest first, each once.
    ---
    tags: [recipes]
    parameters: [{in: query, name: limit, type: integer, minimum: 1, maximum: 50, default: 10}]
    responses:
      200: {description: "newest first", schema: {$ref: "#/definitions/RecentRecipes"}}
      400: {description: "bad limit", schema: {$ref: "#/definitions/Error"}}
    """
    limit = COUNT.load(request.args.to_dict())["limit"]
    found = services().recipe_history.recent(current_user_id(), limit)
    return dump(RECENT, found, image_url=services().images.display_url)
