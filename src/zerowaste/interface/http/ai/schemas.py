"""The caller's AI usage this month and what is left of the budget."""

from __future__ import annotations

from marshmallow import Schema

from zerowaste.interface.http import response_fields as f


class UsageTotalsSchema(Schema):
    calls = f.Integer(required=True)
    tokens_in = f.Integer(required=True)
    tokens_out = f.Integer(required=True)
    images = f.Integer(required=True)
    cost_usd = f.Float(required=True, metadata={"description": "estimated from list prices"})


class OperationUsageSchema(UsageTotalsSchema):
    operation = f.String(required=True)


class AiUsageSchema(Schema):
    provider = f.String(required=True, metadata={"description": "the configured provider"})
    period_start = f.String(required=True, source="since", metadata={"format": "date-time"})
    totals = f.Nested(UsageTotalsSchema, required=True)
    by_operation = f.List(
        f.Nested(OperationUsageSchema),
        required=True,
        source=lambda r: [
            {"operation": name, **totals.__dict__} for name, totals in r.by_operation.items()
        ],
    )
    budget_usd = f.Float(required=True)
    remaining_usd = f.Float(required=True)
    deployment_remaining_usd = f.Float(
        required=True, metadata={"description": "left for everyone this month"}
    )
    household_budget_usd = f.Float(
        required=True, metadata={"description": "the household's cap (its members' sum)"}
    )
    household_remaining_usd = f.Float(
        required=True, metadata={"description": "left for the caller's household this month"}
    )
