"""Recipes as the client reads them (rows 44-50, section B): one recipe shape everywhere."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema

from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.kept_dumps import KeptDumps


class RecipeLineSchema(Schema):
    name = f.String(required=True)
    quantity = f.Whole(required=True, allow_none=True, metadata={"description": "null: to taste"})
    type_unit = f.String(required=True, allow_none=True, source="unit")
    optional = f.Boolean(required=True)
    text = f.String(required=True, metadata={"description": "the line as written"})


class RecipeStepSchema(Schema):
    step_order = f.Integer(required=True, source=lambda s: s[0])
    description = f.String(required=True, source=lambda s: s[1])


def _image_status(recipe: Recipe) -> str:
    return "ready" if recipe.image_key else "unavailable"


class RecipeSchema(KeptDumps):
    """One recipe, everywhere. Its dumps are kept per process by uid (`KeptDumps`: used again
    while the recipe is equal to the one dumped; the image URL is made anew each time)."""

    kept_type = Recipe
    kept_size = 2048  # ~3.8 kB a dump (tracemalloc, the data pack's recipes): ~8 MB at most
    per_request = ("image_path",)

    @classmethod
    def kept_key(cls, obj: Any) -> str:
        return str(obj.uid)

    uid = f.String(required=True)
    title = f.String(required=True)
    description = f.String(required=True)
    category = f.String(required=True)
    difficulty = f.String(required=True, metadata={"enum": ["Fácil", "Intermedio", "Difícil"]})
    duration = f.String(required=True)
    minutes = f.Integer(required=True, allow_none=True)
    servings = f.Integer(required=True, allow_none=True)
    ingredients = f.List(f.Nested(RecipeLineSchema), required=True)
    steps = f.List(
        f.Nested(RecipeStepSchema),
        required=True,
        source=lambda r: list(enumerate(r.steps, start=1)),
    )
    footer = f.String(required=True)
    tags = f.List(f.String(), required=True)
    lang = f.String(required=True)
    source = f.String(required=True, metadata={"enum": ["catalog", "saved", "generated"]})
    generated_by_ai = f.Boolean(required=True, source=lambda r: r.source == "generated")
    image_path = f.AbsoluteUrl(
        required=True,
        allow_none=True,
        source=lambda r: f.given("image_url")(r.image_key) if r.image_key else None,
    )
    image_status = f.String(required=True, source=_image_status)
    saved_at = f.Timestamp(required=True, allow_none=True, source="created_at")
    generated_at = f.Timestamp(
        required=True,
        allow_none=True,
        source=lambda r: r.created_at if r.source == "generated" else None,
    )
    attribution = f.String(required=True, metadata={"description": "licence credit (catalog)"})


class SaveResultSchema(Schema):
    message = f.Constant("Recipe saved")
    recipe = f.Nested(RecipeSchema, required=True, source=lambda r: r)


class RecipeListSchema(Schema):
    """Rows 47 and 48: a page of recipes."""

    recipes = f.List(f.Nested(RecipeSchema), required=True, source="recipes")
    count = f.Integer(required=True, source=lambda p: len(p.recipes))
    total = f.Integer(required=True)
    page = f.Integer(required=True, source=lambda _: f.given("page"))
    per_page = f.Integer(required=True, source=lambda _: f.given("per_page"))


def _summary(found: Any) -> dict[str, int]:
    return dict(found[1])


class DefaultRecipesSchema(Schema):
    default_recipes = f.List(f.Nested(RecipeSchema), required=True, source=lambda d: d[0])
    categories_summary = f.Raw(required=True, source=_summary, metadata={"type": "object"})
    total_recipes = f.Integer(required=True, source=lambda d: len(d[0]))
    filter_applied = f.Raw(
        required=True,
        source=lambda _: {"category": f.given("category")},
        metadata={"type": "object"},
    )


class DeletedSchema(Schema):
    message = f.Constant("Recipe deleted")
    deleted = f.Integer(required=True, source=lambda n: n)


class FavoriteResultSchema(Schema):
    recipe = f.Nested(RecipeSchema, required=True)
    rating = f.Integer(required=True, allow_none=True)
    notes = f.String(required=True)
    favorited_at = f.Timestamp(required=True)


class FavoritesSchema(Schema):
    favorites = f.List(f.Nested(FavoriteResultSchema), required=True, source=lambda x: x)
    count = f.Integer(required=True, source=lambda x: len(x))


WHOSE = {"description": "each allergy left out and whose (every member's count)"}


class AllergyWhoseSchema(Schema):
    """An allergy a picker left out, and the household members who named it."""

    term = f.String(required=True)
    members = f.List(f.String(), required=True)
    note = f.String(required=True, source=lambda a: a.note())


class PickedSchema(Schema):
    """A picker's answer (application.recipes.suitability.Picked): what it found, under the
    subclass's keys, and the allergies it left out with whose, as generation says them."""

    allergies_whose = f.List(f.Nested(AllergyWhoseSchema), required=True, metadata=WHOSE)
