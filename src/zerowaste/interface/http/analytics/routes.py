"""Analytics for the user (issue #11 §2). Every report takes `period` (7d|30d|90d|365d|all,
default 30d) or `start`/`end` (ISO dates, UTC days, two years at most), and `granularity`
(day|week|month, weeks start on Monday). `format=json` (default) answers the report;
`png`/`svg` a chart and `csv`/`xlsx` its table, labelled in the profile's language (es/en)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, request
from marshmallow import Schema

from zerowaste.application.analytics.service import WindowQuery
from zerowaste.interface.http.analytics.schemas import (
    AnalyticsQuerySchema,
    CookingPatternsSchema,
    IngredientUsageSchema,
    NutritionalTrendsSchema,
    SustainabilitySchema,
    WasteReductionSchema,
)
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("analytics", __name__, url_prefix="/api/analytics")
QUERY = AnalyticsQuerySchema()
COOKING = CookingPatternsSchema()
USAGE = IngredientUsageSchema()
WASTE = WasteReductionSchema()
NUTRITION = NutritionalTrendsSchema()
SUSTAINABILITY = SustainabilitySchema()


def _answer(name: str, schema: Schema) -> Reply | Response:
    """The report `name` in the format asked for."""
    args: dict[str, Any] = QUERY.load(request.args.to_dict())
    fmt = args.pop("format")
    query = WindowQuery(**args)
    if fmt == "json":
        return dump(schema, services().analytics.report(current_user_id(), name, query))
    found = services().analytics.export(current_user_id(), name, query, fmt)
    reply = Response(found.content, 200, content_type=found.content_type)
    reply.headers["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    return reply


@bp.get("/cooking-patterns")
@auth_required()
def cooking_patterns() -> Reply | Response:
    """What the household cooks, how often, by weekday; its planned meals by meal type.
    ---
    tags: [analytics]
    produces:
      - application/json
      - image/png
      - image/svg+xml
      - text/csv
      - application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
    parameters:
      - {in: query, name: period, type: string, enum: ["7d", "30d", "90d", "365d", all]}
      - {in: query, name: start, type: string, format: date}
      - {in: query, name: end, type: string, format: date}
      - {in: query, name: granularity, type: string, enum: [day, week, month], default: day}
      - {in: query, name: format, type: string, enum: [json, png, svg, csv, xlsx], default: json}
    responses:
      200:
        description: "the report (json), a chart (png, svg) or its table (csv, xlsx)"
        schema: {$ref: "#/definitions/CookingPatterns"}
      400: {description: "bad window, granularity or format", schema: {$ref: "#/definitions/Error"}}
    """
    return _answer("cooking-patterns", COOKING)


@bp.get("/ingredient-usage")
@auth_required()
def ingredient_usage() -> Reply | Response:
    """Consumed vs wasted per ingredient (kg when weighed) and per category (household).
    ---
    tags: [analytics]
    produces:
      - application/json
      - image/png
      - image/svg+xml
      - text/csv
      - application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
    parameters:
      - {in: query, name: period, type: string, enum: ["7d", "30d", "90d", "365d", all]}
      - {in: query, name: start, type: string, format: date}
      - {in: query, name: end, type: string, format: date}
      - {in: query, name: granularity, type: string, enum: [day, week, month], default: day}
      - {in: query, name: format, type: string, enum: [json, png, svg, csv, xlsx], default: json}
    responses:
      200:
        description: "the report (json), a chart (png, svg) or its table (csv, xlsx)"
        schema: {$ref: "#/definitions/IngredientUsage"}
      400: {description: "bad window, granularity or format", schema: {$ref: "#/definitions/Error"}}
    """
    return _answer("ingredient-usage", USAGE)


@bp.get("/waste-reduction")
@auth_required()
def waste_reduction() -> Reply | Response:
    """Waste rate per bucket, food saved, the caller's savings, and vs the first month.
    ---
    tags: [analytics]
    produces:
      - application/json
      - image/png
      - image/svg+xml
      - text/csv
      - application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
    parameters:
      - {in: query, name: period, type: string, enum: ["7d", "30d", "90d", "365d", all]}
      - {in: query, name: start, type: string, format: date}
      - {in: query, name: end, type: string, format: date}
      - {in: query, name: granularity, type: string, enum: [day, week, month], default: day}
      - {in: query, name: format, type: string, enum: [json, png, svg, csv, xlsx], default: json}
    responses:
      200:
        description: "the report (json), a chart (png, svg) or its table (csv, xlsx)"
        schema: {$ref: "#/definitions/WasteReduction"}
      400: {description: "bad window, granularity or format", schema: {$ref: "#/definitions/Error"}}
    """
    return _answer("waste-reduction", WASTE)


@bp.get("/nutritional-trends")
@auth_required()
def nutritional_trends() -> Reply | Response:
    """The caller's daily energy and macros per bucket vs targets (null without a profile).
    ---
    tags: [analytics]
    produces:
      - application/json
      - image/png
      - image/svg+xml
      - text/csv
      - application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
    parameters:
      - {in: query, name: period, type: string, enum: ["7d", "30d", "90d", "365d", all]}
      - {in: query, name: start, type: string, format: date}
      - {in: query, name: end, type: string, format: date}
      - {in: query, name: granularity, type: string, enum: [day, week, month], default: day}
      - {in: query, name: format, type: string, enum: [json, png, svg, csv, xlsx], default: json}
    responses:
      200:
        description: "the report (json), a chart (png, svg) or its table (csv, xlsx)"
        schema: {$ref: "#/definitions/NutritionalTrends"}
      400: {description: "bad window, granularity or format", schema: {$ref: "#/definitions/Error"}}
    """
    return _answer("nutritional-trends", NUTRITION)


@bp.get("/sustainability")
@auth_required()
def sustainability() -> Reply | Response:
    """The caller's cooked recipes' savings (CO2, water, energy, money) per bucket.
    ---
    tags: [analytics]
    produces:
      - application/json
      - image/png
      - image/svg+xml
      - text/csv
      - application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
    parameters:
      - {in: query, name: period, type: string, enum: ["7d", "30d", "90d", "365d", all]}
      - {in: query, name: start, type: string, format: date}
      - {in: query, name: end, type: string, format: date}
      - {in: query, name: granularity, type: string, enum: [day, week, month], default: day}
      - {in: query, name: format, type: string, enum: [json, png, svg, csv, xlsx], default: json}
    responses:
      200:
        description: "the report (json), a chart (png, svg) or its table (csv, xlsx)"
        schema: {$ref: "#/definitions/Sustainability"}
      400: {description: "bad window, granularity or format", schema: {$ref: "#/definitions/Error"}}
    """
    return _answer("sustainability", SUSTAINABILITY)
