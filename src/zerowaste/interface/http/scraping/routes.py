"""Recipe import from a URL (issue #13): `POST /api/recipes/import` checks the URL at once
(422 for a non-http(s) URL, credentials in it, or a host resolving to a private address) and
answers 202 with a job; `GET /api/recipes/import/<job_id>` is the job, as its owner polls it."""

from __future__ import annotations

from flask import Blueprint

from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.scraping.schemas import (
    RecipeImportJobSchema,
    RecipeImportRequestSchema,
)
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("recipe_import", __name__, url_prefix="/api/recipes/import")
REQUEST, JOB = RecipeImportRequestSchema(), RecipeImportJobSchema()


@bp.post("")
@auth_required()
def start_import() -> Reply:
    """Import a recipe from a web page into the caller's recipes (a job: poll status_url).
    ---
    tags: [recipes]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/RecipeImportRequest"}}
    responses:
      202: {description: "queued", schema: {$ref: "#/definitions/RecipeImportJob"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      403: {description: "import off; a household viewer", schema: {$ref: "#/definitions/Error"}}
      422:
        description: "URL refused: not http(s), with credentials, or a private host"
        schema: {$ref: "#/definitions/Error"}
      503: {description: "jobs unavailable", schema: {$ref: "#/definitions/Error"}}
    """
    body = REQUEST.load(json_body())
    found = services().recipe_import.start(current_user_id(), body["url"])
    reply, status = dump(JOB, found, 202)
    return reply, status, {"Location": reply["status_url"]}  # type: ignore[return-value]


@bp.get("/<job_id>")
@auth_required()
def import_status(job_id: str) -> Reply:
    """A recipe import job of the caller: status, progress, the recipe or the failure's code.
    ---
    tags: [recipes]
    parameters: [{in: path, name: job_id, type: string, required: true}]
    responses:
      200: {description: "the job", schema: {$ref: "#/definitions/RecipeImportJob"}}
      404: {description: "no such import job of the caller", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(JOB, services().recipe_import.status(current_user_id(), job_id))
