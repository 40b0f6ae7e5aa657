"""Image management (contract rows 6-8): upload for an item name, find images by name, assign
one to the caller's items of that name. One upload path: row 6 stores exactly as row 41 does.
"""

from __future__ import annotations

from flask import Blueprint

from zerowaste.application.images import ImageRecord
from zerowaste.domain.shared.errors import NotFound
from zerowaste.interface.http.images.routes import store_upload
from zerowaste.interface.http.images.schemas import (
    AssignedImageSchema,
    AssignImageSchema,
    ImageChoiceSchema,
    ItemNameSchema,
    ManagedUploadResultSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("image_management", __name__, url_prefix="/api/image_management")
ITEM_NAME_REQUEST, ASSIGN_REQUEST = ItemNameSchema(), AssignImageSchema()
UPLOADED, CHOICES = ManagedUploadResultSchema(), ImageChoiceSchema(many=True)
ASSIGNED = AssignedImageSchema()


@bp.post("/upload_image")
@auth_required()
def upload_image() -> Reply:
    """Row 6: upload a photo for an item name (multipart); `image.image_path` is what the client
    sends back as images_paths[] to recognise it.
    ---
    tags: [images]
    consumes: [multipart/form-data]
    parameters:
      - {in: formData, name: image, type: file, required: true, description: "JPEG/PNG/GIF/WEBP"}
      - {in: formData, name: item_name, type: string, required: true}
      - {in: formData, name: image_type, type: string, enum: [food, ingredient, default]}
      - {in: formData, name: category, type: string, description: "L2's name for image_type"}
    responses:
      201: {description: "stored", schema: {$ref: "#/definitions/ManagedUploadResult"}}
      400: {description: "no/bad image, bomb, bad type", schema: {$ref: "#/definitions/Error"}}
      413: {description: "over 10 MB", schema: {$ref: "#/definitions/Error"}}
      415: {description: "not multipart/form-data", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(UPLOADED, store_upload(), 201)


@bp.post("/search_similar_images")
@auth_required()
def search_similar_images() -> Reply:
    """Row 7: images named like `item_name` (the caller's uploads and shared pictures).
    ---
    tags: [images]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/ItemName"}}]
    responses:
      200:
        description: "best match first (may be empty)"
        schema: {type: array, items: {$ref: "#/definitions/ImageChoice"}}
      400: {description: "no item_name", schema: {$ref: "#/definitions/Error"}}
    """
    body = ITEM_NAME_REQUEST.load(json_body())
    return dump(CHOICES, services().images.similar(current_user_id(), body["item_name"]))


@bp.post("/assign_image")
@auth_required()
def assign_image() -> Reply:
    """Row 8: give the caller's items called `item_name` an image: `image_path` when sent (one
    of the caller's uploads or an http(s) URL), else the best similar image.
    ---
    tags: [images]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/AssignImage"}}
    responses:
      200: {description: "assigned", schema: {$ref: "#/definitions/AssignedImage"}}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no image given and none similar", schema: {$ref: "#/definitions/Error"}}
    """
    body = ASSIGN_REQUEST.load(json_body())
    uid, name = current_user_id(), body["item_name"]
    chosen = _chosen(uid, name, body["image_path"])
    updated = services().inventory.assign_image(uid, name, chosen.key or chosen.url)
    return dump(ASSIGNED, chosen, items_updated=updated)


def _chosen(uid: str, name: str, image_path: str | None) -> ImageRecord:
    images = services().images
    if image_path:
        key = images.stored_reference(uid, image_path)
        url = images.display_url(key)
        return ImageRecord(name, key if key != image_path else "", "default", url)
    found = images.similar(uid, name, limit=1)
    if not found:
        raise NotFound("No image to assign for this name", code="image_not_found")
    return found[0]
