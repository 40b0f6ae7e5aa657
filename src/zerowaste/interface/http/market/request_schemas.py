"""Query strings of issue #13's reads: shape and types here, meaning in the services."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate

from zerowaste.application.market.seasonal import TYPES
from zerowaste.domain.market.places import MAX_NAME
from zerowaste.domain.market.seasons import REGIONS, SEASONS
from zerowaste.domain.market.substitutes import DIET_TAGS
from zerowaste.domain.market.techniques import METHODS
from zerowaste.interface.http.schemas import RequestSchema

MAX_NAMES = 30


class CommaList(fields.String):
    """A comma-separated list of names (at most MAX_NAMES, each 1..MAX_NAME characters)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        names = [part.strip() for part in text.split(",") if part.strip()]
        if len(names) > MAX_NAMES:
            raise ValidationError(f"At most {MAX_NAMES} names.")
        if any(len(name) > MAX_NAME for name in names):
            raise ValidationError(f"Each name is at most {MAX_NAME} characters.")
        return names


def _name(**kwargs: Any) -> fields.String:
    return fields.String(validate=validate.Length(1, MAX_NAME), **kwargs)


class PagedQuerySchema(RequestSchema):
    page = fields.Integer(load_default=1, validate=validate.Range(1, 10_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(1, 50))


class PricesQuerySchema(PagedQuerySchema):
    ingredient = _name(load_default=None)
    location = _name(load_default=None, metadata={"description": "a state or municipality"})
    store_chain = _name(load_default=None)


class SeasonalQuerySchema(PagedQuerySchema):
    month = fields.Integer(load_default=None, validate=validate.Range(1, 12))
    region = fields.String(load_default="mx", validate=validate.OneOf(REGIONS))
    include_prices = fields.Boolean(load_default=False)
    type = fields.String(load_default=None, validate=validate.OneOf(TYPES))
    per_page = fields.Integer(load_default=50, validate=validate.Range(1, 50))


class TrendsQuerySchema(RequestSchema):
    region = fields.String(load_default="mx", validate=validate.OneOf(REGIONS))
    season = fields.String(load_default=None, validate=validate.OneOf([*SEASONS, "current"]))
    difficulty = fields.String(load_default=None, validate=validate.Length(1, 20))
    days = fields.Integer(load_default=7, validate=validate.Range(1, 30))
    limit = fields.Integer(load_default=10, validate=validate.Range(1, 50))


class TechniquesQuerySchema(PagedQuerySchema):
    ingredient = _name(load_default=None)
    cooking_method = fields.String(load_default=None, validate=validate.OneOf(METHODS))
    difficulty_level = fields.String(load_default=None, validate=validate.Length(1, 20))


class SubstitutesQuerySchema(PagedQuerySchema):
    original_ingredient = _name(required=True)
    dietary_restrictions = CommaList(
        load_default=list,
        metadata={"description": f"comma-separated: {', '.join(DIET_TAGS)}"},
    )
    available_ingredients = CommaList(
        load_default=list,
        metadata={"description": "comma-separated names the caller has, besides their stock"},
    )
