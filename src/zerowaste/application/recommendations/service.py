"""Personal recommendations (issue #12 §3): recipes to cook now, foods to buy, and the feedback
that changes both at once.

An answer reads, in one read-only unit of work, the user (profile), the household's stock, the
public catalog and everything the user did with recipes (`SignalSource`); the learned model
(`Recommender`) scores the catalog for the user's current weights (folded in per request, so a
like or a dislike given a second ago already counts), the stock engine scores what uses food
about to expire, and `domain.recommendations.blend` orders them. Allergies, diets and the cooking
level filter the candidates (`recipes.suitability`), as for generation. Candidates are the
public catalog (a household's own recipes are already in its book).

Feedback is personal: it is keyed by the user (as the food log is), not the household; one row
per user and recipe, the latest wins. Popularity is counted over all users and kept for
`POPULARITY_TTL`.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.catalog import PublicCatalog
from zerowaste.application.recipes.foods import FoodKeys
from zerowaste.application.recipes.pantry import pantry_of_lines
from zerowaste.application.recipes.suitability import Diners, Picked, Suitability, diners
from zerowaste.application.recommendations.index import Answers, CatalogIndex, IndexCache
from zerowaste.application.recommendations.ports import (
    FeedbackRecord,
    RecommendationsUnitOfWork,
    Recommender,
    SeasonCalendar,
)
from zerowaste.domain.accounts.users import User
from zerowaste.domain.recipes.engine import EXPIRING_DAYS, PantryFood
from zerowaste.domain.recipes.preferences import Likes
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient, RecipeNotFound
from zerowaste.domain.recommendations import shopping
from zerowaste.domain.recommendations.blend import (
    Anchor,
    Candidate,
    Expiring,
    Refused,
    Scored,
    blend,
    choose,
)
from zerowaste.domain.recommendations.reasons import reasons
from zerowaste.domain.recommendations.signals import (
    FEEDBACK_KINDS,
    MAX_REASON,
    NEGATIVE,
    Signal,
    weights,
)
from zerowaste.domain.recommendations.similarity import overlap
from zerowaste.domain.shared.errors import InvalidInput, NotFound

MAX_COUNT = 50
MODEL_POOL = 300  # the model's best, blended with what uses stock and what is popular
POPULAR_POOL = 200
URGENT_POOL = 100  # what uses the stock: ranked by the engine (amounts) among these
POPULARITY_TTL = timedelta(minutes=10)
ANSWERS = 1024  # users whose last answer of each kind (recipes, foods to buy) is kept
MAX_SEASONAL = 20_000  # (food name, month) -> in season, kept


@dataclass(frozen=True)
class Recommendation:
    recipe: Recipe
    score: float
    reasons: list[str]

    @property
    def reason(self) -> str:
        return self.reasons[0]


@dataclass(frozen=True)
class Ingredient:
    name: str
    key: str
    score: float
    unlocks: list[str]
    helps: list[str]
    in_season: bool | None
    reason: str


@dataclass(frozen=True)
class _Context:
    who: Diners
    index: CatalogIndex
    pantry: list[PantryFood]
    signals: list[Signal]

    @property
    def user(self) -> User:
        return self.who.user


class RecommendationService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[RecommendationsUnitOfWork],
        clock: Clock,
        suitable: Suitability,
        keys: FoodKeys,
        public: PublicCatalog,
        model: Recommender,
        seasons: SeasonCalendar,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._suitable = suitable
        self._keys = keys
        self._public = public
        self._model = model
        self._seasons = seasons
        self._indexes = IndexCache(self._line_key)
        self._popular: tuple[datetime, dict[str, int]] | None = None
        self._answers: Answers[list[Ingredient]] = Answers(ANSWERS)
        self._recipe_answers: Answers[list[Recommendation]] = Answers(ANSWERS)
        self._seasonal: dict[tuple[str, int], tuple[bool | None]] = {}

    def recipes(self, user_uid: str, count: int = 10) -> Picked[list[Recommendation]]:
        """The user's `count` best recipes now, each with why. Kept as `ingredients` keeps its
        answers: the same inputs give the very same list object (a rendering can be kept by it)."""
        context = self._read(user_uid)
        count = max(1, min(count, MAX_COUNT))
        row, model = self._model_scores(context)
        key = self._answer_key(context, model, count)
        found = self._recipe_answers.get(context.index, user_uid, key)
        if found is None:
            found = self._recipe_answers.put(
                context.index, user_uid, key, self._recommend(context, row, model, count)
            )
        return Picked(found, context.who.avoided())

    def _recommend(
        self, context: _Context, row: dict[str, float], model: dict[str, float], count: int
    ) -> list[Recommendation]:
        scored, refused = self._scored(context, row, model)
        chosen = choose(scored, refused, count)
        language = context.user.profile.language or "es"
        anchored = [self._anchored(s, context) for s in chosen]
        return [
            Recommendation(context.index.by_uid[s.candidate.uid], s.score, reasons(s, language))
            for s in anchored
        ]

    def ingredients(self, user_uid: str, count: int = 10) -> Picked[list[Ingredient]]:
        """The foods whose purchase unlocks the most recipes the user would like, in season.
        The user's last answer is kept per catalog with what it is computed from (`Answers`): the
        user and their profile (with the household's allergies), what they did, their stock,
        the model's scores for them, the popularity counted, the day and `count`; any change
        is a new answer."""
        context = self._read(user_uid)
        count = max(1, min(count, MAX_COUNT))
        row, model = self._model_scores(context)
        key = self._answer_key(context, model, count)
        found = self._answers.get(context.index, user_uid, key)
        if found is None:
            answer = self._to_buy(context, row, model, count)
            found = self._answers.put(context.index, user_uid, key, answer)
        return Picked(list(found), context.who.avoided())

    def _answer_key(self, context: _Context, model: dict[str, float], count: int) -> Hashable:
        """What an answer is computed from, besides the catalog (`Answers` keys by it)."""
        popular_at = self._popular[0] if self._popular else None
        return (
            repr(context.user),
            tuple(context.signals),
            tuple(context.pantry),
            tuple(model.items()),
            popular_at,
            self._clock.today(),
            count,
        )

    def _to_buy(
        self, context: _Context, row: dict[str, float], model: dict[str, float], count: int
    ) -> list[Ingredient]:
        scored, refused = self._scored(context, row, model)
        allowed = choose(scored, refused, MODEL_POOL)
        stock = {p.key for p in context.pantry}
        waiting = []
        for found in allowed:
            foods = context.index.distinctive(found.candidate.uid)
            missing = {k: n for k, n in foods.items() if k not in stock}
            waiting.append(shopping.Waiting(found.candidate.title, found.score, missing))
        month = self._clock.today().month
        names = {k: n for w in waiting for k, n in w.missing.items()}  # the last name of each
        season = {k: self._in_season(names[k], month) for k in shopping.counted(waiting)}
        language = context.user.profile.language or "es"
        return [
            Ingredient(
                p.name, p.key, p.score, p.unlocks, p.helps, p.in_season, shopping.why(p, language)
            )
            for p in shopping.to_buy(waiting, season, count)
        ]

    def _in_season(self, name: str, month: int) -> bool | None:
        """The calendar's answer, kept (other threads may clear the dict meanwhile)."""
        key = (name, month)
        kept = self._seasonal.get(key)  # a 1-tuple: the answer may be None
        if kept is not None:
            return kept[0]
        found = self._seasons.in_season(name, month)
        if len(self._seasonal) > MAX_SEASONAL:
            self._seasonal.clear()
        self._seasonal[key] = (found,)
        return found

    def feedback(
        self, user_uid: str, recipe_uid: str, kind: str, reason: str = ""
    ) -> FeedbackRecord:
        if kind not in FEEDBACK_KINDS:
            raise InvalidInput(
                "Unknown feedback kind",
                code="invalid_feedback_kind",
                details={"allowed": list(FEEDBACK_KINDS)},
            )
        if len(reason) > MAX_REASON:
            raise InvalidInput(
                "reason is too long (300 characters at most)", code="reason_too_long"
            )
        record = FeedbackRecord(recipe_uid, kind, reason.strip(), self._clock.now())
        with self._uow_factory() as uow:
            user = _user(uow, user_uid)
            recipe = uow.recipes.get(recipe_uid)
            if recipe is None or not (recipe.is_public or recipe.household_id == user.household_id):
                raise RecipeNotFound("Recipe not found")
            uow.feedback.put(user_uid, record)
            uow.commit()
        return record

    def retrain(self) -> str:
        """Train the model on every user's interactions (the nightly beat job); its version."""
        with self._uow_factory.read() as uow:
            signals = uow.signals.everyone()
            popular = uow.signals.popularity()
        self._popular = (self._clock.now(), popular)
        return self._model.fit(weights(signals))

    def _read(self, user_uid: str) -> _Context:
        with self._uow_factory.read() as uow:
            who = diners(uow.users, user_uid)  # the household's allergies count
            user = who.user
            stock = uow.inventory.stock_lines(user.household_id)
            index = self._indexes.of(self._public.recipes(uow))
            signals = uow.signals.of_user(user_uid)
            if self._popular is None or self._clock.now() - self._popular[0] > POPULARITY_TTL:
                self._popular = (self._clock.now(), uow.signals.popularity())
        pantry = pantry_of_lines(stock, self._clock.today(), self._keys)
        return _Context(who, index, pantry, signals)

    def _model_scores(self, context: _Context) -> tuple[dict[str, float], dict[str, float]]:
        """The user's weights now, and the model's best for them."""
        user_uid = context.user.uid
        row = weights(context.signals).get(user_uid, {})
        return row, self._model.scores(user_uid, row, MODEL_POOL) if row else {}

    def _scored(
        self, context: _Context, row: dict[str, float], model: dict[str, float]
    ) -> tuple[list[Scored], list[Refused]]:
        index = context.index
        refused_uids = {s.recipe_uid for s in context.signals if s.kind in NEGATIVE}
        refused = [
            Refused(index.by_uid[uid].title, index.foods[uid])
            for uid in refused_uids
            if uid in index.by_uid
        ]
        urgent = self._indexes.urgent(index, context.pantry, URGENT_POOL)
        popular = self._popular[1] if self._popular else {}
        top_popular = sorted(popular, key=lambda uid: -popular[uid])[:POPULAR_POOL]
        pool = dict.fromkeys([*model, *(r.recipe.uid for r in urgent), *top_popular])
        if len(pool) < POPULAR_POOL:
            pool.update(dict.fromkeys(r.uid for r in index.recipes[:POPULAR_POOL]))
        candidates = [index.by_uid[uid] for uid in pool if uid in index.by_uid]
        candidates = [
            r for r in self._suitable(candidates, context.user) if r.uid not in refused_uids
        ]
        profile = context.user.profile
        likes = Likes.of(profile.language or "es", profile.preferred_food_types, self._keys)
        urgency = {r.recipe.uid: r for r in urgent}
        built = []
        for recipe in candidates:
            ranked = urgency.get(recipe.uid)
            expiring = tuple(
                Expiring(u.food.name, u.food.days_left)
                for u in (ranked.covered if ranked else [])
                if u.food and u.food.days_left <= EXPIRING_DAYS
            )
            built.append(
                Candidate(
                    uid=recipe.uid,
                    title=recipe.title,
                    foods=index.foods[recipe.uid],
                    model=model.get(recipe.uid, 0.0),
                    urgency=float(ranked.score) if ranked else 0.0,
                    popularity=popular.get(recipe.uid, 0),
                    profile=likes.matches(recipe, self._line_key),
                    expiring=expiring,
                    seen=recipe.uid in row,
                )
            )
        return blend(built, cold=not model), refused

    def _anchored(self, found: Scored, context: _Context) -> Scored:
        """The recipe the user liked that this one most resembles (for its reason)."""
        best: tuple[float, Signal] | None = None
        for signal in context.signals:
            if signal.kind in NEGATIVE or signal.recipe_uid == found.candidate.uid:
                continue
            foods = context.index.foods.get(signal.recipe_uid)
            if foods is None:
                continue
            similar = overlap(found.candidate.foods, foods)
            if similar > 0 and (best is None or similar > best[0]):
                best = (similar, signal)
        if best is None:
            return found
        anchor = Anchor(context.index.by_uid[best[1].recipe_uid].title, best[1].kind)
        return replace(found, candidate=replace(found.candidate, anchor=anchor))

    def _line_key(self, line: RecipeIngredient) -> str:
        return line.food_key or self._keys(line.name)


def _user(uow: RecommendationsUnitOfWork, user_uid: str) -> User:
    user = uow.users.get(user_uid)
    if user is None:
        raise NotFound("Profile not found", code="profile_not_found")
    return user
