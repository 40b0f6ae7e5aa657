"""Photo recognition (contract rows 11, 13, 15, 16, 17): the client waits for rows 11-16 (up to
3 minutes), row 17 and the other `/async` routes answer 202 with a job to poll.

Every route here is one shared AI budget per user (RATELIMIT_AI_RECOGNITION, 5/min by default),
as the original's `ai_recognition` group meant to be.
"""

from __future__ import annotations

from flask import Blueprint

from zerowaste.domain.recognition.items import Kind
from zerowaste.interface.http.recognition.job_schemas import JobStartedSchema
from zerowaste.interface.http.recognition.request_schemas import RecognizeSchema
from zerowaste.interface.http.recognition.result_schemas import (
    BatchRecognitionSchema,
    CompleteRecognitionSchema,
    FoodsRecognitionSchema,
    IngredientsRecognitionSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("ai_recognition", __name__, url_prefix="/api/recognition")
RECOGNIZE_REQUEST = RecognizeSchema()
INGREDIENTS, COMPLETE = IngredientsRecognitionSchema(), CompleteRecognitionSchema()
FOODS, BATCH, STARTED = FoodsRecognitionSchema(), BatchRecognitionSchema(), JobStartedSchema()


def _recognize(kind: Kind, *, complete: bool = False) -> object:
    body = RECOGNIZE_REQUEST.load(json_body())
    return services().recognition.recognize(
        current_user_id(), body["images_paths"], kind, complete=complete
    )


@bp.post("/ingredients")
@auth_required()
def recognize_ingredients() -> Reply:
    """Raw ingredients in the caller's uploaded photos (row 11); pictures follow in the background.
    ---
    tags: [recognition]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/Recognize"}}]
    responses:
      200: {description: "recognised", schema: {$ref: "#/definitions/IngredientsRecognition"}}
      400: {description: "bad body or images_paths", schema: {$ref: "#/definitions/Error"}}
      404: {description: "not an upload of the caller", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over the recognition limit", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(INGREDIENTS, _recognize("ingredients"))


@bp.post("/ingredients/complete")
@auth_required()
def recognize_ingredients_complete() -> Reply:
    """Row 16: as row 11, each ingredient with its environmental impact and utilization ideas.
    ---
    tags: [recognition]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/Recognize"}}]
    responses:
      200: {description: "recognised", schema: {$ref: "#/definitions/CompleteRecognition"}}
      400: {description: "bad body or images_paths", schema: {$ref: "#/definitions/Error"}}
      404: {description: "not an upload of the caller", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over the recognition limit", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(COMPLETE, _recognize("ingredients", complete=True))


@bp.post("/foods")
@auth_required()
def recognize_foods() -> Reply:
    """Prepared dishes in the caller's photos (row 13).
    ---
    tags: [recognition]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/Recognize"}}]
    responses:
      200: {description: "recognised", schema: {$ref: "#/definitions/FoodsRecognition"}}
      400: {description: "bad body or images_paths", schema: {$ref: "#/definitions/Error"}}
      404: {description: "not an upload of the caller", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over the recognition limit", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(FOODS, _recognize("foods"))


@bp.post("/batch")
@auth_required()
def recognize_batch() -> Reply:
    """Ingredients and foods in several photos, as one `recognized_items` list (row 15).
    ---
    tags: [recognition]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/Recognize"}}]
    responses:
      200: {description: "recognised", schema: {$ref: "#/definitions/BatchRecognition"}}
      400: {description: "bad body or images_paths", schema: {$ref: "#/definitions/Error"}}
      404: {description: "not an upload of the caller", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over the recognition limit", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(BATCH, _recognize("batch"))


def _start(kind: Kind) -> Reply:
    body = RECOGNIZE_REQUEST.load(json_body())
    job = services().recognition.start(current_user_id(), body["images_paths"], kind)
    return dump(STARTED, job, 202)


@bp.post("/ingredients/async")
@auth_required()
def recognize_ingredients_async() -> Reply:
    """Row 17: recognise in a background job; poll `/api/recognition/status/<task_id>`.
    ---
    tags: [recognition]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/Recognize"}}]
    responses:
      202: {description: "started", schema: {$ref: "#/definitions/JobStarted"}}
      400: {description: "bad body or images_paths", schema: {$ref: "#/definitions/Error"}}
      404: {description: "not an upload of the caller", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over the recognition limit", schema: {$ref: "#/definitions/Error"}}
      503: {description: "the job queue is unavailable", schema: {$ref: "#/definitions/Error"}}
    """
    return _start("ingredients")


@bp.post("/foods/async")
@auth_required()
def recognize_foods_async() -> Reply:
    """Foods in a background job (new route; same polling as row 17).
    ---
    tags: [recognition]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/Recognize"}}]
    responses:
      202: {description: "started", schema: {$ref: "#/definitions/JobStarted"}}
      400: {description: "bad body or images_paths", schema: {$ref: "#/definitions/Error"}}
      404: {description: "not an upload of the caller", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over the recognition limit", schema: {$ref: "#/definitions/Error"}}
      503: {description: "the job queue is unavailable", schema: {$ref: "#/definitions/Error"}}
    """
    return _start("foods")
