"""The caller's profile: read, edit (PUT and PATCH merge), delete the account."""

from __future__ import annotations

from flask import Blueprint

from zerowaste.interface.http.accounts.profile_schemas import (
    ProfileSchema,
    ProfileUpdateResultSchema,
    ProfileUpdateSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.schemas import MessageSchema
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("profile", __name__, url_prefix="/api/user")
# Request schemas, built once: a schema's construction copies its fields.
PROFILE_UPDATE_REQUEST = ProfileUpdateSchema()

# Built once: dump() keeps no state between calls.
PROFILE, UPDATED, MESSAGE = ProfileSchema(), ProfileUpdateResultSchema(), MessageSchema()


@bp.get("/profile")
@auth_required()
def get_profile() -> Reply:
    """The caller's whole profile map.
    ---
    tags: [profile]
    responses:
      200: {description: "profile", schema: {$ref: "#/definitions/Profile"}}
      404: {description: "the account is gone", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(PROFILE, services().profiles.get(current_user_id()))


@bp.route("/profile", methods=["PUT", "PATCH"])
@auth_required()
def update_profile() -> Reply:
    """Update some profile fields; absent fields keep their values.
    ---
    tags: [profile]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/ProfileUpdate"}}
    responses:
      200: {description: "updated profile", schema: {$ref: "#/definitions/ProfileUpdateResult"}}
      400: {description: "invalid fields or empty body", schema: {$ref: "#/definitions/Error"}}
      404: {description: "the account is gone", schema: {$ref: "#/definitions/Error"}}
    """
    changes = PROFILE_UPDATE_REQUEST.load(json_body())
    return dump(UPDATED, services().profiles.update(current_user_id(), changes))


@bp.delete("/profile")
@auth_required()
def delete_profile() -> Reply:
    """Delete the account and all its data; its tokens stop working.
    ---
    tags: [profile]
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/Message"}}
      404: {description: "the account is gone", schema: {$ref: "#/definitions/Error"}}
    """
    services().profiles.delete_account(current_user_id())
    return dump(MESSAGE, {"message": "Account deleted"})
