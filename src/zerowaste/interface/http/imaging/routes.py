"""The image service (issue #13): `/api/images/{optimize,convert,resize,batch-optimize,info}`.

A transform takes one of the caller's uploads (JSON `{"key": ...}`: its storage key or signed
URL; another user's is 404) or a file (multipart part `file` or `image`, the options as form
fields). Optimize and convert answer the image bytes with their Content-Type; resize stores
every size and answers JSON with a signed URL per size (what `srcset` and image widgets take);
batch-optimize answers 202 with a job to poll. Hostile files are 400 (`invalid_image`,
`image_too_large`), over 10 MB 413, a format this build cannot write 400 `format_unavailable`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request
from marshmallow import Schema

from zerowaste.application.images import MAX_UPLOAD_BYTES, UploadTooLarge
from zerowaste.application.imaging.transforms import ImageSource
from zerowaste.domain.imaging.rules import Rendition
from zerowaste.interface.http.errors import error_response
from zerowaste.interface.http.imaging import schemas as s
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

# Writes (one rate-limit budget per user: RATELIMIT_IMAGES) and reads, apart: the limiter only
# counts writes, and a limited group holds no reads (tests/integration/test_rate_limits.py).
bp = Blueprint("image_transforms", __name__, url_prefix="/api/images")
reads_bp = Blueprint("image_reads", __name__, url_prefix="/api/images")
OPTIMIZE, CONVERT, RESIZE = s.OptimizeSchema(), s.ConvertSchema(), s.ResizeSchema()
BATCH, INFO_QUERY = s.BatchOptimizeSchema(), s.InfoQuerySchema()
RESIZED, INFO, JOB = s.ResizedImagesSchema(), s.ImageInfoSchema(), s.ImageBatchJobSchema()
FORMATS = s.ImageFormatsSchema()
FILE_FIELDS = ("file", "image")


@bp.errorhandler(UploadTooLarge)
def too_large(e: UploadTooLarge) -> Response:
    return error_response(413, e.message, e.code)


def _request(schema: Schema) -> tuple[ImageSource, dict[str, Any]]:
    """The source and options of a JSON or multipart transform request."""
    if request.mimetype != "multipart/form-data":
        body = schema.load(json_body())
        return ImageSource(key=body["key"]), body
    form: dict[str, Any] = request.form.to_dict()
    if "sizes" in form:
        form["sizes"] = [p.strip() for v in request.form.getlist("sizes") for p in v.split(",")]
    body = schema.load(form)
    upload = next((request.files[name] for name in FILE_FIELDS if name in request.files), None)
    data = upload.stream.read(MAX_UPLOAD_BYTES + 1) if upload is not None else None
    return ImageSource(key=body["key"], data=data), body


def _image(rendition: Rendition) -> Response:
    response = Response(rendition.data, 200, mimetype=rendition.spec.content_type)
    response.headers["Content-Disposition"] = f'inline; filename="{rendition.spec.name}"'
    response.headers["X-Image-Width"] = str(rendition.width)
    response.headers["X-Image-Height"] = str(rendition.height)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.post("/optimize")
@auth_required()
def optimize() -> Response:
    """Optimise an image: upright, metadata stripped, fitted in max_side, re-encoded.
    ---
    tags: [images]
    consumes: [application/json, multipart/form-data]
    produces: [image/jpeg, image/png, image/webp, image/avif, application/json]
    parameters:
      - {in: body, name: body, schema: {$ref: "#/definitions/ImageOptimize"}}
    responses:
      200: {description: "the image bytes (X-Image-Width, X-Image-Height)"}
      400: {description: "no/bad image, bomb, bad option", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such upload of the caller", schema: {$ref: "#/definitions/Error"}}
      413: {description: "over 10 MB", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over RATELIMIT_IMAGES", schema: {$ref: "#/definitions/Error"}}
    """
    source, o = _request(OPTIMIZE)
    uid = current_user_id()
    return _image(
        services().imaging.optimize(uid, source, o["format"], o["quality"], o["max_side"])
    )


@bp.post("/convert")
@auth_required()
def convert() -> Response:
    """Convert an image to WebP, AVIF, JPEG or PNG (its own size, metadata stripped).
    ---
    tags: [images]
    consumes: [application/json, multipart/form-data]
    produces: [image/webp, image/avif, image/jpeg, image/png, application/json]
    parameters: [{in: body, name: body, schema: {$ref: "#/definitions/ImageConvert"}}]
    responses:
      200: {description: "the converted image"}
      400: {description: "bad image/format", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such upload of the caller", schema: {$ref: "#/definitions/Error"}}
      413: {description: "over 10 MB", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over RATELIMIT_IMAGES", schema: {$ref: "#/definitions/Error"}}
    """
    source, o = _request(CONVERT)
    return _image(services().imaging.convert(current_user_id(), source, o["format"], o["quality"]))


@bp.post("/resize")
@auth_required()
def resize() -> Reply:
    """Several sizes at once, stored; a signed URL per size (largest first).
    ---
    tags: [images]
    consumes: [application/json, multipart/form-data]
    parameters: [{in: body, name: body, schema: {$ref: "#/definitions/ImageResize"}}]
    responses:
      201: {description: "stored sizes", schema: {$ref: "#/definitions/ResizedImages"}}
      400: {description: "bad image, size or format", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such upload of the caller", schema: {$ref: "#/definitions/Error"}}
      413: {description: "over 10 MB", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over RATELIMIT_IMAGES", schema: {$ref: "#/definitions/Error"}}
    """
    source, o = _request(RESIZE)
    uid = current_user_id()
    return dump(
        RESIZED, services().imaging.resize(uid, source, o["sizes"], o["format"], o["quality"]), 201
    )


@bp.post("/batch-optimize")
@auth_required()
def batch_optimize() -> Reply:
    """Optimise up to 20 of the caller's uploads in a job (202; poll status_url).
    ---
    tags: [images]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/ImageBatchOptimize"}}
    responses:
      202: {description: "the job", schema: {$ref: "#/definitions/ImageBatchJob"}}
      400: {description: "bad keys or options", schema: {$ref: "#/definitions/Error"}}
      404: {description: "a key is not the caller's upload", schema: {$ref: "#/definitions/Error"}}
      429: {description: "over RATELIMIT_IMAGES", schema: {$ref: "#/definitions/Error"}}
    """
    o = BATCH.load(json_body())
    uid = current_user_id()
    found = services().image_batches.start(uid, o["keys"], o["format"], o["quality"], o["max_side"])
    body, status = dump(JOB, found, 202)
    return body, status, {"Location": body["status_url"]}  # type: ignore[return-value]


@reads_bp.get("/jobs/<job_id>")
@auth_required()
def job_status(job_id: str) -> Reply:
    """A batch-optimize job of the caller: status, progress, and per image the result.
    ---
    tags: [images]
    parameters: [{in: path, name: job_id, type: string, required: true}]
    responses:
      200: {description: "the job", schema: {$ref: "#/definitions/ImageBatchJob"}}
      404: {description: "no such image job of the caller", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(JOB, services().image_batches.status(current_user_id(), job_id))


@reads_bp.get("/info")
@auth_required()
def info() -> Reply:
    """Dimensions, format, size, EXIF present and stored variants of one of the caller's uploads.
    ---
    tags: [images]
    parameters: [{in: query, name: key, type: string, required: true}]
    responses:
      200: {description: "the facts", schema: {$ref: "#/definitions/ImageInfo"}}
      400: {description: "no key", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such upload of the caller", schema: {$ref: "#/definitions/Error"}}
    """
    query = INFO_QUERY.load(request.args.to_dict())
    return dump(INFO, services().imaging.info(current_user_id(), query["key"]))


@reads_bp.get("/formats")
@auth_required()
def formats() -> Reply:
    """The output formats this server writes (AVIF only when Pillow has libavif).
    ---
    tags: [images]
    responses:
      200: {description: "formats", schema: {$ref: "#/definitions/ImageFormats"}}
    """
    return dump(FORMATS, services().imaging.formats())
