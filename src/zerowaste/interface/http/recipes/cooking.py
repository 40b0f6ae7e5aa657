"""Cooking a recipe (issue #9 §3): `POST /api/recipes/<uid>/cook` takes what it needs from the
household's stock, all or nothing (409 with what is missing), and records the cook; retries
with the same `Idempotency-Key` replay the first answer instead of cooking twice."""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.interface.http.idempotency import idempotent
from zerowaste.interface.http.recipes.cooking_schemas import (
    CookedSchema,
    CookHistorySchema,
    CookSchema,
)
from zerowaste.interface.http.recipes.request_schemas import page_args
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("recipe_cooking", __name__, url_prefix="/api/recipes")
COOK_REQUEST = CookSchema()
COOKED, HISTORY = CookedSchema(), CookHistorySchema()


@bp.post("/<uid>/cook")
@auth_required()
@idempotent
def cook(uid: str) -> Reply:
    """Cook a recipe: deduct its ingredients from stock (FEFO, journal reason `cooked`).
    ---
    tags: [recipes]
    parameters:
      - {in: path, name: uid, type: string, required: true}
      - {in: header, name: Idempotency-Key, type: string, minLength: 1, maxLength: 100}
      - {in: body, name: body, required: false, schema: {$ref: "#/definitions/Cook"}}
    responses:
      201: {description: "cooked", schema: {$ref: "#/definitions/Cooked"}}
      400: {description: "bad servings", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such recipe for this user", schema: {$ref: "#/definitions/Error"}}
      409: {description: "not enough stock: details.missing", schema: {$ref: "#/definitions/Error"}}
    """
    body = COOK_REQUEST.load(json_body())
    cooked = services().recipe_cooking.cook(current_user_id(), uid, body["servings"])
    return dump(COOKED, cooked, 201)


@bp.get("/history")
@auth_required()
def history() -> Reply:
    """The household's cook history, newest first.
    ---
    tags: [recipes]
    parameters:
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page", schema: {$ref: "#/definitions/CookHistory"}}
      400: {description: "bad page", schema: {$ref: "#/definitions/Error"}}
    """
    page, per_page = page_args(request.args.to_dict())
    found = services().recipes.cook_history(current_user_id(), per_page, (page - 1) * per_page)
    return dump(HISTORY, found, page=page, per_page=per_page)
