"""The meal plan, shopping list and recipe book as documents, from what the planner, the
shopping lists and the recipe book store for the caller's household."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from zerowaste.application.reports.ports import Sources
from zerowaste.domain import images
from zerowaste.domain.meal_plans.calendar import Week
from zerowaste.domain.meal_plans.slots import MEAL_TYPES, Slot
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.reports import labels
from zerowaste.domain.reports.document import (
    CheckLine,
    Checklist,
    Document,
    Figures,
    RecipeCard,
    Section,
    WeekGrid,
)
from zerowaste.domain.shared.errors import NotFound
from zerowaste.domain.shopping import aisles
from zerowaste.domain.shopping.lists import ShoppingList

BOOK_LIMIT = 100  # saved and favourite recipes each (the recipe book's page size)
ALWAYS_SHOWN_MEALS = ("breakfast", "lunch", "dinner")


def meal_plan(sources: Sources, user_uid: str, week: Week, lang: str, today: date) -> Document:
    """The week as a grid of meals by day, then one card per recipe planned."""
    view = sources.planner.week(user_uid, week)
    t = labels.text
    subtitle = t(lang, "week", week=week.id, start=week.start, end=week.end)
    sections: list[Section] = []
    if view.slots:
        sections.append(Section(t(lang, "meals_by_day"), (_grid(view.slots, week, lang),)))
        recipes = _distinct(s.recipe for s in view.slots)
        cards = tuple(_card(r, lang, sources, user_uid) for r in recipes)
        if cards:
            sections.append(Section(t(lang, "recipes"), cards, new_page=True))
    return Document(
        "meal-plan",
        lang,
        t(lang, "meal-plan"),
        subtitle,
        today,
        tuple(sections),
        _attributions(_distinct(s.recipe for s in view.slots)),
        t(lang, "no_meals"),
    )


def shopping_list(
    sources: Sources, user_uid: str, list_id: int | None, lang: str, today: date
) -> Document:
    """The list grouped by aisle, one checkbox per item (ticked when checked or bought)."""
    found = _shopping(sources, user_uid, list_id)
    t = labels.text
    groups: dict[str, list[CheckLine]] = {}
    order = aisles.ORDER
    for item in sorted(found.items, key=lambda i: (order.get(i.aisle, 99), i.name.casefold())):
        aisle = aisles.label(item.aisle, lang) if item.aisle else t(lang, "other_aisle")
        groups.setdefault(aisle, []).append(
            CheckLine(
                _amount(item.name, item.quantity, item.unit),
                item.checked or item.bought,
                f"~ ${item.price_mxn:.2f} MXN" if item.price_mxn is not None else "",
            )
        )
    priced = [i.price_mxn for i in found.items if i.price_mxn is not None]
    figures = [
        (t(lang, "items"), str(len(found.items))),
        (t(lang, "checked"), str(sum(1 for i in found.items if i.checked or i.bought))),
    ]
    if priced:
        figures.append((t(lang, "estimated_total"), f"${sum(priced, Decimal(0)):.2f} MXN"))
    sections = (
        (Section(found.name, (Figures(tuple(figures)), Checklist(_groups(groups)))),)
        if found.items
        else ()
    )
    subtitle = f"{found.name} · {found.created_at.date().isoformat()}"
    return Document(
        "shopping-list",
        lang,
        t(lang, "shopping-list"),
        subtitle,
        today,
        sections,
        (labels.PRICES_SOURCE,) if priced else (),
        t(lang, "no_items"),
    )


def recipe_book(sources: Sources, user_uid: str, lang: str, today: date) -> Document:
    """The caller's favourite recipes, then the rest of the saved ones, a page each."""
    favorites = sources.recipes.favorites(user_uid, BOOK_LIMIT)
    saved = sources.recipes.saved(user_uid, BOOK_LIMIT).recipes
    notes = {f.recipe.uid: f for f in favorites}
    recipes = _distinct([*(f.recipe for f in favorites), *saved])
    sections: list[Section] = []
    for recipe in recipes:
        favorite = notes.get(recipe.uid)
        extra: list[str] = []
        if favorite is not None:
            extra.append(labels.text(lang, "favorite"))
            if favorite.rating:
                extra.append(labels.text(lang, "rating", n=favorite.rating))
        card = _card(recipe, lang, sources, user_uid, extra, favorite.notes if favorite else "")
        sections.append(Section(recipe.title, (card,), new_page=bool(sections)))
    return Document(
        "recipe-book",
        lang,
        labels.text(lang, "recipe-book"),
        labels.text(lang, "generated", day=today.isoformat()),
        today,
        tuple(sections),
        _attributions(recipes),
        labels.text(lang, "no_recipes"),
    )


def _shopping(sources: Sources, user_uid: str, list_id: int | None) -> ShoppingList:
    if list_id is not None:
        return sources.shopping.get(user_uid, list_id)
    newest = sources.shopping.listed(user_uid, 1, 0)
    if not newest:
        raise NotFound("Shopping list not found", code="shopping_list_not_found")
    return newest[0]


def _grid(slots: list[Slot], week: Week, lang: str) -> WeekGrid:
    used = {s.meal_type for s in slots}
    meals = tuple(m for m in MEAL_TYPES if m in used or m in ALWAYS_SHOWN_MEALS)
    cells = tuple(
        tuple(
            tuple(_slot_text(s, lang) for s in slots if s.meal_type == meal and s.date == day)
            for day in week.days
        )
        for meal in meals
    )
    days = tuple(
        f"{name} {day.day}" for name, day in zip(labels.WEEKDAYS[lang], week.days, strict=True)
    )
    return WeekGrid(days, tuple(labels.meal(lang, m) for m in meals), cells)


def _slot_text(slot: Slot, lang: str) -> str:
    title = slot.recipe.title if slot.recipe else slot.recipe_uid
    if slot.servings:
        return f"{title} ({labels.text(lang, 'servings', n=slot.servings)})"
    return title


def _card(
    recipe: Recipe,
    lang: str,
    sources: Sources,
    user_uid: str,
    extra: Iterable[str] = (),
    notes: str = "",
) -> RecipeCard:
    facts = [
        labels.text(lang, "servings", n=recipe.servings) if recipe.servings else "",
        recipe.duration,
        recipe.difficulty,
        *extra,
    ]
    image, image_type = _image(sources, user_uid, recipe.image_key)
    return RecipeCard(
        recipe.title,
        tuple(f for f in facts if f),
        recipe.description,
        tuple(_ingredient(i) for i in recipe.ingredients),
        tuple(recipe.steps),
        image,
        image_type,
        notes,
        recipe.attribution,
    )


def _image(sources: Sources, user_uid: str, reference: str | None) -> tuple[bytes | None, str]:
    """The recipe's picture when it is a file the caller may read (their upload, by key or by
    the URL the client saved, or a shared picture); anything else leaves the card without."""
    if not reference:
        return None, ""
    key = sources.images.stored_reference(user_uid, reference)
    if not images.readable_by(user_uid, key):
        return None, ""
    try:
        return sources.images.read_key(key)
    except NotFound:  # a picture that is gone leaves the card without one
        return None, ""


def _ingredient(line: RecipeIngredient) -> str:
    return line.text or _amount(line.name, line.quantity, line.unit)


def _amount(name: str, quantity: Decimal | None, unit: str | None) -> str:
    if quantity is None:
        return name
    number = format(quantity.normalize(), "f")
    return f"{name} — {number} {unit or ''}".rstrip()


def _distinct(recipes: Iterable[Recipe | None]) -> list[Recipe]:
    seen: dict[str, Recipe] = {}
    for recipe in recipes:
        if recipe is not None and recipe.uid not in seen:
            seen[recipe.uid] = recipe
    return list(seen.values())


def _attributions(recipes: Iterable[Recipe]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.attribution for r in recipes if r.attribution))


def _groups(groups: dict[str, list[CheckLine]]) -> tuple[tuple[str, tuple[CheckLine, ...]], ...]:
    return tuple((name, tuple(lines)) for name, lines in groups.items())
