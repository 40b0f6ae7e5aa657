"""Nutrition targets and tracking (issue #10 part 6): the caller's nutrition profile, daily
energy and macro targets (Mifflin-St Jeor), food log and caloric balance. Personal data: every
route reads and writes the caller's own rows, never the household's."""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.interface.http.intake.schemas import (
    BalanceSchema,
    FoodLogEntrySchema,
    FoodLogQuerySchema,
    FoodLogRequestSchema,
    FoodLogSchema,
    ProfileRequestSchema,
    ProfileSchema,
    RangeQuerySchema,
    TargetsSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.schemas import MessageSchema
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("intake", __name__, url_prefix="/api/nutrition")
PROFILE_IN, PROFILE, TARGETS = ProfileRequestSchema(), ProfileSchema(), TargetsSchema()
ENTRY_IN, ENTRY, LOG_QUERY, LOGGED = (
    FoodLogRequestSchema(),
    FoodLogEntrySchema(),
    FoodLogQuerySchema(),
    FoodLogSchema(),
)
RANGE, BALANCE, MESSAGE = RangeQuerySchema(), BalanceSchema(), MessageSchema()


@bp.get("/profile")
@auth_required()
def get_profile() -> Reply:
    """The caller's nutrition profile.
    ---
    tags: [nutrition]
    responses:
      200: {description: "profile", schema: {$ref: "#/definitions/NutritionProfile"}}
      404: {description: "no profile yet", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(PROFILE, services().nutrition_tracking.profile(current_user_id()))


@bp.put("/profile")
@auth_required()
def put_profile() -> Reply:
    """Replace the caller's nutrition profile (age or birth_date, body data, activity, goal).
    ---
    tags: [nutrition]
    parameters:
      - in: body
        name: body
        required: true
        schema: {$ref: "#/definitions/NutritionProfileUpdate"}
    responses:
      200: {description: "profile", schema: {$ref: "#/definitions/NutritionProfile"}}
      400: {description: "impossible or missing values", schema: {$ref: "#/definitions/Error"}}
    """
    given = PROFILE_IN.load(json_body())
    return dump(PROFILE, services().nutrition_tracking.save_profile(current_user_id(), given))


@bp.get("/targets")
@auth_required()
def targets() -> Reply:
    """Daily energy (Mifflin-St Jeor x activity, goal-adjusted) and macro grams.
    ---
    tags: [nutrition]
    responses:
      200: {description: "targets", schema: {$ref: "#/definitions/NutritionTargets"}}
      404: {description: "no profile yet", schema: {$ref: "#/definitions/Error"}}
      422: {description: "a minor's profile (adult formula)", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(TARGETS, services().nutrition_tracking.targets(current_user_id()))


@bp.post("/log")
@auth_required()
def log_food() -> Reply:
    """Log what the caller ate (manual entry; a cooked recipe may name its uid and servings).
    ---
    tags: [nutrition]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/FoodLogRequest"}}
    responses:
      201: {description: "logged", schema: {$ref: "#/definitions/FoodLogEntry"}}
      400: {description: "impossible values or date", schema: {$ref: "#/definitions/Error"}}
    """
    entry = ENTRY_IN.load(json_body())
    return dump(ENTRY, services().nutrition_tracking.record(current_user_id(), entry), 201)


@bp.get("/log")
@auth_required()
def food_log() -> Reply:
    """The caller's food log of one day (`date`, default today) or a range (<= 366 days).
    ---
    tags: [nutrition]
    parameters:
      - {in: query, name: date, type: string, format: date}
      - {in: query, name: start_date, type: string, format: date}
      - {in: query, name: end_date, type: string, format: date}
    responses:
      200: {description: "entries", schema: {$ref: "#/definitions/FoodLog"}}
      400: {description: "bad dates or range", schema: {$ref: "#/definitions/Error"}}
    """
    start, end = LOG_QUERY.load(request.args.to_dict())
    return dump(LOGGED, services().nutrition_tracking.entries(current_user_id(), start, end))


@bp.delete("/log/<id:entry_id>")
@auth_required()
def delete_entry(entry_id: int) -> Reply:
    """Delete one of the caller's food log entries.
    ---
    tags: [nutrition]
    parameters: [{in: path, name: entry_id, type: integer, required: true}]
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/Message"}}
      404: {description: "no such entry for this user", schema: {$ref: "#/definitions/Error"}}
    """
    services().nutrition_tracking.delete(current_user_id(), entry_id)
    return dump(MESSAGE, {"message": "Food log entry deleted"})


@bp.get("/balance")
@auth_required()
def balance() -> Reply:
    """Caloric balance (eaten - target) per day, per ISO week and in total (<= 366 days).
    ---
    tags: [nutrition]
    parameters:
      - {in: query, name: start_date, type: string, format: date, required: true}
      - {in: query, name: end_date, type: string, format: date, required: true}
    responses:
      200: {description: "balance", schema: {$ref: "#/definitions/CaloricBalance"}}
      400: {description: "bad dates or range", schema: {$ref: "#/definitions/Error"}}
    """
    query = RANGE.load(request.args.to_dict())
    found = services().nutrition_tracking.balance(
        current_user_id(), query["start_date"], query["end_date"]
    )
    return dump(BALANCE, found)
