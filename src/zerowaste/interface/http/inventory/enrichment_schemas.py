"""The stored enrichment of an item as the client reads it (contract rows 22, 35, 36; D4-D6).

The enrichment is stored once when the item is created (local engine or Gemini) and dumped
through these schemas, so a key the client was never promised does not leak out of the store.
Fields the local engine does not fill (nutritional benefits, Gemini's portions) are null or
absent, never guessed.
"""

from __future__ import annotations

from marshmallow import Schema, fields


class FootprintSchema(Schema):
    value = fields.Float(required=True, metadata={"description": "per kg of the product"})
    unit = fields.String(required=True, metadata={"example": "kg"})
    description = fields.String(required=True)


class EnvironmentalImpactSchema(Schema):
    """Poore & Nemecek (2018) footprints per kg of the matched product (D4)."""

    carbon_footprint = fields.Nested(FootprintSchema, required=True)
    water_footprint = fields.Nested(FootprintSchema, required=True)
    sustainability_message = fields.String(required=True)
    product = fields.String()
    source = fields.String(metadata={"description": "attribution of the figures"})


class UtilizationIdeaSchema(Schema):
    """A recipe idea that uses the item (D5)."""

    title = fields.String(required=True)
    description = fields.String(required=True)
    type = fields.String(required=True, metadata={"example": "recipe"})
    recipe_id = fields.String(allow_none=True)


class ConsumptionAdviceSchema(Schema):
    """When and how to eat it (D6); storage times per place in the client's Spanish words."""

    optimal_consumption = fields.String(allow_none=True)
    preparation_tips = fields.String(allow_none=True)
    nutritional_benefits = fields.String(allow_none=True)
    recommended_portions = fields.String(allow_none=True)
    storage_times = fields.Dict(
        keys=fields.String(), values=fields.String(), metadata={"example": {"despensa": "7 días"}}
    )


class BeforeConsumptionAdviceSchema(Schema):
    """What to check before eating it (D6)."""

    quality_check = fields.String(allow_none=True)
    safety_tips = fields.String(allow_none=True)
    preparation_notes = fields.String(allow_none=True)
    special_considerations = fields.String(allow_none=True)
