"""Environmental savings as the client reads them (rows 59-65): numbers with their units and
the sources they come from."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema

UNITS = {"unit_carbon": "kg CO2e", "unit_water": "L", "unit_energy": "MJ", "unit_cost": "MXN"}


class FromTitleSchema(RequestSchema):
    title = fields.String(required=True, validate=validate.Length(1, 200))


class MarkCookedSchema(RequestSchema):
    is_cooked = fields.Boolean(required=True)


class SummaryQuerySchema(RequestSchema):
    start_date = fields.Date(load_default=None)
    end_date = fields.Date(load_default=None)


class StatusQuerySchema(RequestSchema):
    is_cooked = fields.String(required=True, validate=validate.OneOf(["true", "false"]))


class TrendsQuerySchema(SummaryQuerySchema):
    period = fields.String(load_default="week", validate=validate.OneOf(["week", "month"]))


class TopQuerySchema(RequestSchema):
    limit = fields.Integer(load_default=5, validate=validate.Range(1, 100))
    metric = fields.String(
        load_default="carbon", validate=validate.OneOf(["carbon", "water", "energy", "cost"])
    )


class CommunityQuerySchema(RequestSchema):
    metric = fields.String(
        load_default="carbon", validate=validate.OneOf(["carbon", "water", "energy", "cost"])
    )


class _Units(Schema):
    unit_carbon = f.Constant(UNITS["unit_carbon"])
    unit_water = f.Constant(UNITS["unit_water"])
    unit_energy = f.Constant(UNITS["unit_energy"])
    unit_cost = f.Constant(UNITS["unit_cost"])


class SavingsSchema(_Units):
    recipe_uid = f.String(required=True)
    recipe_title = f.String(required=True)
    recipe_source = f.String(required=True, metadata={"enum": ["catalog", "saved", "generated"]})
    carbon_footprint = f.Float(required=True, source="carbon_kg_co2e")
    water_footprint = f.Float(required=True, source="water_l")
    energy_footprint = f.Float(required=True, source="energy_mj")
    economic_cost = f.Float(required=True, source="cost_mxn")
    is_cooked = f.Boolean(required=True)
    saved_at = f.Timestamp(required=True)
    cooked_at = f.Timestamp(required=True, allow_none=True)
    energy_available = f.Boolean(
        required=True, source=lambda s: bool(s.details.get("energy_available", False))
    )
    missing_data = f.List(
        f.Raw(metadata={"type": "object"}),
        required=True,
        source=lambda s: s.details.get("missing_data", []),
        metadata={"description": "lines the data could not weigh or price (never guessed)"},
    )
    estimated = f.List(
        f.String(),
        required=True,
        source=lambda s: s.details.get("estimated", []),
        metadata={
            "description": "foods missing from the footprint data whose CO2e and water are "
            "AI estimates (cited as such in `sources`)"
        },
    )
    sources = f.List(f.String(), required=True, source=lambda s: s.details.get("sources", []))


class SavingsListSchema(Schema):
    calculations = f.List(f.Nested(SavingsSchema), required=True, source=lambda x: x)
    count = f.Integer(required=True, source=lambda x: len(x))


class TotalsSchema(Schema):
    total_carbon_footprint = f.Float(required=True, source="carbon_kg_co2e")
    total_water_footprint = f.Float(required=True, source="water_l")
    total_energy_footprint = f.Float(required=True, source="energy_mj")
    total_economic_cost = f.Float(required=True, source="cost_mxn")
    total_calculations = f.Integer(required=True, source="count")


class PersonTotalsSchema(TotalsSchema):
    """One member's totals (issue #14 §2)."""

    user_uid = f.String(required=True, source=lambda p: p.user_uid)
    name = f.String(required=True, allow_none=True, source=lambda p: p.name)
    total_carbon_footprint = f.Float(required=True, source="totals.carbon_kg_co2e")
    total_water_footprint = f.Float(required=True, source="totals.water_l")
    total_energy_footprint = f.Float(required=True, source="totals.energy_mj")
    total_economic_cost = f.Float(required=True, source="totals.cost_mxn")
    total_calculations = f.Integer(required=True, source="totals.count")


class SummarySchema(_Units):
    """The caller's own totals at the top (as the client reads them), the household's, and
    each member's; for a user alone the three agree."""

    total_carbon_footprint = f.Float(required=True, source="mine.carbon_kg_co2e")
    total_water_footprint = f.Float(required=True, source="mine.water_l")
    total_energy_footprint = f.Float(required=True, source="mine.energy_mj")
    total_economic_cost = f.Float(required=True, source="mine.cost_mxn")
    total_calculations = f.Integer(required=True, source="mine.count")
    household = f.Nested(TotalsSchema, required=True, source=lambda s: s.household)
    per_person = f.List(f.Nested(PersonTotalsSchema), required=True, source=lambda s: s.per_person)


class TrendPointSchema(Schema):
    period = f.String(required=True)
    start = f.String(required=True, source=lambda p: p.start.isoformat())
    end = f.String(required=True, source=lambda p: p.end.isoformat())
    carbon_footprint = f.Float(required=True, source="totals.carbon_kg_co2e")
    water_footprint = f.Float(required=True, source="totals.water_l")
    economic_cost = f.Float(required=True, source="totals.cost_mxn")
    calculations = f.Integer(required=True, source="totals.count")


class TrendsSchema(_Units):
    period = f.String(required=True, source=lambda _: f.given("period"))
    trends = f.List(f.Nested(TrendPointSchema), required=True, source=lambda x: x)


class TopRecordSchema(Schema):
    recipe_uid = f.String(required=True, source="id")
    recipe_title = f.String(required=True, source="title")
    carbon_footprint = f.Float(required=True, source="carbon_kg_co2e")
    water_footprint = f.Float(required=True, source="water_l")
    economic_cost = f.Float(required=True, source="cost_mxn")
    is_cooked = f.Boolean(required=True)


class TopSchema(_Units):
    metric = f.String(required=True, source=lambda _: f.given("metric"))
    calculations = f.List(f.Nested(TopRecordSchema), required=True, source=lambda x: x)


class CommunitySchema(Schema):
    metric = f.String(required=True)
    your_total = f.Float(required=True, source="value")
    users = f.Integer(required=True)
    percentile = f.Float(
        required=True,
        allow_none=True,
        metadata={"description": "mid-rank; null with fewer than 2 users"},
    )
    community_median = f.Float(required=True, allow_none=True)
    community_average = f.Float(required=True, allow_none=True)
