"""Named weeks and templates (the `meal_plans` rows).

A plan names a week of the household's slots (its `week_start` is that Monday) and carries its
notes: the slots are not copied into it, the week is a view of the one store. A template is a
snapshot of a week's slots by weekday; applying it to another week writes those slots on the
same weekdays of that week (dates shifted), replacing what those positions held.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from zerowaste.domain.meal_plans.slots import Slot
from zerowaste.domain.recipes.recipe import Recipe

MAX_NAME = 120


@dataclass
class TemplateSlot:
    weekday: int  # 0 Monday .. 6 Sunday
    meal_type: str
    recipe_uid: str
    servings: int | None = None
    notes: str = ""
    recipe: Recipe | None = None


@dataclass
class MealPlan:
    household_id: str
    name: str
    week_start: date | None  # None for a template
    is_template: bool = False
    notes: str = ""
    id: int | None = None
    created_by: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    template_slots: list[TemplateSlot] = field(default_factory=list)


def snapshot(slots: list[Slot], week_start: date) -> list[TemplateSlot]:
    """A week's slots by weekday (a template's content)."""
    return [
        TemplateSlot(
            (s.date - week_start).days, s.meal_type, s.recipe_uid, s.servings, s.notes, s.recipe
        )
        for s in slots
        if 0 <= (s.date - week_start).days < 7
    ]


def shifted(template: list[TemplateSlot], week_start: date) -> list[Slot]:
    """A template's slots on the days of the week starting at `week_start`."""
    return [
        Slot(week_start + timedelta(days=t.weekday), t.meal_type, t.recipe_uid, t.servings, t.notes)
        for t in template
    ]
