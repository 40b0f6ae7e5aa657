"""Responses of the seasonal, trends, techniques and substitutes reads."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from zerowaste.application.market.seasonal import ATTRIBUTION, TYPES
from zerowaste.application.market.techniques import FOODKEEPER_ATTRIBUTION
from zerowaste.domain.market.seasons import SEASONS
from zerowaste.domain.market.techniques import METHODS
from zerowaste.domain.recipes.recipe import DIFFICULTIES
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.recipes.schemas import RecipeSchema

SUBSTITUTIONS_SOURCE = "Substitutions: ZeroWaste data pack (CC0); allergens: EU-14 (CC0 master)."
TRENDING_DEFINITION = (
    "The public catalog's recipes most cooked or saved in the last `days` across all users: "
    "households that cooked it + users who favoured it + households that saved a copy. "
    "Counts only; region mx is everyone's activity (users have no stored region)."
)


def _pages(page: Any) -> int:
    return int(-(-page.total // page.per_page))


class MarketPriceSchema(Schema):
    ingredient_id = f.String(required=True)
    basis = f.String(required=True, metadata={"enum": ["kg", "l", "unit", "bunch"]})
    median_mxn = f.Float(required=True)
    observations = f.Integer(required=True)
    stores = f.Integer(required=True)
    first_date = fields.Date(required=True)
    last_date = fields.Date(required=True)
    citation = f.String(required=True)


class SeasonalFoodSchema(Schema):
    id = f.String(required=True, source=lambda i: i.food.id)
    name_es = f.String(required=True, source=lambda i: i.food.name_es)
    name_en = f.String(required=True, source=lambda i: i.food.name_en)
    type = f.String(required=True, source=lambda i: i.food.type, metadata={"enum": list(TYPES)})
    months = f.List(f.Integer(), required=True, source=lambda i: sorted(i.food.months))
    year_round = f.Boolean(required=True, source=lambda i: i.food.year_round)
    note = f.String(required=True, allow_none=True, source=lambda i: i.food.note)
    ingredient_id = f.String(required=True, allow_none=True, source=lambda i: i.food.ingredient_id)
    prices = f.List(
        f.Nested(MarketPriceSchema),
        required=True,
        allow_none=True,
        metadata={"description": "null unless include_prices; [] when PROFECO has none"},
    )


class SeasonalReportSchema(Schema):
    month = f.Integer(required=True)
    season = f.String(required=True, metadata={"enum": list(SEASONS)})
    region = f.String(required=True)
    include_prices = f.Boolean(required=True)
    ingredients = f.List(f.Nested(SeasonalFoodSchema), required=True, source=lambda r: r.items)
    total = f.Integer(required=True)
    page = f.Integer(required=True)
    per_page = f.Integer(required=True)
    pages = f.Integer(required=True, source=_pages)
    attribution = f.Constant(ATTRIBUTION)


class SeasonalTagSchema(Schema):
    id = f.String(required=True)
    name_es = f.String(required=True)
    name_en = f.String(required=True)


class TrendItemSchema(Schema):
    recipe = f.Nested(RecipeSchema, required=True, source=lambda i: i.trending.recipe)
    cooked = f.Integer(required=True, source=lambda i: i.trending.cooked)
    saved = f.Integer(required=True, source=lambda i: i.trending.saved)
    score = f.Integer(required=True, source=lambda i: i.trending.score)
    seasonal_foods = f.List(f.Nested(SeasonalTagSchema), required=True, source=lambda i: i.seasonal)


class TrendReportSchema(Schema):
    trending = f.List(f.Nested(TrendItemSchema), required=True, source=lambda r: r.items)
    count = f.Integer(required=True, source=lambda r: len(r.items))
    region = f.String(required=True)
    season = f.String(required=True, allow_none=True, metadata={"enum": [*SEASONS, None]})
    difficulty = f.String(required=True, allow_none=True, metadata={"enum": [*DIFFICULTIES, None]})
    days = f.Integer(required=True)
    definition = f.Constant(TRENDING_DEFINITION)


class TechniqueSchema(Schema):
    id = f.String(required=True)
    source = f.String(required=True, metadata={"enum": ["zerowaste", "foodkeeper"]})
    cooking_method = f.String(
        required=True, source=lambda t: t.method, metadata={"enum": list(METHODS)}
    )
    name_es = f.String(required=True)
    name_en = f.String(required=True)
    difficulty_level = f.String(
        required=True,
        allow_none=True,
        source=lambda t: t.difficulty,
        metadata={"enum": [*DIFFICULTIES, None]},
    )
    ingredient_ids = f.List(f.String(), required=True)
    steps_es = f.List(f.String(), required=True)
    steps_en = f.List(f.String(), required=True)
    tips_es = f.String(required=True, allow_none=True)
    tips_en = f.String(required=True, allow_none=True)
    temperature_c = f.Integer(required=True, allow_none=True)
    safe_min_temperature_c = f.Integer(required=True, allow_none=True)
    rest_minutes = f.Integer(required=True, allow_none=True)
    minutes_from = f.Float(required=True, allow_none=True)
    minutes_to = f.Float(required=True, allow_none=True)
    minutes_per = f.String(required=True, allow_none=True, metadata={"enum": ["kg", None]})
    weight_kg_from = f.Float(required=True, allow_none=True)
    weight_kg_to = f.Float(required=True, allow_none=True)


class MatchedIngredientSchema(Schema):
    ingredient_id = f.String(required=True)
    name_es = f.String(required=True)
    name_en = f.String(required=True)
    exact = f.Boolean(required=True, metadata={"description": "false: a close name matched"})


class TechniquesSchema(Schema):
    ingredient = f.Nested(
        MatchedIngredientSchema,
        required=True,
        allow_none=True,
        metadata={"description": "the master's entry `ingredient` matched; null when not asked"},
    )
    techniques = f.List(f.Nested(TechniqueSchema), required=True, source=lambda r: r.page.items)
    total = f.Integer(required=True, source=lambda r: r.page.total)
    page = f.Integer(required=True, source=lambda r: r.page.page)
    per_page = f.Integer(required=True, source=lambda r: r.page.per_page)
    pages = f.Integer(required=True, source=lambda r: _pages(r.page))
    attribution = f.Constant(FOODKEEPER_ATTRIBUTION + " Other techniques: ZeroWaste (CC0).")


class SubstituteSchema(Schema):
    id = f.Integer(required=True, source=lambda c: c.substitution.id)
    substitute_en = f.String(required=True, source=lambda c: c.substitution.substitute_en)
    substitute_es = f.String(required=True, source=lambda c: c.substitution.substitute_es)
    ratio = f.String(required=True, source=lambda c: c.substitution.ratio)
    contexts = f.List(f.String(), required=True, source=lambda c: c.substitution.contexts)
    diets = f.List(f.String(), required=True, source=lambda c: c.substitution.diet_tags)
    removes_allergens = f.List(f.String(), required=True, source=lambda c: c.removes)
    adds_allergens = f.List(f.String(), required=True, source=lambda c: c.adds)
    in_stock = f.Boolean(
        required=True, metadata={"description": "every part is in the stock or listed"}
    )
    at_hand = f.List(f.String(), required=True, metadata={"description": "parts the caller has"})
    parts = f.List(f.List(f.String()), required=True, metadata={"description": "alternatives"})
    note = f.String(required=True, allow_none=True, source=lambda c: c.substitution.note)


class SubstitutesSchema(Schema):
    original_ingredient = f.String(required=True, source=lambda r: r.original)
    ingredient_id = f.String(required=True, allow_none=True)
    dietary_restrictions = f.List(f.String(), required=True, source=lambda r: r.restrictions)
    substitutes = f.List(f.Nested(SubstituteSchema), required=True, source=lambda r: r.page.items)
    total = f.Integer(required=True, source=lambda r: r.page.total)
    page = f.Integer(required=True, source=lambda r: r.page.page)
    per_page = f.Integer(required=True, source=lambda r: r.page.per_page)
    pages = f.Integer(required=True, source=lambda r: _pages(r.page))
    source = f.Constant(SUBSTITUTIONS_SOURCE)


DEFINITIONS = [
    ("MarketPrice", MarketPriceSchema),
    ("SeasonalFood", SeasonalFoodSchema),
    ("SeasonalReport", SeasonalReportSchema),
    ("SeasonalTag", SeasonalTagSchema),
    ("TrendItem", TrendItemSchema),
    ("TrendReport", TrendReportSchema),
    ("Technique", TechniqueSchema),
    ("MatchedIngredient", MatchedIngredientSchema),
    ("Techniques", TechniquesSchema),
    ("Substitute", SubstituteSchema),
    ("Substitutes", SubstitutesSchema),
]
