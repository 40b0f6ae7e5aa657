"""The recipe book (rows 46-50 and section B): save, list, the public catalog's defaults,
delete, favourites and the generated gallery. Every list shows the public catalog and the
caller's household's recipes only; another household's recipe is a 404.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from zerowaste.application.recipes.ports import RecipeFilter
from zerowaste.interface.http.recipes.request_schemas import (
    DefaultQuerySchema,
    DeleteByTitleSchema,
    FavoriteSchema,
    RecipeQuerySchema,
    SaveRecipeSchema,
    page_args,
)
from zerowaste.interface.http.recipes.schemas import (
    DefaultRecipesSchema,
    DeletedSchema,
    FavoriteResultSchema,
    FavoritesSchema,
    RecipeListSchema,
    RecipeSchema,
    SaveResultSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("recipes", __name__, url_prefix="/api/recipes")
SAVE_REQUEST, DELETE_REQUEST, FAVORITE_REQUEST = (
    SaveRecipeSchema(),
    DeleteByTitleSchema(),
    FavoriteSchema(),
)
QUERY_REQUEST, DEFAULT_QUERY = RecipeQuerySchema(), DefaultQuerySchema()
SAVED, LISTED, ONE, DEFAULTS = (
    SaveResultSchema(),
    RecipeListSchema(),
    RecipeSchema(),
    DefaultRecipesSchema(),
)
DELETED, FAVORITE, FAVORITES = DeletedSchema(), FavoriteResultSchema(), FavoritesSchema()


def _shown(schema: Any, found: Any, status: int = 200, **given: Any) -> Reply:
    return dump(schema, found, status, image_url=services().images.display_url, **given)


@bp.post("/save")
@auth_required()
def save() -> Reply:
    """Row 46: save a recipe in the caller's household (the client's payload as it is).
    ---
    tags: [recipes]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/SaveRecipe"}}]
    responses:
      201: {description: "saved", schema: {$ref: "#/definitions/SaveResult"}}
      400: {description: "bad payload", schema: {$ref: "#/definitions/Error"}}
      403: {description: "a viewer may not change the book", schema: {$ref: "#/definitions/Error"}}
    """
    draft = SAVE_REQUEST.load(json_body())
    return _shown(SAVED, services().recipes.save(current_user_id(), draft), 201)


def _page() -> tuple[int, int]:
    return page_args(request.args.to_dict())


@bp.get("/saved")
@auth_required()
def saved() -> Reply:
    """Row 47: the household's saved recipes, newest first.
    ---
    tags: [recipes]
    parameters:
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page", schema: {$ref: "#/definitions/RecipeList"}}
      400: {description: "bad page", schema: {$ref: "#/definitions/Error"}}
    """
    page, per_page = _page()
    found = services().recipes.saved(current_user_id(), per_page, (page - 1) * per_page)
    return _shown(LISTED, found, page=page, per_page=per_page)


@bp.get("/all")
@auth_required()
def all_recipes() -> Reply:
    """Row 48: the household's recipes and the public catalog, filtered and paged.
    ---
    tags: [recipes]
    parameters:
      - {in: query, name: search, type: string}
      - {in: query, name: category, type: string}
      - {in: query, name: ingredients, type: string, description: "a,b: all appear"}
      - {in: query, name: dietary_restrictions, type: string, description: "comma-separated tags"}
      - {in: query, name: max_prep_time, type: integer, minimum: 1}
      - {in: query, name: difficulty, type: string}
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page", schema: {$ref: "#/definitions/RecipeList"}}
      400: {description: "bad filter", schema: {$ref: "#/definitions/Error"}}
    """
    query = QUERY_REQUEST.load(request.args.to_dict())
    page, per_page = query["page"], query["per_page"]
    wanted = RecipeFilter(
        search=query["search"],
        category=query["category"],
        ingredients=_csv(query["ingredients"]),
        difficulty=query["difficulty"],
        max_minutes=query["max_prep_time"],
        tags=_csv(query["dietary_restrictions"]),
    )
    found = services().recipes.search(current_user_id(), wanted, per_page, (page - 1) * per_page)
    return _shown(LISTED, found, page=page, per_page=per_page)


def _csv(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())[:20]


@bp.get("/default")
def defaults() -> Reply:
    """Row 49 (no token): catalog recipes of a default category.
    ---
    tags: [recipes]
    security: []
    parameters:
      - in: query
        name: category
        type: string
        enum: [destacadas, rapidas_faciles, vegetarianas, postres, saludables]
    responses:
      200: {description: "recipes", schema: {$ref: "#/definitions/DefaultRecipes"}}
      400: {description: "unknown category", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no recipe in the category", schema: {$ref: "#/definitions/Error"}}
    """
    category = DEFAULT_QUERY.load(request.args.to_dict())["category"]
    found = services().recipes.defaults(category)
    return _shown(DEFAULTS, found, category=category or "destacadas")


@bp.delete("/delete")
@auth_required()
def delete_by_title() -> Reply:
    """Row 50: delete the household's recipes with this title (`title`, or L2's `recipe_title`).
    ---
    tags: [recipes]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/DeleteByTitle"}}
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/Deleted"}}
      400: {description: "no title", schema: {$ref: "#/definitions/Error"}}
      403: {description: "a viewer may not change the book", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no saved recipe with that title", schema: {$ref: "#/definitions/Error"}}
    """
    title = DELETE_REQUEST.load(json_body())
    return dump(DELETED, services().recipes.delete_by_title(current_user_id(), title))


@bp.get("/<uid>")
@auth_required()
def get_recipe(uid: str) -> Reply:
    """One recipe of the catalog or of the caller's household.
    ---
    tags: [recipes]
    parameters: [{in: path, name: uid, type: string, required: true}]
    responses:
      200: {description: "the recipe", schema: {$ref: "#/definitions/Recipe"}}
      404: {description: "no such recipe for this user", schema: {$ref: "#/definitions/Error"}}
    """
    return _shown(ONE, services().recipes.get(current_user_id(), uid))


@bp.delete("/<uid>")
@auth_required()
def delete_recipe(uid: str) -> Reply:
    """Delete one of the household's recipes by uid (catalog recipes cannot be deleted: 404).
    ---
    tags: [recipes]
    parameters: [{in: path, name: uid, type: string, required: true}]
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/Deleted"}}
      403: {description: "a viewer may not change the book", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such recipe of this household", schema: {$ref: "#/definitions/Error"}}
    """
    services().recipes.delete(current_user_id(), uid)
    return dump(DELETED, 1)


@bp.get("/generated/gallery")
@auth_required()
def gallery() -> Reply:
    """Section B: the household's generated recipes, newest first.
    ---
    tags: [recipes]
    parameters:
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page", schema: {$ref: "#/definitions/RecipeList"}}
      400: {description: "bad page", schema: {$ref: "#/definitions/Error"}}
    """
    page, per_page = _page()
    found = services().recipes.gallery(current_user_id(), per_page, (page - 1) * per_page)
    return _shown(LISTED, found, page=page, per_page=per_page)


@bp.post("/generated/<uid>/favorite")
@bp.put("/generated/<uid>/favorite")
@auth_required()
def favorite(uid: str) -> Reply:
    """Section B: mark a recipe (generated, saved or catalog) a favourite, with rating and notes.
    ---
    tags: [recipes]
    parameters:
      - {in: path, name: uid, type: string, required: true}
      - {in: body, name: body, required: false, schema: {$ref: "#/definitions/Favorite"}}
    responses:
      200: {description: "the favourite", schema: {$ref: "#/definitions/FavoriteResult"}}
      400: {description: "bad rating or notes", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such recipe for this user", schema: {$ref: "#/definitions/Error"}}
    """
    body = FAVORITE_REQUEST.load(json_body())
    found = services().recipes.favorite(current_user_id(), uid, body["rating"], body["notes"])
    return _shown(FAVORITE, found)


@bp.delete("/generated/<uid>/favorite")
@auth_required()
def unfavorite(uid: str) -> Reply:
    """Section B: no longer a favourite.
    ---
    tags: [recipes]
    parameters: [{in: path, name: uid, type: string, required: true}]
    responses:
      200: {description: "removed", schema: {$ref: "#/definitions/Deleted"}}
      404: {description: "not a favourite of this user", schema: {$ref: "#/definitions/Error"}}
    """
    services().recipes.unfavorite(current_user_id(), uid)
    return dump(DELETED, 1)


@bp.get("/generated/favorites")
@auth_required()
def favorites() -> Reply:
    """Section B: the caller's favourites, newest first.
    ---
    tags: [recipes]
    responses:
      200: {description: "favourites", schema: {$ref: "#/definitions/Favorites"}}
    """
    return _shown(FAVORITES, services().recipes.favorites(current_user_id()))
