"""Response schemas: the JSON each operation must answer, as pydantic models.

The SDK sends them as `responseSchema` (enums, required fields and property order included) and
validates the reply against them. Closed vocabularies are enums the model must pick from;
a `BeforeValidator` first maps the spellings a model still slips into ("refrigerado",
"Refrigerator", "days") onto the enum with the domain's own alias tables, so a case or
language slip does not throw a whole answer away. Free numbers are checked later, where the
answer is mapped (a 0-day expiry becomes the contract's default, not a failed call).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field

from zerowaste.domain.inventory.expiry import InvalidTimeUnit, normalize_time_unit, time_unit_label
from zerowaste.domain.shared.storage import InvalidStoragePlace, normalize_storage, storage_label
from zerowaste.domain.shared.text import strip_accents
from zerowaste.domain.shared.units import InvalidUnit, normalize_unit


def _storage(value: object) -> object:
    try:
        return storage_label(normalize_storage(str(value)), "es")
    except InvalidStoragePlace:
        return value


def _time_unit(value: object) -> object:
    try:
        return time_unit_label(normalize_time_unit(str(value)), "es")
    except InvalidTimeUnit:
        return value


def _unit(value: object) -> object:
    try:
        return normalize_unit(str(value))
    except InvalidUnit:
        return "unit"  # an odd count word ("puñado") is still a count, not a failed answer


def _folded(table: dict[str, str]) -> BeforeValidator:
    def pick(value: object) -> object:
        return table.get(strip_accents(str(value)).strip(), value)

    return BeforeValidator(pick)


def _whole(value: object) -> object:
    return round(value) if isinstance(value, float) else value


Storage = Annotated[Literal["Refrigerado", "Congelado", "Ambiente"], BeforeValidator(_storage)]
TimeUnit = Annotated[Literal["Días", "Semanas", "Meses", "Años"], BeforeValidator(_time_unit)]
Whole = Annotated[int, BeforeValidator(_whole)]
# Every unit code of the domain (domain.shared.units; a unit test keeps the two lists equal).
UnitCode = Annotated[
    Literal[
        "unit",
        "dozen",
        "g",
        "kg",
        "mg",
        "lb",
        "oz",
        "ml",
        "l",
        "cup",
        "tbsp",
        "tsp",
        "fl_oz",
        "pack",
        "can",
        "bottle",
        "bunch",
        "slice",
        "clove",
        "serving",
    ],
    BeforeValidator(_unit),
]
FoodCategory = Annotated[
    Literal["Entrada", "Plato principal", "Postre", "Bebida"],
    _folded(
        {
            "entrada": "Entrada",
            "starter": "Entrada",
            "appetizer": "Entrada",
            "plato principal": "Plato principal",
            "main course": "Plato principal",
            "main dish": "Plato principal",
            "postre": "Postre",
            "dessert": "Postre",
            "bebida": "Bebida",
            "drink": "Bebida",
            "beverage": "Bebida",
        }
    ),
]
Confidence = Annotated[float | None, Field(description="0 to 1")]
Box2d = Annotated[
    list[int] | None, Field(description="[ymin, xmin, ymax, xmax], 0-1000 scale of the photo")
]


class Ingredient(BaseModel):
    """D.1: one raw ingredient."""

    name: str
    description: str
    quantity: float
    type_unit: UnitCode
    storage_type: Storage
    expiration_time: Whole
    time_unit: TimeUnit
    tips: str
    confidence: Confidence = None
    image: Annotated[int | None, Field(description="1-based photo number")] = None
    box_2d: Box2d = None


class Food(BaseModel):
    """D.2: one prepared dish or drink."""

    name: str
    main_ingredients: list[str]
    category: FoodCategory
    calories: Whole
    description: str
    storage_type: Storage
    expiration_time: Whole
    time_unit: TimeUnit
    tips: str
    serving_quantity: float
    confidence: Confidence = None
    image: Annotated[int | None, Field(description="1-based photo number")] = None
    box_2d: Box2d = None


class IngredientsReply(BaseModel):
    ingredients: list[Ingredient]


class FoodsReply(BaseModel):
    foods: list[Food]


class BatchReply(BaseModel):
    """D.3: both kinds from several photos."""

    ingredients: list[Ingredient]
    foods: list[Food]


VisionReply = IngredientsReply | FoodsReply | BatchReply


class Impact(BaseModel):
    """D.4: footprints per kg of the product; the units are fixed by the field names."""

    carbon_kg_co2e_per_kg: Annotated[float, Field(ge=0)]
    water_l_per_kg: Annotated[float, Field(ge=0)]
    sustainability_message: str


class Idea(BaseModel):
    """D.5: one way to use it up."""

    title: str
    description: str
    type: Literal["preservation", "preparation", "reuse", "recycling"]


class ConsumptionAdvice(BaseModel):
    optimal_consumption: str
    preparation_tips: str
    nutritional_benefits: str
    recommended_portions: str


class BeforeConsumptionAdvice(BaseModel):
    quality_check: str
    safety_tips: str
    preparation_notes: str
    special_considerations: str


class AdviceReply(BaseModel):
    """D.4 + D.5 + D.6 in one answer."""

    environmental_impact: Impact
    utilization_ideas: list[Idea]
    consumption_advice: ConsumptionAdvice
    before_consumption_advice: BeforeConsumptionAdvice


class RecipeIngredient(BaseModel):
    name: str
    quantity: Annotated[float, Field(ge=0)]
    type_unit: str


class RecipeStep(BaseModel):
    step_order: Whole
    description: str


Difficulty = Annotated[
    Literal["easy", "intermediate", "difficult"],
    _folded(
        {
            "facil": "easy",
            "intermedio": "intermediate",
            "intermedia": "intermediate",
            "media": "intermediate",
            "medium": "intermediate",
            "dificil": "difficult",
            "hard": "difficult",
            "avanzado": "difficult",
            "advanced": "difficult",
        }
    ),
]
MealCategory = Annotated[
    Literal["desayuno", "almuerzo", "cena", "postre"],
    _folded({"breakfast": "desayuno", "lunch": "almuerzo", "dinner": "cena", "dessert": "postre"}),
]


class Recipe(BaseModel):
    """D.7: one recipe (difficulty as a code here; the label in the user's language later)."""

    title: str
    duration: str
    difficulty: Difficulty
    category: MealCategory
    description: str
    ingredients: list[RecipeIngredient]
    steps: list[RecipeStep]
    footer: str


class RecipesReply(BaseModel):
    recipes: list[Recipe]


class FoodFootprint(BaseModel):
    """D.8 fallback: one food's footprints per kg (units fixed by the field names)."""

    name: str
    carbon_kg_co2e_per_kg: Annotated[float, Field(ge=0)]
    water_l_per_kg: Annotated[float, Field(ge=0)]


class FootprintsReply(BaseModel):
    footprints: list[FoodFootprint]
