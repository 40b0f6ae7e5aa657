"""Recipe import: the request, and the job as its owner polls it."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema

JOB_STATUSES = ["pending", "processing", "completed", "failed"]
ERROR_CODES = [
    "not_a_recipe",
    "robots_disallowed",
    "url_invalid",
    "url_private",
    "url_unresolvable",
    "fetch_timeout",
    "fetch_failed",
    "http_error",
    "upstream_busy",
    "too_large",
    "too_many_redirects",
    "not_html",
    "import_failed",
]


class RecipeImportRequestSchema(RequestSchema):
    url = fields.String(
        required=True,
        validate=validate.Length(min=1, max=2000),
        metadata={"example": "https://cooking.example/recipes/green-salad"},
    )


class RecipeImportJobSchema(Schema):
    """Poll `status_url` until completed (`recipe_uid` is the saved recipe) or failed."""

    job_id = f.String(required=True, source="job.id")
    status = f.String(required=True, source="job.status", metadata={"enum": JOB_STATUSES})
    progress = f.Integer(required=True, source="job.progress")
    step = f.String(required=True, source="job.step")
    url = f.String(required=True, source=lambda r: str(r.job.payload.get("url", "")))
    status_url = f.String(required=True, source=lambda r: f"/api/recipes/import/{r.job.id}")
    recipe_uid = f.String(required=True, allow_none=True)
    recipe_url = f.String(
        required=True,
        allow_none=True,
        source=lambda r: f"/api/recipes/{r.recipe_uid}" if r.recipe_uid else None,
    )
    error = f.String(required=True, allow_none=True, source="job.error")
    error_code = f.String(required=True, allow_none=True, metadata={"enum": ERROR_CODES})


DEFINITIONS = [
    ("RecipeImportRequest", RecipeImportRequestSchema),
    ("RecipeImportJob", RecipeImportJobSchema),
]
