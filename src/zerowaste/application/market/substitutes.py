"""`GET /api/ingredients/substitutes`: the substitution rules for an ingredient (data/
ingredient_substitutions), with the diets each fits, the allergens it removes and adds, and
the ones the caller can make from what they have first (`domain.market.substitutes`).

"What they have" is the caller's household stock (ingredients not expired, as every stock
reader sees it: `recipes.pantry`) plus the `available_ingredients` they name; another
household's stock is never read (the household comes from the caller's own row).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from zerowaste.application.market.ports import MarketUnitOfWork, SubstitutionRules
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.application.recipes.pantry import pantry_of_lines
from zerowaste.domain.market.substitutes import (
    DIET_TAGS,
    Candidate,
    candidate,
    fits,
    ranked,
)
from zerowaste.domain.nutrition.swaps import applying
from zerowaste.domain.search.ranking import Page, page_of
from zerowaste.domain.shared.errors import InvalidInput, NotFound


@dataclass(frozen=True)
class SubstituteReport:
    original: str
    ingredient_id: str | None  # the master's entry for the original, when it names one
    restrictions: list[str]
    page: Page[Candidate]


class Substitutes:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[MarketUnitOfWork],
        clock: Clock,
        rules: SubstitutionRules,
        catalog: ReferenceCatalog,
        keys: Callable[[str], str],
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._rules = rules
        self._catalog = catalog
        self._keys = keys

    def for_user(
        self,
        user_uid: str,
        original: str,
        restrictions: Sequence[str] = (),
        available: Sequence[str] = (),
        page: int = 1,
        per_page: int = 20,
    ) -> SubstituteReport:
        unknown = sorted(set(restrictions) - set(DIET_TAGS))
        if unknown:
            raise InvalidInput(
                f"Unknown dietary restriction: {', '.join(unknown)}",
                code="unknown_dietary_restriction",
                details={"allowed": list(DIET_TAGS)},
            )
        have = self._stock(user_uid) | {self._keys(name) for name in available}
        match = self._catalog.match(original)
        exact = match if match is not None and match.exact else None
        names = {original} | ({exact.name_en, exact.name_es} if exact else set())
        found = [
            candidate(sub, have, self._exact_key, exact.allergens if exact else (), self._allergens)
            for sub in applying(self._rules.substitutions(), names)
            if fits(sub, restrictions)
        ]
        return SubstituteReport(
            original,
            exact.ingredient_id if exact else None,
            sorted(set(restrictions)),
            page_of(ranked(found), page, per_page),
        )

    def _stock(self, user_uid: str) -> set[str]:
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_uid)
            if user is None:
                raise NotFound("Profile not found", code="profile_not_found")
            stock = uow.inventory.stock_lines(user.household_id)
        return {food.key for food in pantry_of_lines(stock, self._clock.today(), self._keys)}

    def _exact_key(self, name: str) -> str:
        """A substitute's food as a master key only when the master has that exact name (a
        close name is another food here: "flax egg" is no egg); else the folded name."""
        found = self._catalog.match(name)
        return (
            found.ingredient_id
            if found is not None and found.exact
            else " ".join(name.casefold().split())
        )

    def _allergens(self, name: str) -> tuple[str, ...]:
        found = self._catalog.match(name)
        return found.allergens if found is not None and found.exact else ()
