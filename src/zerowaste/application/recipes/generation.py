"""Recipes from what is in stock (rows 43-45): the local engine ranks the catalog and the
household's recipes, Gemini writes new ones when configured; both answer in one shape.

Local engine: the household's ingredients that are not expired become the pantry (master key,
total quantity, days to the soonest expiry); candidates are the catalog and the household's
saved recipes minus those with a food the caller is allergic to, meat for vegetarian diets,
difficult ones for beginners; titles generated in the last week come only when nothing new
uses the stock; `domain.recipes.engine` ranks them by how much of the pantry they use, most
urgent first, and `domain.recipes.preferences` boosts (boundedly) the caller's language and
preferred food types. A generated recipe is stored as the household's (source "generated",
the amounts adapted to stock, what is missing listed), with the generation (who asked, the
inputs, the provider that answered), and its picture is drawn in a job.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal

from zerowaste.application.ai.gateway import AiGateway
from zerowaste.application.pictures import PictureService
from zerowaste.application.ports.ai import AiContext, ImageSubject, RecipeRequest
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.foods import FoodKeys
from zerowaste.application.recipes.pantry import pantry_of
from zerowaste.application.recipes.ports import (
    GenerationRecord,
    RecipeFilter,
    RecipesUnitOfWork,
    RecipeVectors,
)
from zerowaste.application.recipes.suitability import (
    Diners,
    Personalization,
    Suitability,
    diners,
    personalization,
)
from zerowaste.application.recipes.vectors import SavedRecipeVectors
from zerowaste.application.recipes.writer import from_model
from zerowaste.domain.accounts.users import User
from zerowaste.domain.inventory.items import InventoryItem
from zerowaste.domain.recipes.engine import PantryFood, Ranked, convert_units, rank
from zerowaste.domain.recipes.measurement import in_system
from zerowaste.domain.recipes.preferences import Likes, preferred_first
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.shared.errors import InvalidInput, NotFound, UpstreamUnavailable

log = logging.getLogger(__name__)
MAX_RECIPES = 5
RECENT_DAYS = 7
SAVED_CANDIDATES = 500


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


@dataclass(frozen=True)
class _Draft:
    """A generation's answer before it is stored: the ranked recipes and who wrote them."""

    kind: str
    pantry: list[PantryFood]
    ranked: list[Ranked]
    personal: Personalization
    provider: str
    degraded: bool
    notes: list[str]


class RecipeGeneration:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecipesUnitOfWork],
        clock: Clock,
        suitable: Suitability,
        gateway: AiGateway,
        pictures: PictureService,
        keys: FoodKeys,
        public: PublicCatalog,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
        vectors: RecipeVectors | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._suitable = suitable
        self._gateway = gateway
        self._pictures = pictures
        self._key = keys
        self._public = public
        self._new_id = new_id
        self._vectors = SavedRecipeVectors(vectors)

    def from_inventory(self, user_uid: str, count: int = 3) -> Generation:
        who, items, recent, candidates = self._read(user_uid)
        pantry = pantry_of(items, self._clock.today(), self._key)
        if not pantry:
            raise InvalidInput(
                "Your inventory has no fresh ingredients to cook with", code="empty_inventory"
            )
        return self._generate(who, "inventory", pantry, candidates, recent, count, [])

    def custom(
        self,
        user_uid: str,
        names: list[str],
        count: int = 2,
        preferences: list[str] | None = None,
        categories: list[str] | None = None,
    ) -> Generation:
        who, _items, recent, candidates = self._read(user_uid)
        pantry = [PantryFood(self._key(n), n, Decimal(0), "", 0) for n in dict.fromkeys(names)]
        if categories:
            wanted = {c.casefold() for c in categories}
            candidates = [r for r in candidates if r.category in wanted] or candidates
        return self._generate(who, "custom", pantry, candidates, recent, count, preferences or [])

    def _generate(
        self,
        who: Diners,
        kind: str,
        pantry: list[PantryFood],
        candidates: list[Recipe],
        recent: set[str],
        count: int,
        preferences: list[str],
    ) -> Generation:
        count = max(1, min(count, MAX_RECIPES))
        user = who.user  # with every member's allergies
        personal = personalization(user, who.avoided())
        allowed = self._suitable(candidates, user)
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
                    written, pantry, self._line_key, convert_units, limit=count, minimum_covered=0
                )
                draft = _Draft(kind, pantry, ranked, personal, provider, False, notes)
                return self._store(user, draft)
        likes = Likes.of(personal.language, personal.preferred_food_types, self._key)
        ranked = _best(fresh, pantry, self._line_key, count, likes)
        if len(ranked) < count:  # last week's titles only when nothing new uses the stock
            ranked += _best(repeats, pantry, self._line_key, count - len(ranked), likes)
        if not ranked:
            raise NotFound(
                "No recipe uses what you have; add more ingredients", code="no_recipe_found"
            )
        return self._store(user, _Draft(kind, pantry, ranked, personal, "local", degraded, notes))

    def _store(self, user: User, draft: _Draft) -> Generation:
        now = self._clock.now()
        generation = self._generation(user, draft, now)
        vectors = self._vectors.before_commit([r.recipe for r in generation.recipes])
        self._save(user, draft, generation, now)
        self._vectors.after_commit(vectors)
        subjects = [
            ImageSubject(r.recipe.title, "recipe", r.recipe.category, r.recipe.description[:300])
            for r in generation.recipes
        ]
        context = AiContext(draft.personal.language, draft.personal.measurement_system)
        try:
            job = self._pictures.request(user.uid, subjects, context)
        except UpstreamUnavailable as error:
            # The recipes are stored: a 503 would have the client generate them again. They
            # are answered without pictures (`images` absent; the gallery shows none yet).
            log.warning(
                "generation %s answered without pictures: %s (%s)",
                generation.id,
                error.message,
                error.code,
            )
            return generation
        return replace(generation, images_job_id=job)

    def _generation(self, user: User, draft: _Draft, now: datetime) -> Generation:
        """What the draft becomes once stored: new ids, the household's, adapted lines."""
        personal = draft.personal
        generation_id = self._new_id()
        stored = [
            replace(
                found,
                recipe=replace(
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
                ),
            )
            for found in draft.ranked
        ]
        return Generation(
            generation_id,
            draft.kind,
            draft.provider,
            draft.degraded,
            stored,
            len(draft.pantry),
            personal,
            None,
            draft.notes,
        )

    @retrying
    def _save(self, user: User, draft: _Draft, generation: Generation, now: datetime) -> None:
        """The recipes and the generation, in one transaction, the only part run again if it
        loses a lock (the recipes' search vectors are made before it and stored after it)."""
        with self._uow_factory() as uow:
            for found in generation.recipes:
                uow.recipes.add(found.recipe)
            record = _record(user.uid, generation, draft.pantry, now)
            uow.generations.add(user.household_id, record)
            uow.commit()

    def _read(self, user_uid: str) -> tuple[Diners, list[InventoryItem], set[str], list[Recipe]]:
        since = self._clock.now() - timedelta(days=RECENT_DAYS)
        with self._uow_factory.read() as uow:
            who = diners(uow.users, user_uid)
            user = who.user
            items = uow.inventory.list_items(user.household_id)
            saved = uow.recipes.visible(
                user.household_id, RecipeFilter(sources=("saved",)), SAVED_CANDIDATES, 0
            ).recipes
            recent = {t.casefold() for t in uow.recipes.generated_titles(user.household_id, since)}
            catalog = self._public.recipes(uow)
        return who, items, recent, [*saved, *catalog]

    def _line_key(self, line: RecipeIngredient) -> str | None:
        return line.food_key or self._key(line.name)


def _best(
    allowed: list[Recipe],
    pantry: list[PantryFood],
    key_of: Callable[[RecipeIngredient], str | None],
    count: int,
    likes: Likes,
) -> list[Ranked]:
    ranked = rank(allowed, pantry, key_of, convert_units, limit=len(allowed))
    return preferred_first(ranked, likes, key_of, count)


def _record(
    user_uid: str, generation: Generation, pantry: list[PantryFood], now: datetime
) -> GenerationRecord:
    personal = generation.personalization
    return GenerationRecord(
        id=generation.id,
        user_uid=user_uid,
        kind=generation.kind,
        provider=generation.provider,
        degraded=generation.degraded,
        pantry_size=generation.pantry_size,
        utilization=generation.utilization,
        inputs={
            "ingredients": [p.name for p in pantry][:50],
            "priorities": [p.name for p in pantry if p.days_left <= 7][:10],
            "language": personal.language,
            "measurement_system": personal.measurement_system,
            "cooking_level": personal.cooking_level,
            "allergies_filtered": personal.allergies_filtered,
            "dietary_restrictions": personal.dietary_restrictions,
            "preferred_food_types": personal.preferred_food_types,
        },
        recipes=[{"uid": r.recipe.uid, "title": r.recipe.title} for r in generation.recipes],
        notes=list(generation.notes),
        created_at=now,
    )


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
