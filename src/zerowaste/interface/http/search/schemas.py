"""What the client sends to search recipes and what it gets back (issue #12)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from zerowaste.application.search.service import HaveItem
from zerowaste.domain.recipes.recipe import CATEGORIES, DIFFICULTIES
from zerowaste.domain.search.ranking import MAX_PER_PAGE, SearchFilters
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.recipes.schemas import PickedSchema
from zerowaste.interface.http.schemas import RequestSchema

MAX_QUERY = 300
MAX_ITEMS = 100
LIST = validate.Length(max=20)
WORD = validate.Length(1, 60)


class FiltersSchema(RequestSchema):
    diet = fields.List(
        fields.String(validate=WORD),
        load_default=list,
        validate=LIST,
        metadata={"description": "vegetarian | vegan (also vegetariano, vegano)"},
    )
    exclude_allergens = fields.List(
        fields.String(validate=WORD),
        load_default=list,
        validate=LIST,
        metadata={"description": "allergens or foods to leave out (gluten, nuts, huevo...)"},
    )
    max_minutes = fields.Integer(load_default=None, validate=validate.Range(1, 24 * 60))
    difficulty = fields.String(load_default="", validate=validate.OneOf(["", *DIFFICULTIES]))
    category = fields.String(load_default="", validate=validate.OneOf(["", *CATEGORIES]))
    lang = fields.String(load_default="", validate=validate.OneOf(["", "es", "en"]))

    @post_load
    def _filters(self, data: dict[str, Any], **_: Any) -> SearchFilters:
        return SearchFilters(
            category=data["category"],
            difficulty=data["difficulty"],
            max_minutes=data["max_minutes"],
            lang=data["lang"],
            diets=tuple(data["diet"]),
            allergens=tuple(data["exclude_allergens"]),
        )


class _Paged(RequestSchema):
    filters = fields.Nested(FiltersSchema, load_default=lambda: SearchFilters())
    page = fields.Integer(load_default=1, validate=validate.Range(1, 1000))
    per_page = fields.Integer(load_default=10, validate=validate.Range(1, MAX_PER_PAGE))


class SemanticSearchSchema(_Paged):
    query = fields.String(required=True, validate=validate.Length(1, MAX_QUERY))


class HaveItemSchema(RequestSchema):
    name = fields.String(required=True, validate=validate.Length(1, 200))
    quantity = fields.Float(
        load_default=None,
        allow_none=True,
        validate=validate.Range(0, 1_000_000, min_inclusive=False),
    )
    unit = fields.String(load_default=None, allow_none=True, validate=validate.Length(1, 40))

    @post_load
    def _item(self, data: dict[str, Any], **_: Any) -> HaveItem:
        amount = data["quantity"]
        quantity = None if amount is None else Decimal(str(amount))
        return HaveItem(data["name"].strip(), quantity, data["unit"])


class ByIngredientsSchema(_Paged):
    items = fields.List(
        fields.Nested(HaveItemSchema),
        load_default=None,
        validate=validate.Length(1, MAX_ITEMS),
        metadata={"description": "what you have; leave out with use_stock: true"},
    )
    use_stock = fields.Boolean(load_default=False, metadata={"description": "your inventory"})

    @validates_schema
    def _one_source(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("use_stock") == (data.get("items") is not None):
            raise ValidationError("Send either items or use_stock: true", "items")


class _FoundRecipe(Schema):
    """The recipe of a result (its full text: GET /api/recipes/<uid>)."""

    uid = f.String(required=True, source="recipe.uid")
    title = f.String(required=True, source="recipe.title")
    lang = f.String(required=True, source="recipe.lang")
    category = f.String(required=True, source="recipe.category")
    difficulty = f.String(required=True, source="recipe.difficulty")
    minutes = f.Integer(required=True, allow_none=True, source="recipe.minutes")
    source = f.String(
        required=True, source="recipe.source", metadata={"enum": ["catalog", "saved", "generated"]}
    )


class WhySchema(Schema):
    terms = f.List(fields.String(), required=True, metadata={"description": "query words found"})
    lexical_rank = f.Integer(required=True, allow_none=True)
    semantic_rank = f.Integer(required=True, allow_none=True)


class SearchHitSchema(_FoundRecipe):
    score = f.Float(required=True, metadata={"description": "fused rank score (higher first)"})
    why = f.Nested(WhySchema, required=True, source=lambda hit: hit)


class LineFigureSchema(Schema):
    name = f.String(required=True)
    quantity = f.Whole(required=True, allow_none=True, metadata={"description": "null: unknown"})
    unit = f.String(required=True, allow_none=True)
    stock_name = f.String(required=True, allow_none=True)


class FulfilmentSchema(_FoundRecipe):
    score = f.Float(required=True, metadata={"description": "the engine's score (higher first)"})
    fulfilment = f.Integer(
        required=True, source="percent", metadata={"description": "% of lines covered"}
    )
    have = f.List(f.Nested(LineFigureSchema), required=True)
    missing = f.List(f.Nested(LineFigureSchema), required=True)


class _PageSchema(PickedSchema):
    """A page of results (`found`), and the allergies left out with whose."""

    total = f.Integer(required=True, source="found.total")
    page = f.Integer(required=True, source="found.page")
    per_page = f.Integer(required=True, source="found.per_page")
    pages = f.Integer(required=True, source="found.pages")


class SearchResultsSchema(_PageSchema):
    results = f.List(f.Nested(SearchHitSchema), required=True, source="found.items")


class FulfilmentResultsSchema(_PageSchema):
    results = f.List(f.Nested(FulfilmentSchema), required=True, source="found.items")
