"""Plan generation (issue #10 §3): fill N days x meal types with recipes that use what expires
first (the local optimiser, an integer program; see domain.planning.optimiser), written into the
household's plan; row 58's client shape, the planner's, and the generated plans' history.

A restrictive plan (calorie target > 20 % under the estimated need or < 1,200 kcal, or a medical
diet) needs a valid safety screening that allows it: else 403 with the reason. Every generation,
allowed or refused, is in the audit log (`GET /api/nutrition/audit-log`)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from zerowaste.domain.planning.plan import PlanRequest
from zerowaste.interface.http.plan_generation.schemas import (
    ClientPlanSchema,
    GeneratePlanSchema,
    HistoryQuerySchema,
    PlanAdviceSchema,
    PlanGeneratedSchema,
    PlanHistorySchema,
)
from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("plan_generation", __name__, url_prefix="/api/meal-plans")
client_bp = Blueprint("client_plan_generation", __name__, url_prefix="/api/plan")
GENERATE, CLIENT, HISTORY_QUERY = GeneratePlanSchema(), ClientPlanSchema(), HistoryQuerySchema()
GENERATED, HISTORY, ADVICE = PlanGeneratedSchema(), PlanHistorySchema(), PlanAdviceSchema()


def _generated(body: dict[str, Any], diets: list[str], foods: list[str]) -> Reply:
    split = body["macro_split"]
    plan = PlanRequest(
        start=body["start_date"] or services().clock.today(),
        days=body["days"],
        meal_types=tuple(body["meal_types"]),
        servings=body["servings"],
        calories_per_day=body["calories_per_day"],
        macro_split=dict(split) if split else None,
    )
    found = services().plan_generation.generate_recorded(current_user_id(), plan, diets, foods)
    return dump(GENERATED, found, 201)


@bp.post("/generate")
@auth_required()
def generate() -> Reply:
    """Generate a plan from the catalog and the household's recipes, using what expires first.
    ---
    tags: [meal-plans]
    parameters:
      - {in: body, name: body, required: false, schema: {$ref: "#/definitions/GeneratePlan"}}
    responses:
      201:
        description: "generated and written"
        schema: {$ref: "#/definitions/PlanGenerated"}
      400:
        description: "bad days, meals, calories, split or dates"
        schema: {$ref: "#/definitions/Error"}
      403:
        description: "a restrictive plan without a screening that allows it"
        schema: {$ref: "#/definitions/Error"}
      404:
        description: "no recipe fits the meals asked for"
        schema: {$ref: "#/definitions/Error"}
    """
    return _generated(GENERATE.load(json_body()), [], [])


@client_bp.post("/generate")
@auth_required()
def generate_client() -> Reply:
    """Row 58: as `/api/meal-plans/generate`, with the client's ingredients used up first and
    its dietary restrictions.
    ---
    tags: [meal-plans]
    parameters:
      - {in: body, name: body, required: false, schema: {$ref: "#/definitions/ClientPlan"}}
    responses:
      201:
        description: "generated and written"
        schema: {$ref: "#/definitions/PlanGenerated"}
      400: {description: "bad body", schema: {$ref: "#/definitions/Error"}}
      403:
        description: "a restrictive plan without a screening that allows it"
        schema: {$ref: "#/definitions/Error"}
      404:
        description: "no recipe fits the meals asked for"
        schema: {$ref: "#/definitions/Error"}
    """
    body = CLIENT.load(json_body())
    return _generated(body, body["dietary_restrictions"], body["ingredients"])


@client_bp.get("/history")
@auth_required()
def history() -> Reply:
    """Row 58: the household's generated plans, newest first.
    ---
    tags: [meal-plans]
    parameters:
      - {in: query, name: page, type: integer, minimum: 1, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 100, default: 20}
    responses:
      200: {description: "a page", schema: {$ref: "#/definitions/PlanHistory"}}
      400: {description: "bad page", schema: {$ref: "#/definitions/Error"}}
    """
    query = HISTORY_QUERY.load(request.args.to_dict())
    size = query["per_page"]
    found = services().plan_history.listed(current_user_id(), size, (query["page"] - 1) * size)
    return dump(HISTORY, found, page=query["page"], per_page=size)


@bp.get("/<id:plan_id>/suggestions")
@auth_required()
def suggestions(plan_id: int) -> Reply:
    """Which meal to change on each day of a planned week that misses the caller's daily energy
    target (+/- 10 %), and with which recipe.
    ---
    tags: [meal-plans]
    parameters: [{in: path, name: plan_id, type: integer, required: true}]
    responses:
      200: {description: "suggestions", schema: {$ref: "#/definitions/PlanAdvice"}}
      404:
        description: "no such plan in the household, or no nutrition profile"
        schema: {$ref: "#/definitions/Error"}
      422: {description: "targets are for adults only", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(ADVICE, services().plan_suggestions.for_plan(current_user_id(), plan_id))
