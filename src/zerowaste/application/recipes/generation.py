"""Recipes from what is in stock (rows 43-45): the local engine ranks the catalog and the
household's recipes, Gemini writes new ones when configured; both answer in one shape.

Local engine: the household's ingredients that are not expired become the pantry (master key,
total quantity, days to the soonest expiry); candidates are the catalog and the household's
saved recipes minus those with a food the caller is allergic to, meat for vegetarian diets,
difficult ones for beginners; titles generated in the last week come only when nothing new
uses the stock; `domain.recipes.engine` ranks them by how much of the pantry they use, most
urgent first. A generated recipe is stored as the household's (source "generated", the amounts
adapted to stock, what is missing listed), with the generation, and its picture is drawn in a job.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal

from zerowaste.application.ai.gateway import AiGateway
from zerowaste.application.pictures import PictureService
from zerowaste.application.ports.ai import AiContext, ImageSubject, RecipeRequest
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.foods import FoodKeys
from zerowaste.application.recipes.ports import RecipeFilter, RecipesUnitOfWork
from zerowaste.application.recipes.writer import from_model
from zerowaste.domain.accounts.users import User
from zerowaste.domain.inventory.expiry import days_to_expire
from zerowaste.domain.inventory.items import InventoryItem
from zerowaste.domain.recipes import defaults
from zerowaste.domain.recipes.engine import PantryFood, Ranked, rank
from zerowaste.domain.recipes.measurement import in_system
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.shared import units
from zerowaste.domain.shared.errors import InvalidInput, NotFound

MAX_RECIPES = 5
RECENT_DAYS = 7
SAVED_CANDIDATES = 500


@dataclass(frozen=True)
class Personalization:
    language: str
    measurement_system: str
    cooking_level: str
    allergies_filtered: list[str]
    dietary_restrictions: list[str]
    preferred_food_types: list[str]


@dataclass(frozen=True)
class Generation:
    id: str
    kind: str  # inventory | custom
    provider: str
    degraded: bool
    recipes: list[Ranked]
    pantry_size: int
    personalization: Personalization
    images_job_id: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def utilization(self) -> int:
        """% of the pantry's foods that the generated recipes use."""
        used = {u.food.key for r in self.recipes for u in r.covered if u.food}
        return round(100 * len(used) / self.pantry_size) if self.pantry_size else 0


class RecipeGeneration:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecipesUnitOfWork],
        clock: Clock,
        catalog: ReferenceCatalog,
        gateway: AiGateway,
        pictures: PictureService,
        keys: FoodKeys,
        public: PublicCatalog,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._catalog = catalog
        self._gateway = gateway
        self._pictures = pictures
        self._key = keys
        self._public = public
        self._new_id = new_id

    def from_inventory(self, user_uid: str, count: int = 3) -> Generation:
        user, items, recent, candidates = self._read(user_uid)
        pantry = self._pantry(items, self._clock.today())
        if not pantry:
            raise InvalidInput(
                "Your inventory has no fresh ingredients to cook with", code="empty_inventory"
            )
        return self._generate(user, "inventory", pantry, candidates, recent, count, [])

    def custom(
        self,
        user_uid: str,
        names: list[str],
        count: int = 2,
        preferences: list[str] | None = None,
        categories: list[str] | None = None,
    ) -> Generation:
        user, _items, recent, candidates = self._read(user_uid)
        pantry = [PantryFood(self._key(n), n, Decimal(0), "", 0) for n in dict.fromkeys(names)]
        if categories:
            wanted = {c.casefold() for c in categories}
            candidates = [r for r in candidates if r.category in wanted] or candidates
        return self._generate(user, "custom", pantry, candidates, recent, count, preferences or [])

    def _generate(
        self,
        user: User,
        kind: str,
        pantry: list[PantryFood],
        candidates: list[Recipe],
        recent: set[str],
        count: int,
        preferences: list[str],
    ) -> Generation:
        count = max(1, min(count, MAX_RECIPES))
        personal = self._personalization(user)
        allowed = self._allowed(candidates, user)
        fresh = [r for r in allowed if r.title.casefold() not in recent]
        repeats = [r for r in allowed if r.title.casefold() in recent]
        context = AiContext(personal.language, personal.measurement_system)
        provider, degraded, notes = "local", False, []
        if self._gateway.provider != "local":
            request = RecipeRequest(
                ingredients=tuple(f"{p.name} ({p.quantity} {p.unit})".strip() for p in pantry[:8]),
                count=count,
                priorities=tuple(p.name for p in pantry if p.days_left <= 7)[:3],
                preferences=tuple(preferences)[:2],
                avoid_titles=tuple(sorted(recent))[:20],
                allergies=tuple(personal.allergies_filtered),
                diets=tuple(personal.dietary_restrictions),
                cooking_level=personal.cooking_level,
            )
            answer = self._gateway.generate_recipes(user.uid, request, context)
            provider, degraded, notes = answer.provider, answer.degraded, list(answer.notes)
            if not answer.degraded and answer.value:
                written = [from_model(r, context.language) for r in answer.value]
                ranked = rank(
                    written, pantry, self._line_key, _convert, limit=count, minimum_covered=0
                )
                return self._store(user, kind, pantry, ranked, personal, provider, False, notes)
        ranked = _in_language_first(fresh, pantry, self._line_key, count, personal.language)
        if len(ranked) < count:  # last week's titles only when nothing new uses the stock
            more = count - len(ranked)
            ranked += _in_language_first(repeats, pantry, self._line_key, more, personal.language)
        if not ranked:
            raise NotFound(
                "No recipe uses what you have; add more ingredients", code="no_recipe_found"
            )
        return self._store(user, kind, pantry, ranked, personal, "local", degraded, notes)

    def _store(
        self,
        user: User,
        kind: str,
        pantry: list[PantryFood],
        ranked: list[Ranked],
        personal: Personalization,
        provider: str,
        degraded: bool,
        notes: list[str],
    ) -> Generation:
        generation_id, now = self._new_id(), self._clock.now()
        stored: list[Ranked] = []
        with self._uow_factory() as uow:
            for found in ranked:
                recipe = replace(
                    found.recipe,
                    uid=self._new_id(),
                    source="generated",
                    household_id=user.household_id,
                    added_by=user.uid,
                    generation_id=generation_id,
                    ingredients=[
                        in_system(line, personal.measurement_system) for line in _adapted(found)
                    ],
                    footer=_footer(found, personal.language) or found.recipe.footer,
                    created_at=now,
                )
                uow.recipes.add(recipe)
                stored.append(replace(found, recipe=recipe))
            uow.commit()
        subjects = [
            ImageSubject(r.recipe.title, "recipe", r.recipe.category, r.recipe.description[:300])
            for r in stored
        ]
        context = AiContext(personal.language, personal.measurement_system)
        job = self._pictures.request(user.uid, subjects, context)
        return Generation(
            generation_id, kind, provider, degraded, stored, len(pantry), personal, job, notes
        )

    def _read(self, user_uid: str) -> tuple[User, list[InventoryItem], set[str], list[Recipe]]:
        since = self._clock.now() - timedelta(days=RECENT_DAYS)
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_uid)
            if user is None:
                raise NotFound("Profile not found", code="profile_not_found")
            items = uow.inventory.list_items(user.household_id)
            saved = uow.recipes.visible(
                user.household_id, RecipeFilter(sources=("saved",)), SAVED_CANDIDATES, 0
            ).recipes
            recent = {t.casefold() for t in uow.recipes.generated_titles(user.household_id, since)}
            catalog = self._public.recipes(uow)
        return user, items, recent, [*saved, *catalog]

    def _pantry(self, items: list[InventoryItem], today: date) -> list[PantryFood]:
        pantry = []
        for item in items:
            if item.kind != "ingredient":
                continue
            fresh = [s for s in item.stacks if days_to_expire(s.expires_on, today) >= 0]
            if not fresh:
                continue
            quantity = sum((s.quantity for s in fresh if s.unit == item.unit), Decimal(0))
            days = min(days_to_expire(s.expires_on, today) for s in fresh)
            pantry.append(PantryFood(self._key(item.name), item.name, quantity, item.unit, days))
        pantry.sort(key=lambda p: p.days_left)
        return pantry

    def _allowed(self, candidates: list[Recipe], user: User) -> list[Recipe]:
        terms = user.profile.allergy_terms()
        codes = set(self._catalog.allergen_codes_for_terms(terms)) if terms else set()
        diets = {d.casefold() for d in user.profile.special_diet_items}
        vegetarian = bool(diets & {"vegetariano", "vegetarian", "vegano", "vegan"})
        beginner = (user.profile.cooking_level or "").casefold() == "beginner"
        allowed = []
        for recipe in candidates:
            if beginner and recipe.difficulty == "Difícil":
                continue
            if vegetarian and not defaults.is_vegetarian(recipe):
                continue
            if codes and self._allergens(recipe) & codes:
                continue
            allowed.append(recipe)
        return allowed

    def _allergens(self, recipe: Recipe) -> set[str]:
        found: set[str] = set()
        for line in recipe.ingredients:
            found.update(self._catalog.allergens_for(line.name))
        return found

    def _personalization(self, user: User) -> Personalization:
        profile = user.profile
        return Personalization(
            language=profile.language or "es",
            measurement_system=profile.measurement_unit or "metric",
            cooking_level=profile.cooking_level or "beginner",
            allergies_filtered=profile.allergy_terms(),
            dietary_restrictions=list(profile.special_diet_items),
            preferred_food_types=list(profile.preferred_food_types),
        )

    def _line_key(self, line: RecipeIngredient) -> str | None:
        return line.food_key or self._key(line.name)


def _convert(amount: Decimal, from_unit: str, to_unit: str, _food: str) -> Decimal | None:
    try:
        quantity = units.parse_quantity(amount, from_unit, allow_zero=True)
        return units.convert(quantity, to_unit).amount
    except (InvalidInput, ValueError, ArithmeticError):
        return None


LANGUAGE_BOOST = Decimal("1.25")


def _in_language_first(
    allowed: list[Recipe],
    pantry: list[PantryFood],
    key_of: Callable[[RecipeIngredient], str | None],
    count: int,
    language: str,
) -> list[Ranked]:
    """Recipes written in the caller's language count a quarter more: a preference that never
    outweighs saving what expires first (tomorrow's spinach beats a year's rice six to one)."""
    ranked = rank(allowed, pantry, key_of, _convert, limit=len(allowed))

    def preferred(found: Ranked) -> Decimal:
        mine = found.recipe.lang == language[:2]
        return found.score * (LANGUAGE_BOOST if mine else 1)

    ranked.sort(key=lambda r: (-preferred(r), len(r.missing), r.recipe.title.casefold()))
    return ranked[:count]


def _adapted(found: Ranked) -> list[RecipeIngredient]:
    """The lines with the amounts taken from stock where they were computed."""
    by_line = {id(u.line): u for u in found.uses}
    lines = []
    for line in found.recipe.ingredients:
        use = by_line.get(id(line))
        if use is not None and use.uses is not None:
            line = replace(line, quantity=use.uses)
        lines.append(line)
    return lines


def _footer(found: Ranked, language: str) -> str:
    urgent = sorted(
        (u.food for u in found.covered if u.food and u.food.days_left <= 3),
        key=lambda f: f.days_left,
    )
    if not urgent:
        return ""
    names = ", ".join(f.name for f in urgent)
    if language.startswith("en"):
        return f"Uses first what expires soonest: {names}."
    return f"Usa primero lo que vence antes: {names}."
