"""The recipe book: what a household saved, the public catalog, favourites and the gallery.

A household reads the public catalog and its own recipes (saved and generated), never another
household's. Saving the client's payload stores a copy owned by the caller's household; saving
the same title again is allowed (two versions), but deleting by title removes every one of the
household's recipes with that title (the client deletes by title; 404 when none matches).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.ports import (
    CookRecord,
    Favorite,
    GenerationRecord,
    Page,
    RecipeFilter,
    RecipesUnitOfWork,
    RecipeVectors,
)
from zerowaste.application.recipes.vectors import SavedRecipeVectors
from zerowaste.domain.households.roles import POLICY, Action
from zerowaste.domain.pictures import name_key
from zerowaste.domain.recipes import defaults
from zerowaste.domain.recipes.recipe import (
    MAX_LINES,
    MAX_STEPS,
    Recipe,
    RecipeIngredient,
    RecipeNotFound,
    minutes_of,
    normalize_difficulty,
    title_key,
)
from zerowaste.domain.shared.errors import InvalidInput, NotFound

MAX_PAGE = 100


@dataclass(frozen=True)
class RecipeDraft:
    """A recipe as the client sends it to be saved (row 46)."""

    title: str
    description: str = ""
    ingredients: list[RecipeIngredient] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    duration: str = ""
    difficulty: str = ""
    category: str = ""
    image_path: str | None = None
    footer: str = ""
    servings: int | None = None


class RecipeBook:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecipesUnitOfWork],
        clock: Clock,
        public: PublicCatalog,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
        vectors: RecipeVectors | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._public = public
        self._new_id = new_id
        self._vectors = SavedRecipeVectors(vectors)

    def save(self, user_uid: str, draft: RecipeDraft, *, uid: str | None = None) -> Recipe:
        """`uid`: the saved recipe's uid when the caller needs a stable one (a job's rerun
        finds the recipe it saved); a new one otherwise."""
        recipe = self.compose(draft, uid=uid)
        with self._uow_factory() as uow:
            user = uow.users.get(user_uid)
            if user is None:
                raise NotFound("Profile not found", code="profile_not_found")
            POLICY.require(user.household_role, Action.CHANGE_RECIPES)
            # Once the caller may save (a viewer's refusal embeds nothing), before any write:
            # a plain read holds no lock while the text is embedded (~12 ms), only its pooled
            # connection.
            vectors = self._vectors.before_commit([recipe])  # its text, not its owner, counts
            recipe.household_id, recipe.added_by = user.household_id, user_uid
            recipe.lang = user.profile.language or "es"
            uow.recipes.add(recipe)
            uow.commit()
        self._vectors.after_commit(vectors)
        return recipe

    def require_change(self, user_uid: str) -> None:
        """Refuse (PermissionDenied) a caller who may not change their household's book (a
        viewer): what a use case that saves to it later, in a job, asks before queueing it."""
        with self._uow_factory.read() as uow:
            self._household(uow, user_uid, change=True)

    def compose(self, draft: RecipeDraft, *, uid: str | None = None) -> Recipe:
        """The saved recipe a draft becomes (checked; not stored, no owner yet): `save` stores
        it, the meal planner stores it in its own transaction with the plan's slots."""
        if len(draft.ingredients) > MAX_LINES or len(draft.steps) > MAX_STEPS:
            raise InvalidInput("Too many ingredient lines or steps", code="recipe_too_long")
        return Recipe(
            uid=uid or self._new_id(),
            title=draft.title.strip(),
            source="saved",
            description=draft.description,
            category=draft.category.strip().lower(),
            difficulty=normalize_difficulty(draft.difficulty),
            duration=draft.duration,
            minutes=minutes_of(draft.duration),
            servings=draft.servings,
            ingredients=list(draft.ingredients),
            steps=list(draft.steps),
            footer=draft.footer,
            image_key=draft.image_path or None,
            created_at=self._clock.now(),
        )

    def saved(self, user_uid: str, limit: int = MAX_PAGE, offset: int = 0) -> Page:
        return self.search(user_uid, RecipeFilter(sources=("saved",)), limit, offset)

    def gallery(self, user_uid: str, limit: int = MAX_PAGE, offset: int = 0) -> Page:
        return self.search(user_uid, RecipeFilter(sources=("generated",)), limit, offset)

    def search(self, user_uid: str, wanted: RecipeFilter, limit: int, offset: int) -> Page:
        with self._uow_factory.read() as uow:
            household = self._household(uow, user_uid)
            page = uow.recipes.visible(household, wanted, min(limit, MAX_PAGE), max(0, offset))
            return replace(page, recipes=_with_pictures(uow, page.recipes))

    def get(self, user_uid: str, uid: str) -> Recipe:
        with self._uow_factory.read() as uow:
            household = self._household(uow, user_uid)
            recipe = uow.recipes.get(uid)
            pictured = _with_pictures(uow, [recipe]) if recipe else []
        if recipe is None or not (recipe.is_public or recipe.household_id == household):
            raise RecipeNotFound("Recipe not found")
        return pictured[0]

    def generation(self, user_uid: str, generation_id: str) -> list[Recipe]:
        """The recipes of one of the household's generations (NotFound for anyone else's)."""
        with self._uow_factory.read() as uow:
            household = self._household(uow, user_uid)
            found = uow.recipes.of_generation(household, generation_id)
        if not found:
            raise NotFound("Generation not found", code="generation_not_found")
        return found

    def defaults(self, category: str) -> tuple[list[Recipe], dict[str, int]]:
        """Row 49: catalog recipes of a default category, and how many each category has."""
        if category and category not in defaults.DEFAULT_CATEGORIES:
            raise InvalidInput(
                "Unknown category",
                code="invalid_category",
                details={"allowed": list(defaults.DEFAULT_CATEGORIES)},
            )
        with self._uow_factory.read() as uow:
            catalog = self._public.recipes(uow)
        grouped = defaults.group(catalog)
        summary = {name: len(found) for name, found in grouped.items()}
        chosen = grouped.get(category or defaults.FEATURED, [])
        if not chosen:
            raise RecipeNotFound("No recipes in this category")
        return chosen[: defaults.PER_CATEGORY], summary

    def delete_by_title(self, user_uid: str, title: str) -> int:
        with self._uow_factory() as uow:
            household = self._household(uow, user_uid, change=True)
            uids = uow.recipes.uids_by_title(household, title_key(title))
            if not uids:
                raise RecipeNotFound("No saved recipe has this title")
            count = uow.recipes.delete(household, uids)
            uow.commit()
        return count

    def delete(self, user_uid: str, uid: str) -> None:
        with self._uow_factory() as uow:
            household = self._household(uow, user_uid, change=True)
            if not uow.recipes.delete(household, [uid]):
                raise RecipeNotFound("Recipe not found")  # the catalog's too: not theirs
            uow.commit()

    def favorite(self, user_uid: str, uid: str, rating: int | None, notes: str) -> Favorite:
        recipe = self.get(user_uid, uid)
        now = self._clock.now()
        with self._uow_factory() as uow:
            uow.favorites.put(user_uid, uid, rating, notes, now)
            uow.commit()
        return Favorite(recipe, rating, notes, now)

    def unfavorite(self, user_uid: str, uid: str) -> None:
        with self._uow_factory() as uow:
            removed = uow.favorites.remove(user_uid, uid)
            uow.commit()
        if not removed:
            raise RecipeNotFound("This recipe is not a favourite")

    def favorites(self, user_uid: str, limit: int = MAX_PAGE, offset: int = 0) -> list[Favorite]:
        with self._uow_factory.read() as uow:
            return uow.favorites.of_user(user_uid, min(limit, MAX_PAGE), max(0, offset))

    def cook_history(self, user_uid: str, limit: int, offset: int) -> list[CookRecord]:
        with self._uow_factory.read() as uow:
            household = self._household(uow, user_uid)
            return uow.cooks.of_household(household, min(limit, MAX_PAGE), max(0, offset))

    def generations(self, user_uid: str, limit: int, offset: int) -> list[GenerationRecord]:
        """The household's generations, newest first (what was asked, who answered)."""
        with self._uow_factory.read() as uow:
            household = self._household(uow, user_uid)
            return uow.generations.of_household(household, min(limit, MAX_PAGE), max(0, offset))

    def _household(self, uow: RecipesUnitOfWork, user_uid: str, *, change: bool = False) -> str:
        """The caller's household; `change`: one whose book they may change (not a viewer)."""
        user = uow.users.get(user_uid)
        if user is None:
            raise NotFound("Profile not found", code="profile_not_found")
        if change:
            POLICY.require(user.household_role, Action.CHANGE_RECIPES)
        return user.household_id


def _with_pictures(uow: RecipesUnitOfWork, recipes: list[Recipe]) -> list[Recipe]:
    """Generated recipes show the picture drawn for their title once it is ready (one query)."""
    wanted = [r for r in recipes if r.source == "generated" and not r.image_key]
    if not wanted:
        return recipes
    states = uow.pictures.states("recipe", sorted({name_key(r.title) for r in wanted}))
    shown = []
    for recipe in recipes:
        state = states.get(name_key(recipe.title)) if recipe in wanted else None
        if state is not None and state.status == "ready" and state.key:
            recipe = replace(recipe, image_key=state.key)
        shown.append(recipe)
    return shown


def quantity_of(value: object) -> Decimal | None:
    """A client's quantity (number, numeric text, or "Al gusto") as a Decimal, else None."""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    return number if number.is_finite() and number >= 0 else None
