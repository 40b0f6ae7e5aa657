"""Image uploads (contract row 41) and the signed file URLs of the local store.

`GET /api/files/<key>` needs no bearer token (image widgets cannot send one): the URL carries
an expiry and an HMAC signature instead; `&variant=thumb_256.webp` (or `thumb_512`, `thumb_1024`,
`full`, in `.webp`/`.avif`) serves a variant of that file under the same signature, cached as
immutable. With ZW_ACCEL_REDIRECT_PREFIX set (Nginx in front on the same files), the API checks
the signature and answers an empty body with `X-Accel-Redirect: <prefix><key>`: Nginx sends it.
Over-size uploads are 413 (the body cap gives werkzeug's 413 first; the service's own cap gives
`file_too_large`); a decompression bomb is 400 `image_too_large` (the request itself was
small); anything that is not a real JPEG, PNG, GIF or WEBP image is 400 `invalid_image`.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import UnsupportedMediaType
from werkzeug.wrappers import Response as WerkzeugResponse

from zerowaste.application.images import (
    MAX_UPLOAD_BYTES,
    StoredFile,
    StoredImage,
    UploadTooLarge,
)
from zerowaste.domain.images import content_type_of
from zerowaste.domain.imaging.variants import is_variant_name
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.interface.http.errors import error_response
from zerowaste.interface.http.images.schemas import UploadImageFormSchema, UploadImageResultSchema
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("uploads", __name__)
# Request schemas, built once: a schema's construction copies its fields.
UPLOAD_IMAGE_FORM_REQUEST = UploadImageFormSchema()

UPLOADED = UploadImageResultSchema()
FILE_FIELDS = ("image", "file")
FILE_CACHE_SECONDS = 86400  # stored files never change (uuid keys)
_PRIVATE = f"private, max-age={FILE_CACHE_SECONDS}"
IMMUTABLE = "public, max-age=31536000, immutable"  # variants: a key per rendering, never rewritten


@bp.errorhandler(UploadTooLarge)
def too_large(e: UploadTooLarge) -> Response:
    return error_response(413, e.message, e.code)


@bp.post("/api/inventory/upload_image")
@auth_required()
def upload_image() -> Reply:
    """Upload a photo (multipart); answers the URL to send back as image_path / images_paths[].
    ---
    tags: [images]
    consumes: [multipart/form-data]
    parameters:
      - {in: formData, name: image, type: file, required: true, description: "JPEG/PNG/GIF/WEBP"}
      - {in: formData, name: item_name, type: string, required: true}
      - {in: formData, name: image_type, type: string, enum: [food, ingredient, default]}
      - {in: formData, name: category, type: string, description: "L2's name for image_type"}
    responses:
      201: {description: "stored", schema: {$ref: "#/definitions/UploadImageResult"}}
      400: {description: "no/bad image, bomb, bad type", schema: {$ref: "#/definitions/Error"}}
      413: {description: "over 10 MB", schema: {$ref: "#/definitions/Error"}}
      415: {description: "not multipart/form-data", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(UPLOADED, store_upload(), 201)


@bp.get("/api/files/<path:key>")
def get_file(key: str) -> WerkzeugResponse:
    """A stored image by its signed URL (no bearer token; the signature is the credential).
    ---
    tags: [images]
    security: []
    produces: [image/jpeg, image/png, image/webp, application/json]
    parameters:
      - {in: path, name: key, type: string, required: true}
      - {in: query, name: expires, type: integer, required: true}
      - {in: query, name: signature, type: string, required: true}
      - {in: query, name: variant, type: string, description: "thumb_256.webp, full.avif ..."}
    responses:
      200: {description: "the image bytes (empty with X-Accel-Redirect behind Nginx)"}
      304: {description: "not modified (If-None-Match: the file's ETag)"}
      403: {description: "bad or expired signature", schema: {$ref: "#/definitions/Error"}}
      400: {description: "unknown variant", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such file or variant yet", schema: {$ref: "#/definitions/Error"}}
    """
    args = request.args
    expires, signature, variant = args.get("expires"), args.get("signature"), args.get("variant")
    accel = current_app.extensions["zerowaste.settings"].accel_redirect_prefix
    if accel is not None:
        found = services().image_variants.signed_key(key, expires, signature, variant)
        return _accel_response(accel, found, variant is not None)
    if variant is not None:
        return _file_response(services().image_variants.open(key, expires, signature, variant))
    return _file_response(services().images.open_signed(key, expires, signature))


def store_upload() -> StoredImage:
    """The multipart upload of this request, checked and stored (rows 6 and 41 alike)."""
    data, filename = uploaded_file()
    form = UPLOAD_IMAGE_FORM_REQUEST.load(request.form.to_dict())
    return services().images.upload(
        current_user_id(),
        data,
        filename,
        form["image_type"] or form["category"],
        form["item_name"],
        upload_type=form["upload_type"],
    )


def uploaded_file() -> tuple[bytes, str | None]:
    if request.mimetype != "multipart/form-data":
        raise UnsupportedMediaType("Content-Type must be multipart/form-data")
    upload = next((request.files[f] for f in FILE_FIELDS if f in request.files), None)
    if upload is None:
        raise InvalidInput("The image file is required (form field `image`)", code="image_required")
    return upload.stream.read(MAX_UPLOAD_BYTES + 1), upload.filename


def _accel_response(prefix: str, key: str, variant: bool) -> WerkzeugResponse:
    """Nginx sends the file (its internal location over var/files); it keeps these headers."""
    response = Response(b"", mimetype=content_type_of(key))
    response.headers["X-Accel-Redirect"] = prefix + quote(key)
    response.headers["Cache-Control"] = IMMUTABLE if variant else _PRIVATE
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _file_response(stored: StoredFile) -> WerkzeugResponse:
    response = Response(stored.data, mimetype=stored.content_type)
    name = stored.key.rsplit("/", 1)[-1]
    response.headers["Cache-Control"] = IMMUTABLE if _is_variant(stored.key) else _PRIVATE
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.set_etag(stored.key if _is_variant(stored.key) else name)
    return response.make_conditional(request)


def _is_variant(key: str) -> bool:
    return is_variant_name(key.rsplit("/", 1)[-1])
