"""Background job replies: started (202), status (row 18) and picture jobs (rows 9, 19)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema

from zerowaste.interface.http import response_fields as f

JOB_STATUSES = ["pending", "processing", "completed", "failed"]


class JobStartedSchema(Schema):
    """Row 17's 202: poll `check_status_url` until completed or failed."""

    message = f.String(required=True, source=lambda _: "Recognition started")
    task_id = f.String(required=True, source="id")
    status = f.String(required=True, metadata={"enum": JOB_STATUSES})
    progress_percentage = f.Integer(required=True, source="progress")
    estimated_time = f.Integer(
        required=True, source=lambda _: 5, metadata={"description": "seconds"}
    )
    check_status_url = f.String(
        required=True, source=lambda job: f"/api/recognition/status/{job.id}"
    )


class JobStatusSchema(Schema):
    task_id = f.String(required=True, source="id")
    job_type = f.String(required=True, source="type")
    status = f.String(required=True, metadata={"enum": JOB_STATUSES})
    progress_percentage = f.Integer(required=True, source="progress")
    current_step = f.String(required=True, source="step")
    created_at = f.Timestamp(required=True)
    started_at = f.Timestamp(required=True, allow_none=True)
    completed_at = f.Timestamp(required=True, allow_none=True)
    result_data = f.Raw(
        required=True, allow_none=True, source="result", metadata={"type": "object"}
    )
    error_message = f.String(required=True, allow_none=True, source="error")


class ImageDataSchema(Schema):
    ingredient_name = f.String(required=True, source="name")
    image_path = f.AbsoluteUrl(required=True, allow_none=True, source="url")
    generation_status = f.String(
        required=True, source="status", metadata={"enum": ["ready", "generating", "failed"]}
    )


def _message(view: Any) -> str:
    job = view.job
    if job.status == "failed":
        return str(job.error or "Drawing the pictures failed")
    return "Pictures are ready" if job.status == "completed" else "Pictures are being drawn"


class ImagesJobStatusSchema(Schema):
    """Row 19: `images_data` is a list (the original answered its raw task result)."""

    task_id = f.String(required=True, source="job.id")
    status = f.String(required=True, source="job.status", metadata={"enum": JOB_STATUSES})
    progress_percentage = f.Integer(required=True, source="job.progress")
    current_step = f.String(required=True, source="job.step")
    created_at = f.Timestamp(required=True, source="job.created_at")
    completed_at = f.Timestamp(required=True, allow_none=True, source="job.completed_at")
    images_data = f.List(f.Nested(ImageDataSchema), required=True, source="pictures")
    message = f.String(required=True, source=_message)
