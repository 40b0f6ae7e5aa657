"""The safety screening and the audit log as the client sends and reads them."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, post_load, validate

from zerowaste.domain.screening import rules
from zerowaste.domain.screening.rules import Answers
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.schemas import RequestSchema

NAMES = fields.String(validate=validate.Length(1, 100))


class ScreeningRequestSchema(RequestSchema):
    age = fields.Integer(required=True, validate=validate.Range(*rules.AGE_RANGE))
    sex = fields.String(required=True, validate=validate.OneOf(rules.SEXES))
    weight_kg = fields.Float(required=True, validate=validate.Range(*rules.WEIGHT_KG_RANGE))
    height_cm = fields.Float(required=True, validate=validate.Range(*rules.HEIGHT_CM_RANGE))
    medical_conditions = fields.List(NAMES, load_default=list, validate=validate.Length(max=30))
    pregnant = fields.Boolean(load_default=False)
    breastfeeding = fields.Boolean(load_default=False)
    medications = fields.List(NAMES, load_default=list, validate=validate.Length(max=50))
    eating_disorder_history = fields.Boolean(load_default=False)

    @post_load
    def _answers(self, data: dict[str, Any], **_: Any) -> Answers:
        return Answers(
            **{
                **data,
                "medical_conditions": tuple(data["medical_conditions"]),
                "medications": tuple(data["medications"]),
            }
        )


class ScreeningWarningSchema(Schema):
    code = f.String(required=True)
    message = f.String(required=True, metadata={"description": "in the profile's language"})


class ScreeningSchema(Schema):
    id = f.Integer(required=True)
    risk_score = f.Integer(required=True, source="assessment.score")
    risk_level = f.String(
        required=True, source="assessment.level", metadata={"enum": list(rules.LEVELS)}
    )
    can_proceed = f.Boolean(
        required=True,
        source="assessment.can_proceed",
        metadata={"description": "whether a restrictive plan may be generated"},
    )
    warnings = f.List(f.Nested(ScreeningWarningSchema), required=True, source="assessment.warnings")
    critical_conditions = f.List(f.String(), required=True, source="assessment.critical_conditions")
    language = f.String(required=True, metadata={"enum": ["es", "en"]})
    created_at = f.Timestamp(required=True)
    valid_until = f.Timestamp(required=True, metadata={"description": "created_at + 24 h (UTC)"})


class AuditQuerySchema(RequestSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class AuditEntrySchema(Schema):
    id = f.Integer(required=True)
    action = f.String(required=True, metadata={"enum": ["screening", "plan_generation"]})
    allowed = f.Boolean(required=True)
    reason = f.String(required=True)
    model = f.String(required=True, allow_none=True)
    estimated_cost_usd = f.Float(required=True)
    created_at = f.Timestamp(required=True)


class AuditPageSchema(Schema):
    entries = f.List(f.Nested(AuditEntrySchema), required=True)
    count = f.Integer(required=True, source=lambda p: len(p.entries))
    total = f.Integer(required=True)
    page = f.Integer(required=True)
    per_page = f.Integer(required=True)
