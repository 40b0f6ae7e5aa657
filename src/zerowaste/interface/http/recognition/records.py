"""Reading recognitions back (rows 12, 14, 18-20, 9): jobs, pictures, history and feedback.

A task id or recognition id of another user is a 404, like an unknown one. The L2 client polls
`/api/recognition/images/status/<recognition_id>` where row 19 expects a picture job's id: both
are answered (the job first, then the recognition's pictures in row 12's shape).
"""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.domain.shared.errors import InvalidInput, NotFound
from zerowaste.interface.http.recognition.job_schemas import (
    ImagesJobStatusSchema,
    JobStatusSchema,
)
from zerowaste.interface.http.recognition.request_schemas import (
    FeedbackSchema,
    HistoryQuerySchema,
)
from zerowaste.interface.http.recognition.result_schemas import (
    FeedbackResultSchema,
    HistoryPageSchema,
    RecognitionImagesSchema,
    RecognitionSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("recognition_records", __name__)
FEEDBACK_REQUEST, HISTORY_QUERY = FeedbackSchema(), HistoryQuerySchema()
JOB, IMAGES_JOB, IMAGES = JobStatusSchema(), ImagesJobStatusSchema(), RecognitionImagesSchema()
RECOGNITION, HISTORY, FEEDBACK = RecognitionSchema(), HistoryPageSchema(), FeedbackResultSchema()


@bp.get("/api/recognition/status/<task_id>")
@auth_required()
def job_status(task_id: str) -> Reply:
    """Row 18: where an async recognition stands; `result_data.ingredients[]` when completed.
    ---
    tags: [recognition]
    parameters: [{in: path, name: task_id, type: string, required: true}]
    responses:
      200: {description: "the job", schema: {$ref: "#/definitions/JobStatus"}}
      404: {description: "no such job for this user", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(JOB, services().jobs.get(current_user_id(), task_id))


@bp.get("/api/recognition/images/status/<task_id>")
@auth_required()
def images_job_status(task_id: str) -> Reply:
    """Row 19: a picture job (or, for L2, a recognition's pictures as in row 12).
    ---
    tags: [recognition]
    parameters: [{in: path, name: task_id, type: string, required: true}]
    responses:
      200:
        description: "the picture job (or a recognition's pictures)"
        schema: {$ref: "#/definitions/ImagesStatus"}
      404: {description: "no such job or recognition", schema: {$ref: "#/definitions/Error"}}
    """
    uid = current_user_id()
    try:
        job = services().jobs.get(uid, task_id)
    except NotFound:
        return dump(IMAGES, services().recognition.get(uid, task_id))
    return dump(IMAGES_JOB, services().pictures.job_view(job))


@bp.get("/api/images/status/<task_id>")
@auth_required()
def picture_job_status(task_id: str) -> Reply:
    """Row 9: a picture job by id.
    ---
    tags: [images]
    parameters: [{in: path, name: task_id, type: string, required: true}]
    responses:
      200: {description: "the picture job", schema: {$ref: "#/definitions/ImagesJobStatus"}}
      404: {description: "no such job for this user", schema: {$ref: "#/definitions/Error"}}
    """
    return _picture_job(task_id)


def _picture_job(task_id: str) -> Reply:
    job = services().jobs.get(current_user_id(), task_id)
    return dump(IMAGES_JOB, services().pictures.job_view(job))


@bp.get("/api/images/status")
@auth_required()
def picture_job_status_by_query() -> Reply:
    """Row 9 without a path: the job named by the `task_id` query parameter.
    ---
    tags: [images]
    parameters: [{in: query, name: task_id, type: string, required: true}]
    responses:
      200: {description: "the picture job", schema: {$ref: "#/definitions/ImagesJobStatus"}}
      400: {description: "no task_id", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such job for this user", schema: {$ref: "#/definitions/Error"}}
    """
    wanted = request.args.get("task_id", "")
    if not wanted:
        raise InvalidInput("task_id is required", code="task_id_required")
    return _picture_job(wanted)


@bp.get("/api/recognition/recognition/<recognition_id>")
@auth_required()
def get_recognition(recognition_id: str) -> Reply:
    """Row 14: a stored recognition with its items and their pictures.
    ---
    tags: [recognition]
    parameters: [{in: path, name: recognition_id, type: string, required: true}]
    responses:
      200: {description: "the recognition", schema: {$ref: "#/definitions/Recognition"}}
      404: {description: "no such recognition for this user", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(RECOGNITION, services().recognition.get(current_user_id(), recognition_id))


@bp.get("/api/recognition/recognition/<recognition_id>/images")
@auth_required()
def recognition_images(recognition_id: str) -> Reply:
    """Row 12: polled every 5 s until `images_status` is `ready`.
    ---
    tags: [recognition]
    parameters: [{in: path, name: recognition_id, type: string, required: true}]
    responses:
      200: {description: "pictures so far", schema: {$ref: "#/definitions/RecognitionImages"}}
      404: {description: "no such recognition for this user", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(IMAGES, services().recognition.get(current_user_id(), recognition_id))


@bp.get("/api/recognition/history")
@auth_required()
def history() -> Reply:
    """Row 20: the caller's recognitions, newest first.
    ---
    tags: [recognition]
    parameters:
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 50, default: 20}
    responses:
      200: {description: "a page", schema: {$ref: "#/definitions/HistoryPage"}}
      400: {description: "bad page", schema: {$ref: "#/definitions/Error"}}
    """
    query = HISTORY_QUERY.load(request.args.to_dict())
    page, per_page = query["page"], query["per_page"]
    found = services().recognition.history(current_user_id(), per_page, (page - 1) * per_page)
    return dump(HISTORY, found, page=page, per_page=per_page)


@bp.post("/api/recognition/feedback")
@auth_required()
def feedback() -> Reply:
    """Row 20: feedback on a recognition; `corrections` rename this user's future matches and
    confirm barcodes (the barcode table answers by majority of users).
    ---
    tags: [recognition]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/Feedback"}}]
    responses:
      201: {description: "recorded", schema: {$ref: "#/definitions/FeedbackResult"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such recognition for this user", schema: {$ref: "#/definitions/Error"}}
    """
    body = FEEDBACK_REQUEST.load(json_body())
    rid = body.pop("recognition_id")
    applied = services().recognition.feedback(current_user_id(), rid, body)
    return dump(FEEDBACK, applied, 201, recognition_id=rid)
