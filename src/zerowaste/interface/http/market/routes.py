"""Issue #13's reads. All need an access token like the rest of the API: prices, seasons,
trends and techniques are the same for every user (no personal data in or out); substitutes
read the caller's household stock to put what they have first."""

from __future__ import annotations

from flask import Blueprint, request

from zerowaste.interface.http.market.price_schemas import PriceReportSchema
from zerowaste.interface.http.market.request_schemas import (
    PricesQuerySchema,
    SeasonalQuerySchema,
    SubstitutesQuerySchema,
    TechniquesQuerySchema,
    TrendsQuerySchema,
)
from zerowaste.interface.http.market.schemas import (
    SeasonalReportSchema,
    SubstitutesSchema,
    TechniquesSchema,
    TrendReportSchema,
)
from zerowaste.interface.http.responses import Reply, dump
from zerowaste.interface.http.security import auth_required, current_user_id, services

bp = Blueprint("market", __name__, url_prefix="/api")
PRICES_QUERY, PRICES = PricesQuerySchema(), PriceReportSchema()
SEASONAL_QUERY, SEASONAL = SeasonalQuerySchema(), SeasonalReportSchema()
TRENDS_QUERY, TRENDS = TrendsQuerySchema(), TrendReportSchema()
TECHNIQUES_QUERY, TECHNIQUES = TechniquesQuerySchema(), TechniquesSchema()
SUBSTITUTES_QUERY, SUBSTITUTES = SubstitutesQuerySchema(), SubstitutesSchema()


@bp.get("/market-data/prices")
@auth_required()
def prices() -> Reply:
    """Shelf prices per kg / L / piece by zone and chain, with the trend between dated windows.
    ---
    tags: [market]
    parameters:
      - {in: query, name: ingredient, type: string, maxLength: 80}
      - {in: query, name: location, type: string, maxLength: 80, description: state or city}
      - {in: query, name: store_chain, type: string, maxLength: 80}
      - {in: query, name: page, type: integer, minimum: 1, maximum: 10000, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 50, default: 20}
    responses:
      200: {description: "a page of products", schema: {$ref: "#/definitions/PriceReport"}}
      400:
        description: bad query, unknown ingredient, location or chain
        schema: {$ref: "#/definitions/Error"}
    """
    q = PRICES_QUERY.load(request.args.to_dict())
    found = services().market_prices.report(
        q["ingredient"], q["location"], q["store_chain"], q["page"], q["per_page"]
    )
    return dump(PRICES, found)


@bp.get("/seasonal/ingredients")
@auth_required()
def seasonal() -> Reply:
    """Produce at its peak in a month in Mexico (approximate), es/en, with prices when asked.
    ---
    tags: [market]
    parameters:
      - {in: query, name: month, type: integer, minimum: 1, maximum: 12, description: now}
      - {in: query, name: region, type: string, enum: [mx], default: mx}
      - {in: query, name: include_prices, type: boolean, default: false}
      - {in: query, name: type, type: string, enum: [fruit, vegetable, herb]}
      - {in: query, name: page, type: integer, minimum: 1, maximum: 10000, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 50, default: 50}
    responses:
      200: {description: "by Spanish name", schema: {$ref: "#/definitions/SeasonalReport"}}
      400: {description: "bad month, region, type, page", schema: {$ref: "#/definitions/Error"}}
    """
    q = SEASONAL_QUERY.load(request.args.to_dict())
    found = services().seasonal_produce.in_month(
        q["month"], q["region"], q["include_prices"], q["type"], q["page"], q["per_page"]
    )
    return dump(SEASONAL, found)


@bp.get("/trends/recipes")
@auth_required()
def trends() -> Reply:
    """Trending public recipes (anonymous counts) by region, season and difficulty.
    ---
    tags: [market]
    parameters:
      - {in: query, name: region, type: string, enum: [mx], default: mx}
      - in: query
        name: season
        type: string
        enum: [winter, spring, summer, autumn, current]
      - {in: query, name: difficulty, type: string, maxLength: 20}
      - {in: query, name: days, type: integer, minimum: 1, maximum: 30, default: 7}
      - {in: query, name: limit, type: integer, minimum: 1, maximum: 50, default: 10}
    responses:
      200: {description: "best first", schema: {$ref: "#/definitions/TrendReport"}}
      400:
        description: bad region, season, difficulty, days or limit
        schema: {$ref: "#/definitions/Error"}
    """
    q = TRENDS_QUERY.load(request.args.to_dict())
    found = services().recipe_trends.top(
        q["region"], q["season"], q["difficulty"], q["days"], q["limit"]
    )
    return dump(TRENDS, found, image_url=services().images.display_url)


@bp.get("/culinary/techniques")
@auth_required()
def techniques() -> Reply:
    """Cooking techniques and tips (FoodKeeper's and the project's, es/en) by ingredient.
    ---
    tags: [market]
    parameters:
      - {in: query, name: ingredient, type: string, maxLength: 80}
      - in: query
        name: cooking_method
        type: string
        enum: [oven, grill, braise, simmer, pan_fry, boil, slow_cooker, steam, saute, blanch,
               pickle, freeze, blend, raw]
      - {in: query, name: difficulty_level, type: string, maxLength: 20}
      - {in: query, name: page, type: integer, minimum: 1, maximum: 10000, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 50, default: 20}
    responses:
      200: {description: "the project's first", schema: {$ref: "#/definitions/Techniques"}}
      400:
        description: bad query, unknown ingredient or level
        schema: {$ref: "#/definitions/Error"}
    """
    q = TECHNIQUES_QUERY.load(request.args.to_dict())
    found = services().techniques.find(
        q["ingredient"], q["cooking_method"], q["difficulty_level"], q["page"], q["per_page"]
    )
    return dump(TECHNIQUES, found)


@bp.get("/ingredients/substitutes")
@auth_required()
def substitutes() -> Reply:
    """Substitutes for an ingredient: ratio, diets, allergens; what the caller has first.
    ---
    tags: [market]
    parameters:
      - {in: query, name: original_ingredient, type: string, required: true, maxLength: 80}
      - {in: query, name: dietary_restrictions, type: string, description: "vegan,dairy_free"}
      - {in: query, name: available_ingredients, type: string, description: "arroz,leche"}
      - {in: query, name: page, type: integer, minimum: 1, maximum: 10000, default: 1}
      - {in: query, name: per_page, type: integer, minimum: 1, maximum: 50, default: 20}
    responses:
      200: {description: "in stock first", schema: {$ref: "#/definitions/Substitutes"}}
      400:
        description: missing ingredient, unknown restriction, too long
        schema: {$ref: "#/definitions/Error"}
    """
    q = SUBSTITUTES_QUERY.load(request.args.to_dict())
    found = services().substitutes.for_user(
        current_user_id(),
        q["original_ingredient"],
        q["dietary_restrictions"],
        q["available_ingredients"],
        q["page"],
        q["per_page"],
    )
    return dump(SUBSTITUTES, found)
