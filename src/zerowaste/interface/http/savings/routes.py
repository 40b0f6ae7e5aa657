"""Environmental savings (rows 59-65): per recipe, computed from the footprint table and
PROFECO prices, stored once per user and recipe; lists, summary, trends, top and a community
comparison that shows nobody's data."""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.interface.http.requests import json_body
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.savings.schemas import (
    CommunityQuerySchema,
    CommunitySchema,
    FromTitleSchema,
    MarkCookedSchema,
    SavingsListSchema,
    SavingsSchema,
    StatusQuerySchema,
    SummaryQuerySchema,
    SummarySchema,
    TopQuerySchema,
    TopSchema,
    TrendsQuerySchema,
    TrendsSchema,
)
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("savings", __name__, url_prefix="/api/environmental_savings")
FROM_TITLE, MARK = FromTitleSchema(), MarkCookedSchema()
SUMMARY_QUERY, STATUS_QUERY, TRENDS_QUERY = (
    SummaryQuerySchema(),
    StatusQuerySchema(),
    TrendsQuerySchema(),
)
TOP_QUERY, COMMUNITY_QUERY = TopQuerySchema(), CommunityQuerySchema()
ONE, LISTED, SUMMARY = SavingsSchema(), SavingsListSchema(), SummarySchema()
TRENDS, TOP, COMMUNITY = TrendsSchema(), TopSchema(), CommunitySchema()


@bp.post("/calculate/from-title")
@auth_required()
def from_title() -> Reply:
    """Row 59: the savings of the caller's saved (else generated) recipe with this title.
    ---
    tags: [savings]
    parameters: [{in: body, name: body, required: true, schema: {$ref: "#/definitions/FromTitle"}}]
    responses:
      200: {description: "savings", schema: {$ref: "#/definitions/Savings"}}
      400: {description: "no title", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such recipe", schema: {$ref: "#/definitions/Error"}}
    """
    title = FROM_TITLE.load(json_body())["title"]
    return dump(ONE, services().savings.for_title(current_user_id(), title))


@bp.post("/calculate/from-uid/<recipe_uid>")
@auth_required()
def from_uid(recipe_uid: str) -> Reply:
    """Row 60: the savings of a recipe the caller may read (catalog included).
    ---
    tags: [savings]
    parameters: [{in: path, name: recipe_uid, type: string, required: true}]
    responses:
      200: {description: "savings", schema: {$ref: "#/definitions/Savings"}}
      404: {description: "no such recipe for this user", schema: {$ref: "#/definitions/Error"}}
    """
    return dump(ONE, services().savings.for_uid(current_user_id(), recipe_uid))


@bp.get("/calculations")
@auth_required()
def calculations() -> Reply:
    """Row 61: every calculation of the caller, newest first.
    ---
    tags: [savings]
    responses:
      200: {description: "calculations", schema: {$ref: "#/definitions/SavingsList"}}
    """
    return dump(LISTED, services().savings.listed(current_user_id()))


@bp.get("/calculations/status")
@auth_required()
def calculations_by_status() -> Reply:
    """Row 62: the calculations marked cooked (or not).
    ---
    tags: [savings]
    parameters:
      - {in: query, name: is_cooked, type: string, enum: ["true", "false"], required: true}
    responses:
      200: {description: "calculations", schema: {$ref: "#/definitions/SavingsList"}}
      400: {description: "is_cooked is not true or false", schema: {$ref: "#/definitions/Error"}}
    """
    cooked = STATUS_QUERY.load(request.args.to_dict())["is_cooked"] == "true"
    return dump(LISTED, services().savings.listed(current_user_id(), cooked))


@bp.patch("/calculations/<recipe_uid>")
@bp.put("/calculations/<recipe_uid>")
@auth_required()
def mark_cooked(recipe_uid: str) -> Reply:
    """Row 64: mark a recipe's savings cooked (records the savings; deducts no stock).
    ---
    tags: [savings]
    parameters:
      - {in: path, name: recipe_uid, type: string, required: true}
      - {in: body, name: body, required: true, schema: {$ref: "#/definitions/MarkCooked"}}
    responses:
      200: {description: "savings", schema: {$ref: "#/definitions/Savings"}}
      400: {description: "no is_cooked", schema: {$ref: "#/definitions/Error"}}
      404: {description: "no such recipe for this user", schema: {$ref: "#/definitions/Error"}}
    """
    cooked = MARK.load(json_body())["is_cooked"]
    return dump(ONE, services().savings.mark(current_user_id(), recipe_uid, cooked))


@bp.get("/summary")
@auth_required()
def summary() -> Reply:
    """Row 63: the caller's totals, their household's and each member's, within dates (UTC).
    ---
    tags: [savings]
    parameters:
      - {in: query, name: start_date, type: string, format: date}
      - {in: query, name: end_date, type: string, format: date}
    responses:
      200: {description: "totals", schema: {$ref: "#/definitions/SavingsSummary"}}
      400: {description: "bad dates", schema: {$ref: "#/definitions/Error"}}
    """
    query = SUMMARY_QUERY.load(request.args.to_dict())
    found = services().savings.household_totals(
        current_user_id(), query["start_date"], query["end_date"]
    )
    return dump(SUMMARY, found)


@bp.get("/summary/trends")
@auth_required()
def trends() -> Reply:
    """Row 65 (L2): totals per ISO week or month, without gaps.
    ---
    tags: [savings]
    parameters:
      - {in: query, name: period, type: string, enum: [week, month], default: week}
      - {in: query, name: start_date, type: string, format: date}
      - {in: query, name: end_date, type: string, format: date}
    responses:
      200: {description: "trends", schema: {$ref: "#/definitions/SavingsTrends"}}
      400: {description: "bad period or dates", schema: {$ref: "#/definitions/Error"}}
    """
    query = TRENDS_QUERY.load(request.args.to_dict())
    found = services().savings.trends(
        current_user_id(), query["period"], query["start_date"], query["end_date"]
    )
    return dump(TRENDS, found, period=query["period"])


@bp.get("/calculations/top")
@auth_required()
def top() -> Reply:
    """Row 65 (L2): the caller's calculations with the largest figure.
    ---
    tags: [savings]
    parameters:
      - {in: query, name: limit, type: integer, minimum: 1, maximum: 100, default: 5}
      - {in: query, name: metric, type: string, enum: [carbon, water, energy, cost]}
    responses:
      200: {description: "top calculations", schema: {$ref: "#/definitions/SavingsTop"}}
      400: {description: "bad limit or metric", schema: {$ref: "#/definitions/Error"}}
    """
    query = TOP_QUERY.load(request.args.to_dict())
    found = services().savings.top(current_user_id(), query["limit"], query["metric"])
    return dump(TOP, found, metric=query["metric"])


@bp.get("/summary/community-comparison")
@auth_required()
def community() -> Reply:
    """Row 65 (L2): where the caller's cooked savings rank among users (no one's data shown).
    ---
    tags: [savings]
    parameters:
      - {in: query, name: metric, type: string, enum: [carbon, water, energy, cost]}
    responses:
      200: {description: "comparison", schema: {$ref: "#/definitions/SavingsCommunity"}}
      400: {description: "bad metric", schema: {$ref: "#/definitions/Error"}}
    """
    metric = COMMUNITY_QUERY.load(request.args.to_dict())["metric"]
    return dump(COMMUNITY, services().savings.community(current_user_id(), metric))
