"""Cooking a recipe (issue #9 §3): `POST /api/recipes/<uid>/cook` takes what it needs from the
household's stock, all or nothing (409 with what is missing), and records the cook (listed by
`GET /api/recipes/history`); retries with the same `Idempotency-Key` replay the first answer
instead of cooking twice."""

from __future__ import annotations

from flask import Blueprint

from zerowaste.interface.http.idempotency import idempotent
from zerowaste.interface.http.recipes.cooking_schemas import (
    CookedSchema,
    CookSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("recipe_cooking", __name__, url_prefix="/api/recipes")
COOK_REQUEST = CookSchema()
COOKED = CookedSchema()


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
      403: {description: "a household viewer", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such recipe for this user", schema: {$ref: "#/definitions/Error"}}
      409: {description: "not enough stock: details.missing", schema: {$ref: "#/definitions/Error"}}
    """
    body = COOK_REQUEST.load(json_body())
    cooked = services().recipe_cooking.cook(current_user_id(), uid, body["servings"])
    return dump(COOKED, cooked, 201)
