"""Daily meal plans as the mobile client uses them (rows 52-57), on the planner's one store of
slots: save, update, read one day, list days, planned dates, delete a day."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from zerowaste.interface.http.meal_plans.day_schemas import (
    DayPlanFoundSchema,
    DayPlanPageSchema,
    DayPlanSavedSchema,
    PlanDatesSchema,
    PlanDeletedSchema,
)
from zerowaste.interface.http.meal_plans.meal_requests import (
    DayPlanRequestSchema,
    DayQuerySchema,
    DaysQuerySchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("planning", __name__, url_prefix="/api/planning")
PLAN_REQUEST, DAY_QUERY, DAYS_QUERY = DayPlanRequestSchema(), DayQuerySchema(), DaysQuerySchema()
SAVED, FOUND, PAGE = DayPlanSavedSchema(), DayPlanFoundSchema(), DayPlanPageSchema()
DATES, DELETED = PlanDatesSchema(), PlanDeletedSchema()


def _shown(schema: Any, found: Any, status: int = 200, **given: Any) -> Reply:
    return dump(schema, found, status, image_url=services().images.display_url, **given)


@bp.post("/save")
@auth_required()
def save() -> Reply:
    """Row 52: plan a day (meals as a map or as the original list; recipes or references).
    ---
    tags: [planning]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/DayPlanRequest"}}
    responses:
      201: {description: "planned", schema: {$ref: "#/definitions/DayPlanSaved"}}
      400: {description: "bad date, meal or recipe", schema: {$ref: "#/definitions/Error"}}
      404: {description: "a recipe it names is not readable", schema: {$ref: "#/definitions/Error"}}
      409: {description: "the date already has a plan", schema: {$ref: "#/definitions/Error"}}
    """
    day, meals = PLAN_REQUEST.load(json_body())
    plan = services().daily_plans.save(current_user_id(), day, meals)
    return _shown(SAVED, plan, 201, message="Meal plan saved")


@bp.put("/update")
@auth_required()
def update() -> Reply:
    """Row 53: replace a day's plan (meals it no longer names are cleared).
    ---
    tags: [planning]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/DayPlanRequest"}}
    responses:
      200: {description: "updated", schema: {$ref: "#/definitions/DayPlanSaved"}}
      400: {description: "bad date, meal or recipe", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no plan that day, or no recipe", schema: {$ref: "#/definitions/Error"}}
    """
    day, meals = PLAN_REQUEST.load(json_body())
    plan = services().daily_plans.update(current_user_id(), day, meals)
    return _shown(SAVED, plan, message="Meal plan updated")


@bp.get("/get")
@auth_required()
def get_day() -> Reply:
    """Row 54: the plan of one date.
    ---
    tags: [planning]
    parameters: [{in: query, name: date, type: string, format: date, required: true}]
    responses:
      200: {description: "the plan", schema: {$ref: "#/definitions/DayPlanFound"}}
      400: {description: "bad date", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no plan for the date", schema: {$ref: "#/definitions/Error"}}
    """
    day = DAY_QUERY.load(request.args.to_dict())
    return _shown(FOUND, services().daily_plans.get(current_user_id(), day))


@bp.get("/all")
@auth_required()
def all_days() -> Reply:
    """Row 55: planned days, oldest first (optionally from start_date to end_date), paged.
    ---
    tags: [planning]
    parameters:
      - {in: query, name: start_date, type: string, format: date}
      - {in: query, name: end_date, type: string, format: date}
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page of days", schema: {$ref: "#/definitions/DayPlanPage"}}
      400: {description: "bad range or page", schema: {$ref: "#/definitions/Error"}}
    """
    query = DAYS_QUERY.load(request.args.to_dict())
    page, per_page = query["page"], query["per_page"]
    found = services().daily_plans.page(
        current_user_id(), query["start_date"], query["end_date"], per_page, (page - 1) * per_page
    )
    return _shown(PAGE, found, page=page, per_page=per_page)


@bp.get("/dates")
@auth_required()
def dates() -> Reply:
    """Row 56: every planned date ("YYYY-MM-DD"), oldest first.
    ---
    tags: [planning]
    responses:
      200: {description: "dates", schema: {$ref: "#/definitions/PlanDates"}}
    """
    return dump(DATES, services().daily_plans.dates(current_user_id()))


@bp.delete("/delete/<day>")
@auth_required()
def delete_path(day: str) -> Reply:
    """Row 57: delete the plan of a date (L1/L2 send the date in the path).
    ---
    tags: [planning]
    parameters: [{in: path, name: day, type: string, format: date, required: true}]
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/PlanDeleted"}}
      400: {description: "bad date", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no plan for the date", schema: {$ref: "#/definitions/Error"}}
    """
    return _delete({"date": day})


@bp.delete("/delete")
@auth_required()
def delete_query() -> Reply:
    """Row 57: delete the plan of a date (the original's `?date=`).
    ---
    tags: [planning]
    parameters: [{in: query, name: date, type: string, format: date, required: true}]
    responses:
      200: {description: "deleted", schema: {$ref: "#/definitions/PlanDeleted"}}
      400: {description: "bad date", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no plan for the date", schema: {$ref: "#/definitions/Error"}}
    """
    return _delete(request.args.to_dict())


def _delete(args: dict[str, str]) -> Reply:
    day = DAY_QUERY.load(args)
    services().daily_plans.delete(current_user_id(), day)
    return dump(DELETED, day)
