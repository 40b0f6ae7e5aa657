"""The inventory schemas the spec defines (interface.http.definitions:
the names routes $ref, nested schemas first)."""

from __future__ import annotations

from zerowaste.interface.http.inventory import add_schemas as adds
from zerowaste.interface.http.inventory import change_schemas as changes
from zerowaste.interface.http.inventory import enrichment_schemas as enrichment
from zerowaste.interface.http.inventory import item_schemas as items
from zerowaste.interface.http.inventory import list_schemas as lists
from zerowaste.interface.http.inventory import usage_schemas as usage
from zerowaste.interface.http.inventory import write_schemas as writes
from zerowaste.interface.http.schemas import Definitions

INVENTORY_REQUESTS: Definitions = [
    ("StockLine", adds.StockLineSchema),
    ("FoodLine", adds.FoodLineSchema),
    ("AddIngredients", adds.AddIngredientsSchema),
    ("FromRecognition", adds.FromRecognitionSchema),
    ("AddItem", adds.AddItemSchema),
    ("UpdateStack", changes.UpdateStackSchema),
    ("SetQuantity", changes.SetQuantitySchema),
    ("SetExpiration", changes.SetExpirationSchema),
    ("ConsumeIngredient", changes.ConsumeIngredientSchema),
    ("ConsumeFood", changes.ConsumeFoodSchema),
    ("ConsumeItem", changes.ConsumeItemSchema),
    ("WasteItem", changes.WasteItemSchema),
]
INVENTORY_ITEMS: Definitions = [
    ("Footprint", enrichment.FootprintSchema),
    ("EnvironmentalImpact", enrichment.EnvironmentalImpactSchema),
    ("UtilizationIdea", enrichment.UtilizationIdeaSchema),
    ("ConsumptionAdvice", enrichment.ConsumptionAdviceSchema),
    ("BeforeConsumptionAdvice", enrichment.BeforeConsumptionAdviceSchema),
    ("InventoryStack", items.StackSchema),
    ("InventoryItem", items.InventoryItemSchema),
    ("ListedIngredient", items.ListedIngredientSchema),
    ("ListedFood", items.ListedFoodSchema),
    ("EnrichedIngredient", items.EnrichedIngredientSchema),
    ("EnrichedFood", items.EnrichedFoodSchema),
    ("IngredientDetail", items.IngredientDetailSchema),
    ("StorageAdvice", items.StorageAdviceSchema),
    ("FoodDetail", items.FoodDetailSchema),
    ("InventoryList", lists.InventoryListSchema),
    ("InventoryComplete", lists.InventoryCompleteSchema),
    ("InventorySimpleRow", lists.SimpleRowSchema),
    ("InventorySimple", lists.InventorySimpleSchema),
    ("ExpiringItem", lists.ExpiringItemSchema),
    ("InventoryExpiring", lists.InventoryExpiringSchema),
    ("IngredientNames", lists.IngredientNamesSchema),
]
INVENTORY_WRITES: Definitions = [
    ("ItemDeleted", writes.ItemDeletedSchema),
    ("ItemChanged", writes.ItemChangedSchema),
    ("IngredientDeleted", writes.IngredientDeletedSchema),
    ("StackDeleted", writes.StackDeletedSchema),
    ("QuantitySet", writes.QuantitySetSchema),
    ("ServingsSet", writes.ServingsSetSchema),
    ("ExpirationSet", writes.ExpirationSetSchema),
    ("AddedItems", writes.AddedItemsSchema),
    ("RecognitionAdded", writes.RecognitionAddedSchema),
    ("ItemAdded", writes.ItemAddedSchema),
    ("AddItemResult", writes.AddItemResultSchema),
    ("JournalEntry", usage.JournalEntrySchema),
    ("JournalRecord", usage.JournalRecordSchema),
    ("JournalPage", usage.JournalPageSchema),
    ("ImpactSaved", usage.ImpactSavedSchema),
    ("UsageResult", usage.UsageResultSchema),
    ("ConsumptionData", usage.ConsumptionDataSchema),
    ("IngredientConsumption", usage.IngredientConsumptionSchema),
    ("FoodDetails", usage.FoodDetailsSchema),
    ("FoodConsumptionData", usage.FoodConsumptionDataSchema),
    ("FoodConsumption", usage.FoodConsumptionSchema),
]
DEFINITIONS: Definitions = [*INVENTORY_REQUESTS, *INVENTORY_ITEMS, *INVENTORY_WRITES]
