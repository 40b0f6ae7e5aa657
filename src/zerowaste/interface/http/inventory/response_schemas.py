"""Inventory response shapes for the API docs (the bodies are built by inventory_views).

Dates: `expiration_date` "YYYY-MM-DDT00:00:00"; `added_at` naive UTC seconds, echoed back by the
client in `<added_at>` paths. Units and storage places are the client's Spanish labels.
"""

from __future__ import annotations

from marshmallow import Schema, fields

from zerowaste.interface.http.inventory import query_schemas as queries
from zerowaste.interface.http.inventory import schemas as requests

Str, Int, Num, Bool, Raw = fields.String, fields.Integer, fields.Float, fields.Boolean, fields.Raw


def _many(schema: type[Schema]) -> fields.List:
    return fields.List(fields.Nested(schema))


class StackSchema(Schema):
    id = Int(metadata={"description": "stable stack id"})
    quantity = Num()
    type_unit = Str(metadata={"description": "client label: unidades, kg, g, l, ml, tazas..."})
    unit_code = Str(metadata={"description": "canonical unit code: unit, kg, g, l, ml, cup..."})
    expiration_date = Str(metadata={"example": "2025-06-30T00:00:00"})
    added_at = Str(metadata={"example": "2025-06-22T20:29:12"})
    storage_type = Str(metadata={"enum": ["Refrigerado", "Congelado", "Ambiente"]})
    days_to_expire = Int(metadata={"description": "vs today; negative once expired (reads)"})
    is_expired = Bool()
    expiry_status = Str(metadata={"enum": ["fresh", "expiring", "expired"]})


class InventoryItemSchema(Schema):
    id = Int(metadata={"description": "stable item id for /api/inventory/items/<id>"})
    kind = Str(metadata={"enum": ["ingredient", "food"]})
    name = Str()
    type_unit = Str()
    storage_type = Str()
    tips = Str()
    image_path = Str()
    total_quantity = Num()
    stack_count = Int()
    nearest_expiration = Str(allow_none=True)
    stacks = _many(StackSchema)
    allergy_alert = Bool(metadata={"description": "on reads: matches the user's allergies"})
    allergens = fields.List(Str(), metadata={"description": "EU-14 codes matching the user"})
    serving_quantity = Num(metadata={"description": "foods only, like the fields below"})
    quantity = Num()
    category = Str()
    main_ingredients = fields.List(Str())
    calories = Int()
    description = Str()
    added_at = Str()
    expiration_date = Str()
    expiration_time = Int()
    time_unit = Str()


class EnrichedItemSchema(InventoryItemSchema):
    environmental_impact = Raw(allow_none=True)
    utilization_ideas = fields.List(Raw(), allow_none=True)
    consumption_advice = Raw(allow_none=True)
    before_consumption_advice = Raw(allow_none=True)
    enriched_with = fields.List(Str())
    sources = fields.List(Str())


class InventoryListSchema(Schema):
    ingredients = _many(EnrichedItemSchema)
    food_items = _many(EnrichedItemSchema)
    total_ingredients = Int()
    total_food_items = Int()
    total_stacks = Int()
    as_of = Str(metadata={"description": "today's date the expiry figures use"})
    enriched_with = fields.List(Str(), metadata={"description": "/complete only"})


class SimpleRowSchema(StackSchema):
    name = Str()
    item_id = Int()
    stack_id = Int()
    tips = Str()
    image_path = Str()
    expiration_time = Int(metadata={"description": "days left (0 once expired)"})
    time_unit = Str(metadata={"example": "Días"})


class InventorySimpleSchema(Schema):
    ingredients = _many(SimpleRowSchema)
    total_items = Int()
    format = Str()


class InventoryExpiringSchema(Schema):
    expiring_items = _many(EnrichedItemSchema)
    within_days = Int()
    count = Int()


class IngredientNamesSchema(Schema):
    ingredients = fields.List(Str())
    total_ingredients = Int()


class IngredientDetailSchema(EnrichedItemSchema):
    fetched_at = Str()


class FoodDetailSchema(IngredientDetailSchema):
    calories_per_serving = Num()
    total_calories = Int()
    nutritional_analysis = Raw(allow_none=True)
    consumption_ideas = fields.List(Raw(), allow_none=True)
    storage_advice = Raw()


class JournalEntrySchema(Schema):
    id = Int()
    item_id = Int(allow_none=True)
    item_name = Str()
    kind = Str()
    stack_id = Int(allow_none=True)
    stack_added_at = Str()
    quantity = Num()
    unit = Str()
    type_unit = Str()
    reason = Str(metadata={"enum": list(queries.JOURNAL_REASONS)})
    occurred_at = Str(metadata={"description": "UTC"})
    recipe_used = Str(allow_none=True)
    note = Str(allow_none=True)


class JournalPageSchema(Schema):
    entries = _many(JournalEntrySchema)
    count = Int()
    limit = Int()
    offset = Int()


class UsageResultSchema(Schema):
    consumed_quantity = Num()
    remaining_quantity = Num(metadata={"description": "of the named stack (0 once removed)"})
    item_remaining_quantity = Num()
    unit = Str()
    stack_removed = Bool()
    item_removed = Bool()
    reason = Str(allow_none=True)
    journal = _many(JournalEntrySchema)
    environmental_impact = Raw(allow_none=True, metadata={"description": "co2_saved, water_saved"})
    item = fields.Nested(InventoryItemSchema, allow_none=True)


class IngredientConsumptionSchema(UsageResultSchema):
    message = Str()
    action = Str(metadata={"enum": ["full_consumption", "partial_consumption"]})
    ingredient = Str()
    consumed_at = Str()
    original_added_at = Str()
    consumption_data = Raw(metadata={"description": "remaining_quantity, consumed_quantity..."})


class FoodConsumptionSchema(UsageResultSchema):
    message = Str()
    food = Str()
    consumed_portions = Num()
    remaining_portions = Num()
    food_removed = Bool()
    food_details = Raw()
    consumption_date = Str()
    consumption_data = Raw()


class ItemMessageSchema(Schema):
    message = Str()
    id = Int()
    name = Str()
    item = fields.Nested(InventoryItemSchema, allow_none=True)


class ItemUpdatedSchema(ItemMessageSchema):
    ingredient = Str()


class StackDeletedSchema(ItemUpdatedSchema):
    kind = Str()
    deleted_stack_added_at = Str()
    note = Str()


class ItemDeletedSchema(ItemUpdatedSchema):
    deleted = Str(metadata={"example": "all_stacks"})


class QuantitySetSchema(ItemUpdatedSchema):
    food = Str()
    new_quantity = Num()
    new_serving_quantity = Num()


class ExpirationSetSchema(ItemUpdatedSchema):
    expiration_date = Str()


class AddedItemsSchema(Schema):
    message = Str()
    count = Int()
    ingredients = _many(InventoryItemSchema)


class RecognitionAddedSchema(Schema):
    message = Str()
    source = Str()
    ingredients_count = Int()
    foods_count = Int()
    enhanced_data = _many(InventoryItemSchema)


class AddItemResultSchema(Schema):
    message = Str()
    item_type = Str(metadata={"enum": ["ingredient", "food"]})
    id = Int()
    item = fields.Nested(InventoryItemSchema, metadata={"description": "POST /api/inventory"})
    item_data = fields.Nested(InventoryItemSchema, metadata={"description": "add_item"})


DEFINITIONS: list[tuple[str, type[Schema]]] = [  # nested schemas before their parents
    ("StockLine", requests.StockLineSchema),
    ("FoodLine", requests.FoodLineSchema),
    ("InventoryStack", StackSchema),
    ("InventoryItem", InventoryItemSchema),
    ("EnrichedItem", EnrichedItemSchema),
    ("InventorySimpleRow", SimpleRowSchema),
    ("JournalEntry", JournalEntrySchema),
    ("IngredientDetail", IngredientDetailSchema),
    ("UsageResult", UsageResultSchema),
    ("ItemUpdated", ItemUpdatedSchema),
    ("AddIngredients", requests.AddIngredientsSchema),
    ("FromRecognition", requests.FromRecognitionSchema),
    ("AddItem", requests.AddItemSchema),
    ("UpdateStack", requests.UpdateStackSchema),
    ("SetQuantity", requests.SetQuantitySchema),
    ("SetExpiration", requests.SetExpirationSchema),
    ("ConsumeIngredient", requests.ConsumeIngredientSchema),
    ("ConsumeFood", requests.ConsumeFoodSchema),
    ("ConsumeItem", requests.ConsumeItemSchema),
    ("WasteItem", requests.WasteItemSchema),
    ("InventoryList", InventoryListSchema),
    ("InventorySimple", InventorySimpleSchema),
    ("InventoryExpiring", InventoryExpiringSchema),
    ("IngredientNames", IngredientNamesSchema),
    ("FoodDetail", FoodDetailSchema),
    ("JournalPage", JournalPageSchema),
    ("IngredientConsumption", IngredientConsumptionSchema),
    ("FoodConsumption", FoodConsumptionSchema),
    ("StackDeleted", StackDeletedSchema),
    ("ItemDeleted", ItemDeletedSchema),
    ("QuantitySet", QuantitySetSchema),
    ("ExpirationSet", ExpirationSetSchema),
    ("AddedItems", AddedItemsSchema),
    ("RecognitionAdded", RecognitionAddedSchema),
    ("AddItemResult", AddItemResultSchema),
]
