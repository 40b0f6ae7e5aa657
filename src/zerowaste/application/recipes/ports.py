"""Ports of the recipes feature: recipe storage (the public catalog beside what households saved
and generated) and each user's favourites."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from zerowaste.application.accounts.ports import UserRepository
from zerowaste.application.inventory.ports import InventoryRepository
from zerowaste.application.pictures import PictureRepository
from zerowaste.application.ports.uow import UnitOfWork
from zerowaste.domain.recipes.recipe import Recipe


@dataclass(frozen=True)
class RecipeFilter:
    """What `GET /api/recipes/all` narrows by (all optional, combined with AND)."""

    search: str = ""  # words in the title, description or ingredient lines
    category: str = ""
    ingredients: tuple[str, ...] = ()  # every one must appear in the recipe's lines
    difficulty: str = ""
    max_minutes: int | None = None
    tags: tuple[str, ...] = ()  # any of them (dietary restrictions)
    sources: tuple[str, ...] = ("catalog", "saved", "generated")


@dataclass(frozen=True)
class Favorite:
    recipe: Recipe
    rating: int | None
    notes: str
    favorited_at: datetime


@dataclass(frozen=True)
class Page:
    recipes: list[Recipe]
    total: int
    extra: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CookRecord:
    """A recipe a household cooked (the cook history)."""

    id: str
    recipe_uid: str
    title: str
    servings: int | None
    cooked_at: datetime


class CookHistory(Protocol):
    def add(self, household_id: str, user_uid: str, record: CookRecord) -> None: ...

    def of_household(self, household_id: str, limit: int, offset: int) -> list[CookRecord]: ...


@dataclass(frozen=True)
class GenerationRecord:
    """One generation as asked and answered (the original's `generations` rows): who asked,
    which path (inventory | custom), which provider answered, whether it fell back, the inputs
    it ranked by and the recipes it stored."""

    id: str
    user_uid: str
    kind: str
    provider: str
    degraded: bool
    pantry_size: int
    utilization: int
    inputs: dict[str, Any]  # ingredient names, priorities, preferences, language, system
    recipes: list[dict[str, str]]  # [{uid, title}], in rank order
    notes: list[str]
    created_at: datetime


class GenerationLog(Protocol):
    def add(self, household_id: str, record: GenerationRecord) -> None: ...

    def of_household(self, household_id: str, limit: int, offset: int) -> list[GenerationRecord]:
        """Newest first."""
        ...


class CookedMeals(Protocol):
    """Logs a cooked recipe in the cook's food log (the nutrition feature implements it)."""

    def record_cooked(self, user_uid: str, recipe: Recipe, cooked_at: datetime) -> None: ...


class CookedSavings(Protocol):
    """Records what cooking a recipe saved (the savings feature implements it)."""

    def record_cooked(self, user_uid: str, recipe: Recipe, scale: Decimal) -> dict[str, float]: ...


class RecipeVectors(Protocol):
    """What search finds a recipe by meaning with, made as recipes are saved
    (application.search.indexing.SearchIndexer): `vectors_of` before the recipes' commit (the
    model's CPU, no database), `put` right after it, so every web process's index reloads
    once with the vectors there, and no search embeds the recipes itself."""

    def vectors_of(self, recipes: Sequence[Recipe]) -> Mapping[str, Any]: ...

    def put(self, vectors: Mapping[str, Any]) -> int: ...


class RecipeRepository(Protocol):
    """Recipes a household may read: the catalog (household_id NULL) and its own."""

    def add(self, recipe: Recipe) -> None: ...

    def get(self, uid: str) -> Recipe | None: ...

    def visible(self, household_id: str, wanted: RecipeFilter, limit: int, offset: int) -> Page: ...

    def delete(self, household_id: str, uids: list[str]) -> int: ...

    def of_generation(self, household_id: str, generation_id: str) -> list[Recipe]: ...

    def uids_by_title(self, household_id: str, title_key: str) -> list[str]: ...

    def by_title(
        self, household_id: str, title_key: str, sources: tuple[str, ...]
    ) -> Recipe | None:
        """The household's newest recipe with this title, of the first source that has one."""
        ...

    def catalog(self, limit: int) -> list[Recipe]: ...

    def generated_titles(self, household_id: str, since: datetime) -> list[str]:
        """Titles the household generated since then (the engine prefers new ones)."""
        ...

    def catalog_version(self) -> str:
        """Changes whenever the catalog is imported again (its dataset checksum)."""
        ...

    def upsert_catalog(self, recipes: list[Recipe]) -> int: ...


class FavoriteRepository(Protocol):
    def put(
        self, user_uid: str, recipe_uid: str, rating: int | None, notes: str, now: datetime
    ) -> None: ...

    def remove(self, user_uid: str, recipe_uid: str) -> bool: ...

    def of_user(self, user_uid: str, limit: int, offset: int) -> list[Favorite]: ...


class RecipesUnitOfWork(UnitOfWork, Protocol):
    @property
    def recipes(self) -> RecipeRepository: ...

    @property
    def favorites(self) -> FavoriteRepository: ...

    @property
    def cooks(self) -> CookHistory: ...

    @property
    def generations(self) -> GenerationLog: ...

    @property
    def users(self) -> UserRepository: ...

    @property
    def inventory(self) -> InventoryRepository: ...  # what the household has, to cook from

    @property
    def pictures(self) -> PictureRepository: ...  # generated recipes' pictures, by title
