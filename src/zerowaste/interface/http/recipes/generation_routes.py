"""Recipe generation (rows 43-45): answered at once (the client waits up to 3 minutes), the
pictures drawn in a job (`/api/generation/...` reports them). One AI budget per user across
these routes (RATELIMIT_AI_GENERATION, 8/min by default)."""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.interface.http.recipes.generation_schemas import (
    GenerateCustomSchema,
    GenerateFromInventorySchema,
    GenerateSchema,
    GenerationHistorySchema,
    GenerationPicturesSchema,
    GenerationSchema,
)
from zerowaste.interface.http.recipes.request_schemas import page_args
from zerowaste.interface.http.recognition.job_schemas import ImagesJobStatusSchema
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("ai_generation", __name__, url_prefix="/api/recipes")
FROM_INVENTORY, CUSTOM, GENERATE = (
    GenerateFromInventorySchema(),
    GenerateCustomSchema(),
    GenerateSchema(),
)
GENERATION = GenerationSchema()
PICTURES_JOB = ImagesJobStatusSchema()


def _answer(found: object) -> Reply:
    return dump(GENERATION, found, image_url=services().images.display_url)


@bp.post("/generate-from-inventory")
@auth_required()
def generate_from_inventory() -> Reply:
    """Row 44: recipes that use what the household has, what expires first first.
    ---
    tags: [recipes]
    parameters:
      - in: body
        name: body
        required: false
        schema: {$ref: "#/definitions/GenerateFromInventory"}
    responses:
      200: {description: "generated", schema: {$ref: "#/definitions/Generation"}}
      400: {description: "bad body, or no fresh ingredient", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no recipe uses what there is", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over the generation limit", schema: {$ref: "#/definitions/Error"}}
    """
    body = FROM_INVENTORY.load(json_body())
    found = services().recipe_generation.from_inventory(current_user_id(), body["num_recipes"])
    return _answer(found)


@bp.post("/generate-custom")
@auth_required()
def generate_custom() -> Reply:
    """Row 45: recipes with the ingredients named (all treated as urgent).
    ---
    tags: [recipes]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/GenerateCustom"}}
    responses:
      200: {description: "generated", schema: {$ref: "#/definitions/Generation"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no recipe uses these ingredients", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over the generation limit", schema: {$ref: "#/definitions/Error"}}
    """
    body = CUSTOM.load(json_body())
    found = services().recipe_generation.custom(
        current_user_id(),
        body["ingredients"],
        body["num_recipes"],
        body["preferences"],
        body["recipe_categories"],
    )
    return _answer(found)


@bp.post("/generate")
@auth_required()
def generate() -> Reply:
    """Row 43: as row 45, from L1's ingredient maps or L2's names.
    ---
    tags: [recipes]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/Generate"}}]
    responses:
      200: {description: "generated", schema: {$ref: "#/definitions/Generation"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no recipe uses these ingredients", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over the generation limit", schema: {$ref: "#/definitions/Error"}}
    """
    body = GENERATE.load(json_body())
    categories = [body["meal_type"]] if body["meal_type"] else []
    found = services().recipe_generation.custom(
        current_user_id(), body["ingredients"], body["num_recipes"], [], categories
    )
    return _answer(found)


pictures_bp = Blueprint("generation_pictures", __name__, url_prefix="/api/generation")
PICTURES, HISTORY = GenerationPicturesSchema(), GenerationHistorySchema()


@pictures_bp.get("/history")
@auth_required()
def generation_history() -> Reply:
    """The household's generations, newest first: inputs, provider, fallback and recipes.
    ---
    tags: [recipes]
    parameters:
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page", schema: {$ref: "#/definitions/GenerationHistory"}}
      400: {description: "bad page", schema: {$ref: "#/definitions/Error"}}
    """
    page, per_page = page_args(request.args.to_dict())
    found = services().recipes.generations(current_user_id(), per_page, (page - 1) * per_page)
    return dump(HISTORY, found, page=page, per_page=per_page)


@pictures_bp.get("/<generation_id>/images")
@auth_required()
def generation_pictures(generation_id: str) -> Reply:
    """Section B: where the pictures of a generation's recipes stand.
    ---
    tags: [recipes]
    parameters: [{in: path, name: generation_id, type: string, required: true}]
    responses:
      200: {description: "pictures", schema: {$ref: "#/definitions/GenerationPictures"}}
      404: {description: "no such generation for this user", schema: {$ref: "#/definitions/Error"}}
    """
    recipes = services().recipes.generation(current_user_id(), generation_id)
    pictures = services().pictures.statuses("recipe", [r.title for r in recipes])
    return dump(PICTURES, (generation_id, recipes, pictures))


@pictures_bp.get("/images/status/<task_id>")
@auth_required()
def generation_pictures_job(task_id: str) -> Reply:
    """Section B: a recipe-picture job by id (as `/api/images/status/<task_id>`).
    ---
    tags: [recipes]
    parameters: [{in: path, name: task_id, type: string, required: true}]
    responses:
      200: {description: "the picture job", schema: {$ref: "#/definitions/ImagesJobStatus"}}
      404: {description: "no such job for this user", schema: {$ref: "#/definitions/Error"}}
    """
    job = services().jobs.get(current_user_id(), task_id)
    return dump(PICTURES_JOB, services().pictures.job_view(job))
