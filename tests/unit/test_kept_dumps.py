"""KeptDumps: a recipe's dump is kept per process by uid and used again while the recipe is the
same or equal; its image URL is made for each request; other schemas and objects dump as usual."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from zerowaste.application.inventory.model import ItemView
from zerowaste.domain.inventory.items import InventoryItem, Stack
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.interface.http.inventory.item_schemas import (
    EnrichedIngredientSchema,
    ListedIngredientSchema,
)
from zerowaste.interface.http.inventory.list_schemas import ExpiringItemSchema
from zerowaste.interface.http.recipes.schemas import RecipeSchema
from zerowaste.interface.http.response_fields import DumpContext

pytestmark = pytest.mark.unit


def recipe(**changes: Any) -> Recipe:
    made = Recipe(
        uid="r1",
        title="Arroz rojo",
        source="catalog",
        ingredients=[RecipeIngredient("Arroz", Decimal(200), "g", "arroz")],
        steps=["Lavar el arroz", "Freír"],
        image_key="recipes/r1.webp",
    )
    return replace(made, **changes)


def dumped(obj: Any, base: str = "http://api/", schema: Any = None) -> Any:
    with DumpContext({"base_url": base, "image_url": lambda key: f"/files/{key}?sig={base}"}):
        return (schema or RecipeSchema()).dump(obj)


@pytest.fixture(autouse=True)
def fresh() -> Any:
    RecipeSchema.forget_kept()
    yield
    RecipeSchema.forget_kept()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The uids of the recipes marshmallow dumps field by field."""
    made: list[str] = []
    real = RecipeSchema._serialize

    def spy(self: Any, obj: Any, *, many: bool = False) -> Any:
        made.append(obj.uid)
        return real(self, obj, many=many)

    monkeypatch.setattr(RecipeSchema, "_serialize", spy)
    return made


def test_an_equal_recipe_is_dumped_once_and_its_dump_used_again(counted: list[str]) -> None:
    first = dumped(recipe())
    again = dumped(recipe())  # another object, equal: as a repository loads it again

    assert counted == ["r1"]
    assert again == first and again is not first
    assert first["steps"] == [
        {"step_order": 1, "description": "Lavar el arroz"},
        {"step_order": 2, "description": "Freír"},
    ]


def test_a_changed_recipe_is_dumped_anew(counted: list[str]) -> None:
    dumped(recipe())
    changed = dumped(recipe(title="Arroz a la mexicana"))

    assert counted == ["r1", "r1"]
    assert changed["title"] == "Arroz a la mexicana"
    assert dumped(recipe(title="Arroz a la mexicana")) == changed and len(counted) == 2


def test_the_image_url_is_made_for_each_request_in_its_place(counted: list[str]) -> None:
    first = dumped(recipe(), base="http://one/")
    second = dumped(recipe(), base="http://two/")

    assert counted == ["r1"]
    assert first["image_path"] == "http://one/files/recipes/r1.webp?sig=http://one/"
    assert second["image_path"] == "http://two/files/recipes/r1.webp?sig=http://two/"
    assert list(second) == list(first)  # same keys, same order
    assert dumped(recipe(image_key=None))["image_path"] is None


def test_answers_do_not_share_their_top_level_dict() -> None:
    first = dumped(recipe())
    first["title"] = "changed by one answer"

    assert dumped(recipe())["title"] == "Arroz rojo"


def test_a_narrowed_dump_is_neither_kept_nor_served(counted: list[str]) -> None:
    full = dumped(recipe())
    with DumpContext({"base_url": "http://api/", "image_url": lambda key: key}):
        assert RecipeSchema(only=("uid",)).dump(recipe(title="Otro")) == {"uid": "r1"}
        assert RecipeSchema(exclude=("steps",)).dump(recipe(title="Otro"))["title"] == "Otro"
    assert dumped(recipe()) == full
    assert counted == ["r1", "r1", "r1"]  # the narrowed dumps were made, the full one kept
    assert set(dumped(recipe(title="Otro"))) == set(full)


def test_objects_of_another_type_dump_as_usual(counted: list[str]) -> None:
    class Wrapped:
        def __init__(self, inner: Recipe) -> None:
            self.__dict__.update(inner.__dict__)

    wrapped = Wrapped(recipe())
    dumped(wrapped)
    dumped(wrapped)  # the very same object: kept, were its type not checked
    assert counted == ["r1", "r1"]


def item(grams: int = 500, expires: date = date(2026, 12, 10), **changes: Any) -> ItemView:
    made = InventoryItem(
        id=7,
        owner_id="h1",
        name="Arroz",
        unit="g",
        storage="pantry",
        stacks=[
            Stack(
                id=70,
                quantity=Decimal(grams),
                unit="g",
                added_at=datetime(2026, 11, 20, 10, tzinfo=UTC),
                expires_on=expires,
                storage="pantry",
            )
        ],
        **changes,
    )
    return ItemView(made)


def listed(view: ItemView, today: date = date(2026, 12, 1), base: str = "http://api/") -> Any:
    with DumpContext({"base_url": base, "today": today}):
        return ListedIngredientSchema().dump(view)


@pytest.fixture
def items_counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the items marshmallow dumps field by field."""
    ListedIngredientSchema.forget_kept()
    made: list[int] = []
    real = ListedIngredientSchema._serialize

    def spy(self: Any, obj: Any, *, many: bool = False) -> Any:
        made.append(obj.item.id)
        return real(self, obj, many=many)

    monkeypatch.setattr(ListedIngredientSchema, "_serialize", spy)
    yield made
    ListedIngredientSchema.forget_kept()


def test_an_item_loaded_again_unchanged_is_dumped_once(items_counted: list[int]) -> None:
    first = listed(item())
    again = listed(item())  # new entities (compared by identity), the same values

    assert items_counted == [7]
    assert again == first and first["stacks"][0]["quantity"] == 500.0


@pytest.mark.parametrize(
    "changed",
    [
        {"grams": 495},  # a stack's quantity
        {"expires": date(2026, 12, 12)},  # a stack's expiry
        {"tips": "En frasco"},  # the item's own field
    ],
)
def test_a_changed_item_is_dumped_anew(items_counted: list[int], changed: dict[str, Any]) -> None:
    before = listed(item())
    after = listed(item(**changed))

    assert items_counted == [7, 7]
    assert after != before


def test_another_day_is_another_dump(items_counted: list[int]) -> None:
    today = listed(item())
    tomorrow = listed(item(), today=date(2026, 12, 2))

    assert items_counted == [7, 7]
    assert today["stacks"][0]["days_to_expire"] == 9
    assert tomorrow["stacks"][0]["days_to_expire"] == 8


def test_an_items_image_link_is_made_for_each_request(items_counted: list[int]) -> None:
    first = listed(ItemView(item().item, image_url="/files/a.webp?expires=1"))
    again = listed(ItemView(item().item, image_url="/files/a.webp?expires=2"), base="http://o/")

    assert items_counted == [7]  # signed anew, the rest of the item the same: kept
    assert first["image_path"] == "http://api/files/a.webp?expires=1"
    assert again["image_path"] == "http://o/files/a.webp?expires=2"
    assert listed(item())["image_path"] == ""


@pytest.mark.parametrize(
    "view",
    [
        ItemView(item().item, allergens=["gluten"], allergy_alert=True),
        ItemView(item().item, enrichment={"tips": "x"}),
    ],
)
def test_a_changed_allergy_alert_or_enrichment_is_dumped_anew(
    items_counted: list[int], view: ItemView
) -> None:
    listed(item())
    changed = listed(view)

    assert items_counted == [7, 7]
    assert changed["allergy_alert"] is view.allergy_alert
    assert changed["allergens"] == view.allergens


def test_a_subclass_of_a_keeping_schema_dumps_its_own_fields(items_counted: list[int]) -> None:
    listed(item())
    with DumpContext({"base_url": "http://api/", "today": date(2026, 12, 1)}):
        enriched = EnrichedIngredientSchema().dump(ItemView(item().item))

    assert "environmental_impact" in enriched  # not the kept ListedIngredient dump
    assert items_counted == [7, 7]


def test_an_expiring_item_is_kept_with_its_days_for_the_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ExpiringItemSchema.forget_kept()
    expiring = ItemView(item(expires=date(2026, 12, 3)).item)
    with DumpContext({"base_url": "http://api/", "today": date(2026, 12, 1)}):
        first = ExpiringItemSchema().dump(expiring)
        again = ExpiringItemSchema().dump(ItemView(item(expires=date(2026, 12, 3)).item))
    with DumpContext({"base_url": "http://api/", "today": date(2026, 12, 2)}):
        tomorrow = ExpiringItemSchema().dump(ItemView(item(expires=date(2026, 12, 3)).item))

    assert first == again and first["days_to_expire"] == 2
    assert tomorrow["days_to_expire"] == 1
    ExpiringItemSchema.forget_kept()


def test_a_list_of_items_is_kept_item_by_item(items_counted: list[int]) -> None:
    listed(item())
    with DumpContext({"base_url": "http://api/", "today": date(2026, 12, 1)}):
        both = ListedIngredientSchema().dump([item(), item(grams=10)], many=True)

    assert items_counted == [7, 7]  # the first was kept; the second (other values) is dumped
    assert [d["stacks"][0]["quantity"] for d in both] == [500.0, 10.0]
