"""Writing slots inside a unit of work: recipes from the client's payloads, references checked,
and the recipes a plan created removed once nothing names them any more.

A meal the client sends as a full recipe is saved through the recipe book as the household's
recipe, in the same transaction as the slots. An identical recipe the household already has
(same title, lines, steps...) is reused: re-saving a plan never stores copies, and titles are
never renamed "(n)". A recipe the planner created is removed when an update or a delete leaves
it unreferenced (no slot, template, favourite or cook names it); recipes saved by other routes
are never removed by the planner.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from zerowaste.application.meal_plans.ports import MealPlansUnitOfWork
from zerowaste.application.ports.clock import Clock
from zerowaste.application.recipes.book import RecipeBook, RecipeDraft
from zerowaste.domain.households.roles import POLICY, Action
from zerowaste.domain.meal_plans.slots import Slot, check_servings, meal_type, same_recipe
from zerowaste.domain.recipes.recipe import RecipeNotFound, title_key
from zerowaste.domain.shared.errors import NotFound


@dataclass(frozen=True)
class MealChoice:
    """One meal of a day: a recipe payload to save (`draft`) or a reference (`recipe_uid`)."""

    meal_type: str
    draft: RecipeDraft | None = None
    recipe_uid: str | None = None
    servings: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class Planner:
    """Who writes: the user, their household and language."""

    user_uid: str
    household_id: str
    lang: str


class SlotWriter:
    def __init__(self, book: RecipeBook, clock: Clock) -> None:
        self._book = book
        self.clock = clock

    def planner(self, uow: MealPlansUnitOfWork, user_uid: str, *, change: bool = False) -> Planner:
        """Who plans; `change`: a write of the household's plan, which a viewer may not make."""
        user = uow.users.get(user_uid)
        if user is None:
            raise NotFound("Profile not found", code="profile_not_found")
        if change:
            POLICY.require(user.household_role, Action.CHANGE_PLANS)
        return Planner(user_uid, user.household_id, user.profile.language or "es")

    def slots(
        self, uow: MealPlansUnitOfWork, who: Planner, day: date, meals: list[MealChoice]
    ) -> list[Slot]:
        """The day's slots for these meals (payloads saved or reused, references checked)."""
        wanted = [m.recipe_uid for m in meals if m.draft is None and m.recipe_uid]
        self.check_visible(uow, who.household_id, wanted)
        found, now = [], self.clock.now()
        for meal in meals:
            uid = self._recipe_for(uow, who, meal.draft) if meal.draft else meal.recipe_uid
            found.append(
                Slot(
                    day,
                    meal.meal_type,
                    str(uid),
                    check_servings(meal.servings),
                    meal.notes,
                    added_by=who.user_uid,
                    created_at=now,
                    updated_at=now,
                )
            )
        return found

    def stamped(self, who: Planner, slots: list[Slot]) -> list[Slot]:
        """Slots as `who` writes them now (meal types and servings checked)."""
        now = self.clock.now()
        return [
            replace(
                s,
                meal_type=meal_type(s.meal_type),
                servings=check_servings(s.servings),
                added_by=who.user_uid,
                created_at=now,
                updated_at=now,
            )
            for s in slots
        ]

    def check_visible(self, uow: MealPlansUnitOfWork, household_id: str, uids: list[str]) -> None:
        """Every recipe must be one the household may read (its own or the catalog's)."""
        if not uids:
            return
        readable = {
            r.uid
            for r in uow.meal_slots.recipes(sorted(set(uids)))
            if r.is_public or r.household_id == household_id
        }
        missing = sorted(set(uids) - readable)
        if missing:
            raise RecipeNotFound(
                "Recipe not found", code="recipe_not_found", details={"recipe_uids": missing}
            )

    def _recipe_for(self, uow: MealPlansUnitOfWork, who: Planner, draft: RecipeDraft) -> str:
        recipe = self._book.compose(draft)
        recipe.household_id, recipe.added_by, recipe.lang = who.household_id, who.user_uid, who.lang
        same_title = uow.recipes.uids_by_title(who.household_id, title_key(recipe.title))
        for known in uow.meal_slots.recipes(same_title) if same_title else []:
            if same_recipe(known, recipe):
                return known.uid
        uow.recipes.add(recipe)
        uow.meal_plans.mark_created(who.household_id, [recipe.uid])
        return recipe.uid

    def prune(self, uow: MealPlansUnitOfWork, household_id: str, candidates: list[str]) -> int:
        """Remove the planner-created recipes among `candidates` that nothing names any more."""
        created = uow.meal_plans.created(household_id, sorted(set(candidates)))
        if not created:
            return 0
        unused = sorted(set(created) - uow.meal_slots.referenced(created))
        return uow.recipes.delete(household_id, unused)
