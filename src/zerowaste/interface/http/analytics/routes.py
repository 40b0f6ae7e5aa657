"""Analytics for the user (issue #11 §2). Every report takes `period` (7d|30d|90d|365d|all,
default 30d) or `start`/`end` (ISO dates, UTC days, two years at most), and `granularity`
(day|week|month, weeks start on Monday). `format=json` (default) answers the report;
`png`/`svg` a chart and `csv`/`xlsx` its table, labelled in the profile's language (es/en).
`member` (a uid of the caller's household) restricts the household's journal and cooks to what
that member did; their food log and savings stay personal (the caller's); another uid: 404."""

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


# Every report answers the same query and formats: one spec, its summary and schema filled in.
_SPEC = """{summary}
---
tags: [analytics]
produces:
  - application/json
  - image/png
  - image/svg+xml
  - text/csv
  - application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
parameters:
  - {{in: query, name: period, type: string, enum: ["7d", "30d", "90d", "365d", all]}}
  - {{in: query, name: start, type: string, format: date}}
  - {{in: query, name: end, type: string, format: date}}
  - {{in: query, name: granularity, type: string, enum: [day, week, month], default: day}}
  - {{in: query, name: format, type: string, enum: [json, png, svg, csv, xlsx], default: json}}
  - {{in: query, name: member, type: string, description: "a member's uid: their journal, cooks"}}
responses:
  200:
    description: "the report (json), a chart (png, svg) or its table (csv, xlsx)"
    schema: {{$ref: "#/definitions/{definition}"}}
  400: {{description: "bad window, granularity or format", schema: {{$ref: "#/definitions/Error"}}}}
  404: {{description: "member: not in your household", schema: {{$ref: "#/definitions/Error"}}}}
"""

REPORTS = (
    (
        "cooking-patterns",
        COOKING,
        "CookingPatterns",
        "What the household cooks, how often, by weekday; its planned meals by meal type.",
    ),
    (
        "ingredient-usage",
        USAGE,
        "IngredientUsage",
        "Consumed vs wasted per ingredient (kg when weighed) and per category (household).",
    ),
    (
        "waste-reduction",
        WASTE,
        "WasteReduction",
        "Waste rate per bucket, food saved, the caller's savings, and vs the first month.",
    ),
    (
        "nutritional-trends",
        NUTRITION,
        "NutritionalTrends",
        "The caller's daily energy and macros per bucket vs targets (null without a profile).",
    ),
    (
        "sustainability",
        SUSTAINABILITY,
        "Sustainability",
        "The caller's cooked recipes' savings (CO2, water, energy, money) per bucket.",
    ),
)


def _route(name: str, schema: Schema, definition: str, summary: str) -> None:
    def report() -> Reply | Response:
        return _answer(name, schema)

    report.__name__ = name.replace("-", "_")
    report.__doc__ = _SPEC.format(summary=summary, definition=definition)
    bp.add_url_rule(f"/{name}", view_func=auth_required()(report), methods=["GET"])


for _report in REPORTS:
    _route(*_report)
