"""Reference images (contract row 10, the admin UI): upload, list, read, relabel, delete.
Admins only, each call audit-logged like every admin route."""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.application.admin.reference_images import ReferenceFilter
from zerowaste.interface.http.admin.access import admin_required
from zerowaste.interface.http.admin.reference_schemas import (
    ReferenceDeletedSchema,
    ReferenceImageSchema,
    ReferencePageSchema,
    ReferenceQuerySchema,
    ReferenceUpdateSchema,
    ReferenceUploadFormSchema,
)
from zerowaste.interface.http.images.routes import uploaded_file
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import current_user_id, services

bp = Blueprint("reference_images", __name__, url_prefix="/api/reference-images")
FORM, QUERY, UPDATE = ReferenceUploadFormSchema(), ReferenceQuerySchema(), ReferenceUpdateSchema()
IMAGE, PAGE, DELETED = ReferenceImageSchema(), ReferencePageSchema(), ReferenceDeletedSchema()


@bp.post("")
@admin_required("reference_images.add")
def add() -> Reply:
    """Upload a reference image (multipart `file`, `label`, `category`, `image_type`).
    ---
    tags: [admin]
    consumes: [multipart/form-data]
    parameters:
      - {in: formData, name: file, type: file, required: true}
      - {in: formData, name: label, type: string, required: true, maxLength: 200}
      - {in: formData, name: category, type: string, maxLength: 40}
      - {in: formData, name: image_type, type: string, enum: [food, ingredient, default]}
    responses:
      201: {description: "stored", schema: {$ref: "#/definitions/ReferenceImage"}}
      400: {description: "bad input or not an image", schema: {$ref: "#/definitions/Error"}}
      403: {description: "not an admin", schema: {$ref: "#/definitions/Error"}}
      413: {description: "file too large", schema: {$ref: "#/definitions/Error"}}
      415: {description: "not multipart", schema: {$ref: "#/definitions/Error"}}
    """
    data, _filename = uploaded_file()
    form = FORM.load(request.form.to_dict())
    found = services().reference_images.add(
        current_user_id(), data, form["label"], form["category"], form["image_type"]
    )
    return dump(IMAGE, found, 201)


@bp.get("")
@admin_required("reference_images.list")
def listed() -> Reply:
    """Reference images, newest first, filtered by category, label (part of) and image type.
    ---
    tags: [admin]
    parameters:
      - {in: query, name: page, type: integer, minimum: 1, maximum: 100000, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
      - {in: query, name: limit, type: integer, minimum: 1, maximum: 100, description: per_page}
      - {in: query, name: category, type: string, maxLength: 40}
      - {in: query, name: label, type: string, maxLength: 200}
      - {in: query, name: image_type, type: string, enum: [food, ingredient, default]}
    responses:
      200: {description: "a page", schema: {$ref: "#/definitions/ReferencePage"}}
      400: {description: "bad query", schema: {$ref: "#/definitions/Error"}}
      403: {description: "not an admin", schema: {$ref: "#/definitions/Error"}}
    """
    q = QUERY.load(request.args.to_dict())
    where = ReferenceFilter(q["category"], q["label"], q["image_type"])
    per_page = q["per_page"] or q["limit"] or 20
    return dump(PAGE, services().reference_images.page(where, q["page"], per_page))


@bp.get("/<image_id>")
@admin_required("reference_images.get")
def get(image_id: str) -> Reply:
    """One reference image.
    ---
    tags: [admin]
    parameters: [{in: path, name: image_id, type: string, required: true}]
    responses:
      200: {description: "the image", schema: {$ref: "#/definitions/ReferenceImage"}}
      403: {description: "not an admin", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such image", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(IMAGE, services().reference_images.get(image_id))


@bp.put("/<image_id>")
@admin_required("reference_images.update")
def update(image_id: str) -> Reply:
    """Relabel a reference image (`label`, `category`; the file stays).
    ---
    tags: [admin]
    parameters:
      - {in: path, name: image_id, type: string, required: true}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/ReferenceUpdate"}}
    responses:
      200: {description: "relabelled", schema: {$ref: "#/definitions/ReferenceImage"}}
      400: {description: "bad input", schema: {$ref: "#/definitions/Error"}}
      403: {description: "not an admin", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such image", schema: {$ref: "#/definitions/Error"}}
    """
    body = UPDATE.load(json_body())
    found = services().reference_images.relabel(image_id, body["label"], body["category"])
    return dump(IMAGE, found)


@bp.delete("/<image_id>")
@admin_required("reference_images.delete")
def delete(image_id: str) -> Reply:
    """Delete a reference image and its file.
    ---
    tags: [admin]
    parameters: [{in: path, name: image_id, type: string, required: true}]
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/ReferenceDeleted"}}
      403: {description: "not an admin", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such image", schema: {$ref: "#/definitions/Error"}}
    """
    services().reference_images.delete(image_id)
    return dump(DELETED, {"id": image_id})
