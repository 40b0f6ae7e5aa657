"""Environmental savings of recipes (rows 59-65): computed from the data, stored once per user
and recipe, marked cooked when the recipe is cooked, summed and compared.

Figures come from the footprint table (Poore & Nemecek 2018) and PROFECO retail prices in MXN;
energy is 0 with `energy_available: false` (no cited energy table yet). A food missing from
the footprint table is estimated by the configured AI provider when there is one (marked in
`estimated`, cited as an estimate); otherwise, like a line the data cannot price or weigh, it
is listed in `missing_data`, never guessed. Marking a calculation cooked records
the savings only: the client deducts stock with its own consume calls (row 64); cooking through
`POST /api/recipes/<uid>/cook` deducts and marks.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal

from zerowaste.application.accounts.members import caller_and_members
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.savings.calculator import FoodLine, SavingsCalculator
from zerowaste.application.savings.ports import SavingsUnitOfWork, StoredSavings
from zerowaste.domain.recipes.recipe import Recipe, RecipeNotFound, title_key
from zerowaste.domain.savings import summary
from zerowaste.domain.savings.calculation import Savings
from zerowaste.domain.shared.errors import NotFound

COLUMNS = {
    "carbon": "carbon_kg_co2e",
    "water": "water_l",
    "energy": "energy_mj",
    "cost": "cost_mxn",
}


class SavingsNotFound(NotFound):
    code = "savings_not_found"


class RecipeSavings:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[SavingsUnitOfWork],
        clock: Clock,
        calculator: SavingsCalculator,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._calculator = calculator

    def for_title(self, user_uid: str, title: str) -> StoredSavings:
        """Row 59: the household's saved recipe with this title, else a generated one."""
        with self._uow_factory.read() as uow:
            household = self._household(uow, user_uid)
            found = uow.recipes.by_title(household, title_key(title), ("saved", "generated"))
        if found is None:
            raise RecipeNotFound("No saved or generated recipe has this title")
        return self._stored(user_uid, found)

    def for_uid(self, user_uid: str, uid: str) -> StoredSavings:
        """Row 60: any recipe the caller may read (catalog included)."""
        with self._uow_factory.read() as uow:
            household = self._household(uow, user_uid)
            recipe = uow.recipes.get(uid)
        if recipe is None or not (recipe.is_public or recipe.household_id == household):
            raise RecipeNotFound("Recipe not found")
        return self._stored(user_uid, recipe)

    def mark(self, user_uid: str, uid: str, cooked: bool) -> StoredSavings:
        """Row 64: mark a calculation cooked (or not); computes it first when needed."""
        stored = self.for_uid(user_uid, uid)
        stored.is_cooked = cooked
        stored.cooked_at = self._clock.now() if cooked else None
        self._save(user_uid, stored)
        return stored

    def record_cooked(self, user_uid: str, recipe: Recipe, scale: Decimal) -> dict[str, float]:
        """What cooking `recipe` (scaled to the servings cooked) saved, stored as cooked."""
        now = self._clock.now()
        stored = _record(recipe, self.compute(recipe, scale, user_uid), now, cooked=True)
        self._save(user_uid, stored)
        return {
            "carbon_kg_co2e": stored.carbon_kg_co2e,
            "water_l": stored.water_l,
            "cost_mxn": stored.cost_mxn,
        }

    def listed(self, user_uid: str, is_cooked: bool | None = None) -> list[StoredSavings]:
        with self._uow_factory.read() as uow:
            return uow.savings.of_user(user_uid, is_cooked)

    def household_totals(self, user_uid: str, start: date | None, end: date | None) -> Shared:
        """The caller's totals, their household's, and each member's (issue #14 §2)."""
        with self._uow_factory.read() as uow:
            user, members = caller_and_members(uow.users, user_uid)
            rows = uow.savings.of_household(user.household_id)
        theirs: dict[str, list[summary.SavingsRecord]] = {m.uid: [] for m in members}
        for uid, stored in rows:
            theirs.setdefault(uid, []).append(_summary_record(stored))
        every = [r for records in theirs.values() for r in records]
        people = [
            Person(m.uid, m.name, summary.totals(theirs[m.uid], start=start, end=end))
            for m in members
        ]
        mine = next(p.totals for p in people if p.user_uid == user_uid)  # the caller is a member
        return Shared(mine, summary.totals(every, start=start, end=end), people)

    def trends(
        self, user_uid: str, period: summary.Period, start: date | None, end: date | None
    ) -> list[summary.TrendPoint]:
        return summary.trends(self._records(user_uid), period, start=start, end=end)

    def top(self, user_uid: str, n: int, metric: summary.Metric) -> list[summary.SavingsRecord]:
        return summary.top(self._records(user_uid), n, metric=metric)

    def community(self, user_uid: str, metric: summary.Metric) -> summary.CommunityComparison:
        mine = summary.totals(self._records(user_uid), is_cooked=True)
        with self._uow_factory.read() as uow:
            everyone = uow.savings.user_totals(COLUMNS.get(metric, "carbon_kg_co2e"))
        value = float(getattr(mine, COLUMNS.get(metric, "carbon_kg_co2e")))
        return summary.community_comparison(value, everyone or [value], metric=metric)

    def _records(self, user_uid: str) -> list[summary.SavingsRecord]:
        return [_summary_record(s) for s in self.listed(user_uid)]

    def _stored(self, user_uid: str, recipe: Recipe) -> StoredSavings:
        with self._uow_factory.read() as uow:
            known = uow.savings.get(user_uid, recipe.uid)
        if known is not None:
            return known
        stored = _record(
            recipe, self.compute(recipe, user_uid=user_uid), self._clock.now(), cooked=False
        )
        self._save(user_uid, stored)
        return stored

    def compute(
        self, recipe: Recipe, scale: Decimal = Decimal(1), user_uid: str | None = None
    ) -> Savings:
        lines = [
            FoodLine(line.name, line.grams * scale, "g")  # weighed (SR28 measures)
            if line.grams is not None
            else FoodLine(
                line.name, None if line.quantity is None else line.quantity * scale, line.unit
            )
            for line in recipe.ingredients
            if not line.optional
        ]
        return self._calculator.calculate(lines, user_uid)

    def _save(self, user_uid: str, stored: StoredSavings) -> None:
        with self._uow_factory() as uow:
            household = self._household(uow, user_uid)
            uow.savings.put(household, user_uid, stored)
            uow.commit()

    def _household(self, uow: SavingsUnitOfWork, user_uid: str) -> str:
        user = uow.users.get(user_uid)
        if user is None:
            raise NotFound("Profile not found", code="profile_not_found")
        return user.household_id


def _record(recipe: Recipe, computed: Savings, now: datetime, *, cooked: bool) -> StoredSavings:
    return StoredSavings(
        recipe_uid=recipe.uid,
        recipe_title=recipe.title,
        recipe_source=recipe.source,
        carbon_kg_co2e=computed.carbon.value or 0.0,
        water_l=computed.water.value or 0.0,
        energy_mj=computed.energy.value or 0.0,
        cost_mxn=computed.cost.value or 0.0,
        is_cooked=cooked,
        saved_at=now,
        cooked_at=now if cooked else None,
        details=_details(computed),
    )


def _details(savings: Savings) -> dict[str, object]:
    sources = sorted({f.source for f in (savings.carbon, savings.water, savings.cost) if f.source})
    return {
        "energy_available": savings.energy_available,
        "missing_data": [asdict(m) for m in savings.missing_data],
        "estimated": list(savings.estimated),
        "sources": sources,
        "lines": [
            {
                "name": line.name,
                "carbon_kg_co2e": line.carbon.value,
                "water_l": line.water.value,
                "cost_mxn": line.cost.value,
                "estimated": line.estimated,
            }
            for line in savings.lines
        ],
    }


@dataclass(frozen=True)
class Person:
    user_uid: str
    name: str | None
    totals: summary.Totals


@dataclass(frozen=True)
class Shared:
    """Savings totals: the caller's own, their household's, and each member's."""

    mine: summary.Totals
    household: summary.Totals
    per_person: list[Person]


def _summary_record(s: StoredSavings) -> summary.SavingsRecord:
    return summary.SavingsRecord(
        s.recipe_uid,
        s.recipe_title,
        s.saved_at,
        s.carbon_kg_co2e,
        s.water_l,
        s.energy_mj,
        s.cost_mxn,
        s.is_cooked,
    )
