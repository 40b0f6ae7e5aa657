"""Shopping lists as the client reads them: items grouped by aisle, each with its price
estimate and source, and the list's totals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema

from zerowaste.domain.shopping import aisles
from zerowaste.domain.shopping.lists import ShoppingItem, ShoppingList
from zerowaste.interface.http import response_fields as f


class ShoppingItemSchema(Schema):
    id = f.Integer(required=True)
    name = f.String(required=True)
    quantity = f.Whole(required=True, allow_none=True)
    unit = f.String(required=True, allow_none=True, metadata={"description": "unit code"})
    unit_label = f.UnitLabel(required=True, allow_none=True, source="unit")
    aisle = f.String(required=True)
    aisle_label = f.String(required=True, source=lambda i: aisles.label(i.aisle, "es"))
    source = f.String(required=True, metadata={"enum": ["plan", "manual"]})
    checked = f.Boolean(required=True)
    bought = f.Boolean(required=True)
    bought_at = f.Timestamp(required=True, allow_none=True)
    needed_on = f.String(
        required=True,
        allow_none=True,
        source=lambda i: i.needed_on.isoformat() if i.needed_on else None,
    )
    recipes = f.List(f.String(), required=True)
    note = f.String(required=True)
    price_estimate_mxn = f.Float(required=True, allow_none=True, source="price_mxn")
    price_source = f.String(required=True, allow_none=True)


class AisleSchema(Schema):
    aisle = f.String(required=True, source=lambda x: x[0])
    label = f.String(required=True, source=lambda x: aisles.label(x[0], "es"))
    items = f.List(f.Nested(ShoppingItemSchema), required=True, source=lambda x: x[1])


def _by_aisle(found: ShoppingList) -> list[tuple[str, list[ShoppingItem]]]:
    grouped: dict[str, list[ShoppingItem]] = {}
    for item in sorted(found.items, key=lambda i: (aisles.ORDER.get(i.aisle, 99), i.name)):
        grouped.setdefault(item.aisle, []).append(item)
    return list(grouped.items())


def _totals(found: ShoppingList) -> dict[str, Any]:
    pending = found.pending
    priced = [i.price_mxn for i in pending if i.price_mxn is not None]
    return {
        "items": len(found.items),
        "pending": len(pending),
        "checked": sum(1 for i in pending if i.checked),
        "bought": len(found.items) - len(pending),
        "estimated_total_mxn": float(sum(priced, Decimal(0))),
        "priced_items": len(priced),
        "unpriced_items": len(pending) - len(priced),
    }


class TotalsSchema(Schema):
    items = f.Integer(required=True, source=lambda t: t["items"])
    pending = f.Integer(required=True, source=lambda t: t["pending"])
    checked = f.Integer(required=True, source=lambda t: t["checked"])
    bought = f.Integer(required=True, source=lambda t: t["bought"])
    estimated_total_mxn = f.Float(
        required=True,
        source=lambda t: t["estimated_total_mxn"],
        metadata={"description": "sum of the pending items' estimates (priced ones only)"},
    )
    priced_items = f.Integer(required=True, source=lambda t: t["priced_items"])
    unpriced_items = f.Integer(required=True, source=lambda t: t["unpriced_items"])


class ShoppingListSchema(Schema):
    id = f.Integer(required=True)
    name = f.String(required=True)
    status = f.String(required=True, metadata={"enum": ["active", "archived"]})
    created_at = f.Timestamp(required=True)
    start_date = f.String(required=True, allow_none=True, source=lambda x: _iso(x.start_date))
    end_date = f.String(required=True, allow_none=True, source=lambda x: _iso(x.end_date))
    aisles = f.List(f.Nested(AisleSchema), required=True, source=_by_aisle)
    totals = f.Nested(TotalsSchema, required=True, source=_totals)
    price_sources = f.List(
        f.String(),
        required=True,
        source=lambda x: sorted({i.price_source for i in x.items if i.price_source}),
    )


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


class ShoppingListPageSchema(Schema):
    lists = f.List(f.Nested(ShoppingListSchema), required=True, source=lambda x: x)
    count = f.Integer(required=True, source=lambda x: len(x))
    page = f.Integer(required=True, source=lambda _: f.given("page"))
    per_page = f.Integer(required=True, source=lambda _: f.given("per_page"))


class StockedSchema(Schema):
    name = f.String(required=True, source="item.name")
    id = f.Integer(required=True, source="item.id")


class PurchaseResultSchema(Schema):
    message = f.Constant("Items bought")
    shopping_list = f.Nested(ShoppingListSchema, required=True)
    bought = f.List(f.Nested(ShoppingItemSchema), required=True)
    stocked = f.List(
        f.Nested(StockedSchema),
        required=True,
        metadata={"description": "inventory items that got a new stack"},
    )
    not_stocked = f.List(
        f.String(),
        required=True,
        source=lambda p: [i.name for i in p.not_stocked],
        metadata={"description": "bought without an amount: not added to the inventory"},
    )
