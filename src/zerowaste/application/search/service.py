"""Recipe search (issue #12): free text in Spanish or English, and "what can I make with this".

Semantic search ranks by two signals, fused by reciprocal rank: BM25 over the recipes' words
(a lexical match explains itself: `terms`) and the cosine similarity of multilingual sentence
embeddings (Spanish queries find English recipes). Both run over the public catalog and the
caller's household's recipes only; category, difficulty, time and language narrow the candidates
before ranking, diets and allergens after it (the recipes' suitability rules, which need the
lines). The caller's profile allergies and diets always apply. A user with no history gets the same
answers as anyone: nothing here depends on what they cooked.

By-ingredients measures the same recipes with the local engine's coverage
(`domain.recipes.engine`) of the caller's stock (quantities, units, expiry) or of the foods they
list: the most fulfilled first, then the engine's score; what each uses and what is missing.
Every candidate is ordered from its lines' food keys alone; only the page (and its ties) is
measured with amounts (README, "Search").

A query's vector is kept per process by its exact text (`QUERY_VECTORS` of them, least recently
used leave first): people search for the same few dishes and foods, and embedding one costs
~3-5 ms of CPU, more than the rest of the search; the model never changes while a process runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.foods import FoodKeys
from zerowaste.application.recipes.pantry import pantry_of
from zerowaste.application.recipes.ports import RecipeFilter, RecipesUnitOfWork
from zerowaste.application.recipes.suitability import Diners, Picked, Suitability, diners
from zerowaste.application.search.foods import RecipesByFood
from zerowaste.application.search.indexing import SearchIndexer
from zerowaste.application.search.ports import Embedder, RecipeIndex, SearchStore
from zerowaste.application.search.queries import QueryReader
from zerowaste.application.search.shown import ShownRecipes
from zerowaste.domain.accounts.users import User
from zerowaste.domain.inventory.items import InventoryItem
from zerowaste.domain.recipes.engine import PantryFood, Ranked, convert_units, rank, stock_of
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient
from zerowaste.domain.search.documents import Query
from zerowaste.domain.search.fulfilment import (
    Fulfilment,
    covering,
    fulfilment,
    most_fulfilled,
    weights,
    window,
)
from zerowaste.domain.search.ranking import Fused, Page, SearchFilters, fuse, page_of
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.lru import BoundedLRU

DEPTH = 100  # candidates each signal offers to the fusion
OWN_RECIPES = 500  # the household's saved and generated recipes by-ingredients considers
LISTED_DAYS = 30  # foods a caller lists (no expiry known) count as keeping a month
QUERY_VECTORS = 2048  # query vectors kept per process (512 float32: 2 kB each, ~4 MB in all)


@dataclass(frozen=True)
class Hit:
    recipe: Recipe
    score: float
    terms: list[str]  # query terms the recipe contains
    lexical_rank: int | None
    semantic_rank: int | None


@dataclass(frozen=True)
class HaveItem:
    name: str
    quantity: Decimal | None = None
    unit: str | None = None


class SearchService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecipesUnitOfWork],
        clock: Clock,
        store: SearchStore,
        indexer: SearchIndexer,
        embedder: Embedder,
        suitable: Suitability,
        keys: FoodKeys,
        public: PublicCatalog,
        read: QueryReader,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._store = store
        self._indexer = indexer
        self._embedder = embedder
        self._suitable = suitable
        self._key = keys
        self._public = public
        self._read = read
        self._by_food = RecipesByFood(self._line_key)
        self._shown = ShownRecipes(store)
        self._vectors: BoundedLRU[str, bytes] = BoundedLRU(QUERY_VECTORS)

    def semantic(
        self, user_uid: str, query: str, filters: SearchFilters, page: int, per_page: int
    ) -> Picked[Page[Hit]]:
        if not query.strip():
            raise InvalidInput("Say what you are looking for", code="empty_query")
        who = self._diners(user_uid)
        user = who.user
        index = self._indexer.refresh()
        vector = self._vector(query)
        read = self._read(query)
        lexical, semantic = index.search(read.terms, vector, user.household_id, filters, DEPTH)
        fused = fuse({"lexical": lexical, "semantic": semantic})
        allergens, diets = self._restrictions(user, filters)
        if allergens or diets:
            recipes = self._shown.visible(index, user.household_id, [f.uid for f in fused])
            allowed = {
                r.uid for r in self._suitable.among(list(recipes.values()), allergens, diets)
            }
            fused = [f for f in fused if f.uid in allowed]
            found = page_of(fused, page, per_page)
        else:
            found = page_of(fused, page, per_page)
            recipes = self._shown.visible(index, user.household_id, [f.uid for f in found.items])
        hits = [_hit(index, read, f, recipes[f.uid]) for f in found.items if f.uid in recipes]
        return Picked(Page(hits, found.total, found.page, found.per_page), who.avoided())

    def by_ingredients(
        self,
        user_uid: str,
        items: Sequence[HaveItem] | None,
        filters: SearchFilters,
        page: int,
        per_page: int,
    ) -> Picked[Page[Fulfilment]]:
        """`items` None: the caller's stock."""
        who, stock, own, catalog = self._candidates(user_uid, items is None)
        user = who.user
        if items is None:
            pantry = pantry_of(stock, self._clock.today(), self._key)
            if not pantry:
                raise InvalidInput(
                    "Your inventory has no fresh ingredients to cook with", code="empty_inventory"
                )
        else:
            pantry = [self._listed(i) for i in items]
        candidates = [
            *(self._by_food.candidate(r) for r in own),
            *self._by_food.index(catalog).using({p.key for p in pantry}),
        ]
        if filters.narrows:  # else the catalog's and the household's: all visible
            candidates = [c for c in candidates if filters.admits(c.doc, user.household_id)]
        allergens, diets = self._restrictions(user, filters)
        if allergens or diets:
            recipes = [c.recipe for c in candidates]
            allowed = {id(r) for r in self._suitable.among(recipes, allergens, diets)}
            candidates = [c for c in candidates if id(c.recipe) in allowed]
        # Share covered and score depend only on which foods the lines name: every candidate
        # is ordered by them from its food keys; only the page (and what ties with its ends)
        # is measured line by line, with amounts and units.
        ordered = covering([c.foods for c in candidates], weights(stock_of(pantry)))
        total = sum(len(group.rows) for group in ordered)
        shown = page_of(range(total), page, per_page)
        start = (shown.page - 1) * shown.per_page
        first, rows = window(ordered, start, start + shown.per_page)
        measured = self._measured([candidates[row].recipe for row in rows], pantry)
        found = measured[start - first : start - first + shown.per_page]
        fulfilled = Page([fulfilment(r) for r in found], total, shown.page, shown.per_page)
        return Picked(fulfilled, who.avoided())

    def _vector(self, query: str) -> bytes:
        """The query's embedding, kept by its exact text."""
        found = self._vectors.get(query)
        if found is None:
            found = self._embedder.embed([query])[0]
            self._vectors.put(query, found)
        return found

    def _measured(self, recipes: list[Recipe], pantry: list[PantryFood]) -> list[Ranked]:
        """These recipes (whole groups tied on share and score) in the order of the whole
        list: the fewest lines missing once amounts are measured, then the title, then the
        order a pass without unit conversion gives (what the engine would give them)."""
        count = len(recipes)
        unmeasured = most_fulfilled(rank(recipes, pantry, self._line_key, None, limit=count))
        again = [r.recipe for r in unmeasured]
        return most_fulfilled(rank(again, pantry, self._line_key, convert_units, limit=count))

    def _diners(self, user_uid: str) -> Diners:
        with self._uow_factory.read() as uow:
            return diners(uow.users, user_uid)

    def _candidates(
        self, user_uid: str, with_stock: bool
    ) -> tuple[Diners, list[InventoryItem], list[Recipe], list[Recipe]]:
        with self._uow_factory.read() as uow:
            who = diners(uow.users, user_uid)
            user = who.user
            stock = uow.inventory.list_items(user.household_id) if with_stock else []
            own = uow.recipes.visible(
                user.household_id, RecipeFilter(sources=("saved", "generated")), OWN_RECIPES, 0
            ).recipes
            catalog = self._public.recipes(uow)
        return who, stock, own, catalog

    def _restrictions(self, user: User, filters: SearchFilters) -> tuple[list[str], list[str]]:
        allergens = [*filters.allergens, *user.profile.allergy_terms()]
        diets = [*filters.diets, *user.profile.special_diet_items]
        return list(dict.fromkeys(allergens)), list(dict.fromkeys(diets))

    def _listed(self, item: HaveItem) -> PantryFood:
        if item.quantity is None or not item.unit:
            return PantryFood(self._key(item.name), item.name, Decimal(0), "", LISTED_DAYS)
        return PantryFood(self._key(item.name), item.name, item.quantity, item.unit, LISTED_DAYS)

    def _line_key(self, line: RecipeIngredient) -> str | None:
        return line.food_key or self._key(line.name)


def _hit(index: RecipeIndex, query: Query, fused: Fused, recipe: Recipe) -> Hit:
    doc = index.doc(recipe.uid)
    terms = query.matched(doc) if doc else []
    ranks = fused.ranks
    return Hit(recipe, fused.score, terms, ranks.get("lexical"), ranks.get("semantic"))
