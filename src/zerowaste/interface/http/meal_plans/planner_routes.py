"""The week and month planner (issue #10 §2): named weeks with ISO ids, months, templates and
notes per slot, on the same slots as the daily plans of `/api/planning`."""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask.blueprints import BlueprintSetupState
from werkzeug.routing import BaseConverter

from zerowaste.domain.meal_plans.calendar import parse_month, parse_week
from zerowaste.interface.http.meal_plans.planner_requests import (
    ApplyTemplateSchema,
    PlanChangesSchema,
    SlotChangesSchema,
    TemplateRequestSchema,
    WeeklyPlanSchema,
)
from zerowaste.interface.http.meal_plans.planner_schemas import (
    MonthPlanSchema,
    SlotChangedSchema,
    TemplateSchema,
    TemplatesSchema,
    WeekPlanSchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("meal_plans", __name__, url_prefix="/api/meal-plans")


class WeekIdConverter(BaseConverter):
    """`/<week:week>` matches week-shaped ids only, so `/api/meal-plans/<anything else>` is
    left to the other routes (a PUT to a non-numeric plan id is a 404, not a 405)."""

    regex = r"\d{4}-?[Ww]\d{1,2}"


def _add_converter(state: BlueprintSetupState) -> None:
    state.app.url_map.converters.setdefault("week", WeekIdConverter)


bp.record_once(_add_converter)  # before the routes below are added to the map
WEEKLY, CHANGES, TEMPLATE_REQUEST = WeeklyPlanSchema(), PlanChangesSchema(), TemplateRequestSchema()
APPLY, SLOT_CHANGES = ApplyTemplateSchema(), SlotChangesSchema()
WEEK, MONTH, TEMPLATE, TEMPLATES = (
    WeekPlanSchema(),
    MonthPlanSchema(),
    TemplateSchema(),
    TemplatesSchema(),
)
SLOT = SlotChangedSchema()


def _shown(schema: Any, found: Any, status: int = 200) -> Reply:
    return dump(schema, found, status, image_url=services().images.display_url)


@bp.post("/weekly")
@auth_required()
def create_week() -> Reply:
    """Name a week (ISO id) and plan its slots.
    ---
    tags: [meal-plans]
    parameters:
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/WeeklyPlan"}}
    responses:
      201: {description: "the week", schema: {$ref: "#/definitions/WeekPlan"}}
      400: {description: "bad week, date, meal or servings", schema: {$ref: "#/definitions/Error"}}
      404: {description: "a recipe it names is not readable", schema: {$ref: "#/definitions/Error"}}
      409: {description: "the week already has a plan", schema: {$ref: "#/definitions/Error"}}
    """
    body = WEEKLY.load(json_body())
    found = services().meal_planner.create_week(
        current_user_id(), body["week"], body["name"], body["notes"], body["slots"]
    )
    return _shown(WEEK, found, 201)


@bp.get("/<week:week>")
@bp.get("/weeks/<week>")
@auth_required()
def week(week: str) -> Reply:
    """A week of the household's plan: 7 days x meal types, with recipe summaries.
    ---
    tags: [meal-plans]
    parameters: [{in: path, name: week, type: string, required: true, description: "2026-W49"}]
    responses:
      200: {description: "the week", schema: {$ref: "#/definitions/WeekPlan"}}
      400: {description: "not an ISO week id", schema: {$ref: "#/definitions/Error"}}
      404: {description: "neither a week nor a plan id", schema: {$ref: "#/definitions/Error"}}
    """
    return _shown(WEEK, services().meal_planner.week(current_user_id(), parse_week(week)))


@bp.get("/months/<month>")
@auth_required()
def month(month: str) -> Reply:
    """A month of the household's plan (every day x meal types) and its named weeks.
    ---
    tags: [meal-plans]
    parameters: [{in: path, name: month, type: string, required: true, description: "2026-12"}]
    responses:
      200: {description: "the month", schema: {$ref: "#/definitions/MonthPlan"}}
      400: {description: "not a YYYY-MM month", schema: {$ref: "#/definitions/Error"}}
    """
    start, end = parse_month(month)
    return _shown(MONTH, services().meal_planner.month(current_user_id(), month, start, end))


@bp.get("/<id:plan_id>")
@auth_required()
def plan(plan_id: int) -> Reply:
    """The week a plan names, by the plan's id.
    ---
    tags: [meal-plans]
    parameters: [{in: path, name: plan_id, type: integer, required: true}]
    responses:
      200: {description: "the week", schema: {$ref: "#/definitions/WeekPlan"}}
      404: {description: "no such plan", schema: {$ref: "#/definitions/Error"}}
    """
    return _shown(WEEK, services().meal_planner.plan(current_user_id(), plan_id))


@bp.put("/<id:plan_id>")
@auth_required()
def update(plan_id: int) -> Reply:
    """Rename a week's plan, change its notes, or replace every slot of its week.
    ---
    tags: [meal-plans]
    parameters:
      - {in: path, name: plan_id, type: integer, required: true}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/PlanChanges"}}
    responses:
      200: {description: "the week", schema: {$ref: "#/definitions/WeekPlan"}}
      400: {description: "bad name, date, meal or servings", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such plan, or recipe", schema: {$ref: "#/definitions/Error"}}
    """
    changes = CHANGES.load(json_body())
    return _shown(WEEK, services().meal_planner.update(current_user_id(), plan_id, changes))


@bp.post("/<id:plan_id>/template")
@auth_required()
def save_template(plan_id: int) -> Reply:
    """Keep a week's slots as a template (by weekday).
    ---
    tags: [meal-plans]
    parameters:
      - {in: path, name: plan_id, type: integer, required: true}
      - {in: body, name: body, required: false, schema: {$ref: "#/definitions/TemplateRequest"}}
    responses:
      201: {description: "the template", schema: {$ref: "#/definitions/Template"}}
      400: {description: "bad name", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such plan", schema: {$ref: "#/definitions/Error"}}
      422: {description: "the week has no slots", schema: {$ref: "#/definitions/Error"}}
    """
    name = TEMPLATE_REQUEST.load(json_body())["name"]
    found = services().meal_planner.save_template(current_user_id(), plan_id, name)
    return _shown(TEMPLATE, found, 201)


@bp.get("/templates")
@auth_required()
def templates() -> Reply:
    """The household's templates, newest first.
    ---
    tags: [meal-plans]
    responses:
      200: {description: "templates", schema: {$ref: "#/definitions/Templates"}}
    """
    return _shown(TEMPLATES, services().meal_planner.templates(current_user_id()))


@bp.post("/templates/<id:template_id>/apply")
@auth_required()
def apply_template(template_id: int) -> Reply:
    """Write a template's slots on the same weekdays of another week.
    ---
    tags: [meal-plans]
    parameters:
      - {in: path, name: template_id, type: integer, required: true}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/ApplyTemplate"}}
    responses:
      200: {description: "the week", schema: {$ref: "#/definitions/WeekPlan"}}
      400: {description: "bad week", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such template", schema: {$ref: "#/definitions/Error"}}
    """
    week = APPLY.load(json_body())
    found = services().meal_planner.apply(current_user_id(), template_id, week)
    return _shown(WEEK, found)


@bp.patch("/slots/<id:slot_id>")
@auth_required()
def change_slot(slot_id: int) -> Reply:
    """A slot's notes and servings.
    ---
    tags: [meal-plans]
    parameters:
      - {in: path, name: slot_id, type: integer, required: true}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/SlotChanges"}}
    responses:
      200: {description: "the slot", schema: {$ref: "#/definitions/SlotChanged"}}
      400: {description: "bad notes or servings", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such slot", schema: {$ref: "#/definitions/Error"}}
    """
    body = SLOT_CHANGES.load(json_body())
    found = services().meal_planner.change_slot(
        current_user_id(), slot_id, body["notes"], body["servings"]
    )
    return _shown(SLOT, found)
