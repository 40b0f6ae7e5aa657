"""Recipe generation (rows 43-45): what the client sends and the one shape it reads back."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, missing, post_load, validate

from zerowaste.application.recipes.generation import Generation
from zerowaste.domain.recipes.engine import Ranked
from zerowaste.interface.http import response_fields as f
from zerowaste.interface.http.recipes.schemas import WHOSE, AllergyWhoseSchema, RecipeSchema
from zerowaste.interface.http.schemas import RequestSchema

NAME = fields.String(validate=validate.Length(1, 120))


class GenerateFromInventorySchema(RequestSchema):
    num_recipes = fields.Integer(load_default=3, validate=validate.Range(1, 5))


class GenerateCustomSchema(RequestSchema):
    """Row 45."""

    ingredients = fields.List(NAME, required=True, validate=validate.Length(1, 30))
    preferences = fields.List(fields.String(validate=validate.Length(max=100)), load_default=list)
    recipe_categories = fields.List(
        fields.String(validate=validate.Length(max=40)), load_default=list
    )
    num_recipes = fields.Integer(load_default=2, validate=validate.Range(1, 5))


class GenerateSchema(RequestSchema):
    """Row 43: L1 sends ingredient maps, L2 names (and optional hints)."""

    ingredients = fields.List(fields.Raw(), required=True, validate=validate.Length(1, 30))
    meal_type = fields.String(load_default=None, validate=validate.Length(max=40))
    num_recipes = fields.Integer(load_default=2, validate=validate.Range(1, 5))

    @post_load
    def _names(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        names = []
        for raw in data["ingredients"]:
            name = raw.get("name") if isinstance(raw, dict) else raw
            if not isinstance(name, str) or not name.strip() or len(name) > 120:
                raise ValidationError({"ingredients": ["Each ingredient is a name or {name, ...}"]})
            names.append(name.strip())
        return {**data, "ingredients": names}


class MissingLineSchema(Schema):
    name = f.String(required=True, source="line.name")
    quantity = f.Whole(required=True, allow_none=True, source=lambda u: u.missing)
    type_unit = f.String(required=True, allow_none=True, source="line.unit")


class UtilizationSchema(Schema):
    utilization_percentage = f.Integer(required=True, source="utilization")
    used_ingredients = f.List(
        f.String(), required=True, source=lambda r: [u.food.name for u in r.covered if u.food]
    )


class _Generated:
    """A ranked recipe read as one flat object: the recipe's fields and what it uses."""

    def __init__(self, found: Ranked) -> None:
        self.__dict__.update(vars(found.recipe))
        self.uses_expiring = found.uses_expiring
        self.utilization = found.utilization
        self.covered = found.covered
        self.missing_lines = found.missing


class GeneratedRecipeSchema(RecipeSchema):
    """A recipe of a generation: the recipe, what it uses of the stock and what is missing."""

    name = f.String(required=True, source="title", metadata={"description": "= title"})
    uses_expiring_items = f.Boolean(required=True, source="uses_expiring")
    inventory_utilization = f.Nested(UtilizationSchema, required=True, source=lambda r: r)
    missing_ingredients = f.List(f.Nested(MissingLineSchema), required=True, source="missing_lines")


class PersonalizationSchema(Schema):
    language = f.String(required=True)
    measurement_system = f.String(required=True)
    cooking_level = f.String(required=True)
    allergies_filtered = f.List(f.String(), required=True)
    dietary_restrictions = f.List(f.String(), required=True)
    preferred_food_types = f.List(f.String(), required=True)
    allergies_whose = f.List(f.Nested(AllergyWhoseSchema), required=True, metadata=WHOSE)


class GenerationImagesSchema(Schema):
    status = f.String(required=True, metadata={"enum": ["generating", "ready"]})
    task_id = f.String(required=True)
    check_images_url = f.String(required=True)
    estimated_time = f.Integer(required=True)


def _images(generation: Generation) -> Any:
    if generation.images_job_id is None:
        return missing
    return {
        "status": "generating",
        "task_id": generation.images_job_id,
        "check_images_url": f"/api/generation/{generation.id}/images",
        "estimated_time": 2 * len(generation.recipes),
    }


class GenerationSchema(Schema):
    generation_id = f.String(required=True, source="id")
    generated_recipes = f.List(
        f.Nested(GeneratedRecipeSchema),
        required=True,
        source=lambda g: [_Generated(r) for r in g.recipes],
    )
    total_recipes = f.Integer(required=True, source=lambda g: len(g.recipes))
    inventory_utilization = f.Raw(
        required=True,
        source=lambda g: {"utilization_percentage": g.utilization},
        metadata={"type": "object"},
    )
    inventory_usage = f.String(required=True, source=lambda g: f"{g.utilization}%")
    personalization_info = f.Nested(PersonalizationSchema, required=True, source="personalization")
    images = f.Nested(GenerationImagesSchema, source=_images)
    provider = f.String(required=True)
    degraded = f.Boolean(required=True)
    notes = f.List(f.String(), required=True)


class RecipePictureSchema(Schema):
    uid = f.String(required=True, source=lambda x: x[0].uid)
    title = f.String(required=True, source=lambda x: x[0].title)
    image_path = f.AbsoluteUrl(required=True, allow_none=True, source=lambda x: x[1].url)
    image_status = f.String(
        required=True,
        source=lambda x: "unavailable" if x[1].status == "none" else x[1].status,
        metadata={"enum": ["ready", "generating", "failed", "unavailable"]},
    )


def _pairs(found: Any) -> list[Any]:
    _gid, recipes, pictures = found
    return [(r, pictures[r.title]) for r in recipes]


class GenerationPicturesSchema(Schema):
    """`/api/generation/<id>/images`: polled until `images_ready` equals `total_recipes`."""

    generation_id = f.String(required=True, source=lambda x: x[0])
    recipes = f.List(f.Nested(RecipePictureSchema), required=True, source=_pairs)
    total_recipes = f.Integer(required=True, source=lambda x: len(x[1]))
    images_ready = f.Integer(
        required=True, source=lambda x: sum(1 for p in x[2].values() if p.status == "ready")
    )
    images_generated = f.Integer(
        required=True, source=lambda x: sum(1 for p in x[2].values() if p.status == "ready")
    )
    message = f.String(
        required=True,
        source=lambda x: (
            "Pictures are being drawn"
            if any(p.status == "generating" for p in x[2].values())
            else "Pictures are done"
        ),
    )


class GeneratedTitleSchema(Schema):
    uid = f.String(required=True)
    title = f.String(required=True)


class GenerationRecordSchema(Schema):
    generation_id = f.String(required=True, source="id")
    generation_type = f.String(
        required=True, source="kind", metadata={"enum": ["inventory", "custom"]}
    )
    generated_by = f.String(required=True, source="user_uid")
    provider = f.String(required=True)
    degraded = f.Boolean(required=True)
    pantry_size = f.Integer(required=True)
    utilization_percentage = f.Integer(required=True, source="utilization")
    inputs = f.Raw(
        required=True,
        metadata={"type": "object", "description": "ingredients, priorities, profile"},
    )
    recipes = f.List(f.Nested(GeneratedTitleSchema), required=True)
    notes = f.List(f.String(), required=True)
    generated_at = f.Timestamp(required=True, source="created_at")


class GenerationHistorySchema(Schema):
    generations = f.List(f.Nested(GenerationRecordSchema), required=True, source=lambda x: x)
    count = f.Integer(required=True, source=lambda x: len(x))
    page = f.Integer(required=True, source=lambda _: f.given("page"))
    per_page = f.Integer(required=True, source=lambda _: f.given("per_page"))
