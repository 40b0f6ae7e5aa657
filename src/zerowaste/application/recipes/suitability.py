"""Which recipes suit a user: the profile's allergies, diets and cooking level (generation
today, plan generation next), and the personalization a generation reports back.

Rules: a recipe with a line whose food carries an allergen the user named is out (the data
pack's allergen table, by food name); vegetarian and vegan diets leave out recipes with meat
or fish (`domain.recipes.defaults.is_vegetarian`); beginners get no "Difícil" recipe.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from zerowaste.application.accounts.members import caller_and_members
from zerowaste.application.accounts.ports import UserRepository
from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.accounts.users import User
from zerowaste.domain.households import SharedAllergy, shared_allergies
from zerowaste.domain.recipes import defaults
from zerowaste.domain.recipes.recipe import Recipe

VEGETARIAN_DIETS = frozenset({"vegetariano", "vegetarian", "vegano", "vegan"})
T = TypeVar("T")


@dataclass(frozen=True)
class Personalization:
    language: str
    measurement_system: str
    cooking_level: str
    allergies_filtered: list[str]
    dietary_restrictions: list[str]
    preferred_food_types: list[str]
    allergies_whose: list[SharedAllergy]  # each filtered term and the members who named it


def personalization(user: User, whose: list[SharedAllergy] | None = None) -> Personalization:
    profile = user.profile
    return Personalization(
        language=profile.language or "es",
        measurement_system=profile.measurement_unit or "metric",
        cooking_level=profile.cooking_level or "beginner",
        allergies_filtered=profile.allergy_terms(),
        dietary_restrictions=list(profile.special_diet_items),
        preferred_food_types=list(profile.preferred_food_types),
        allergies_whose=list(whose or []),
    )


def with_household_allergies(user: User, members: list[User]) -> tuple[User, list[SharedAllergy]]:
    """Pickers honour every member's allergies (issue #14 §2): the caller with the union of the
    members' terms (their own profile is untouched), and each term with the members who named
    it, to say whose. A user alone is returned as they are."""
    if len(members) < 2:
        return user, []
    found = shared_allergies([(m.name or "a member", m.profile.allergy_terms()) for m in members])
    profile = replace(user.profile, allergies=[a.term for a in found], allergy_items=[])
    return replace(user, profile=profile), found


@dataclass(frozen=True)
class Diners:
    """Who a picker chooses for: the caller carrying the union of their household's allergies
    (`user`), and each term with the members who named it (empty for a user alone)."""

    user: User
    allergies: list[SharedAllergy]

    def avoided(self) -> list[SharedAllergy]:
        """The terms a picker leaves out, and whose (the caller's own for a user alone)."""
        if self.allergies:
            return self.allergies
        terms = self.user.profile.allergy_terms()
        return shared_allergies([(self.user.name or "you", terms)])


@dataclass(frozen=True)
class Picked(Generic[T]):
    """A picker's answer (`found`) and the allergies it left out, with whose (`Diners.avoided`):
    what search and recommendations say beside their recipes, as generation does."""

    found: T
    allergies_whose: list[SharedAllergy]


def diners(users: UserRepository, user_uid: str) -> Diners:
    """The one read every recipe picker makes of who it picks for: the caller and their
    household's members in one query (what reading the caller alone costs)."""
    return Diners(*with_household_allergies(*caller_and_members(users, user_uid)))


def diners_of(members: list[User]) -> dict[str, Diners]:
    """Per user, as `diners`, for a batch read with `with_households` (the notifications)."""
    by_household: dict[str, list[User]] = {}
    for member in members:
        by_household.setdefault(member.household_id, []).append(member)
    return {
        m.uid: Diners(*with_household_allergies(m, by_household[m.household_id])) for m in members
    }


class Suitability:
    def __init__(self, catalog: ReferenceCatalog) -> None:
        self._catalog = catalog

    def __call__(self, candidates: list[Recipe], user: User) -> list[Recipe]:
        """The candidates this user may be offered, in their order."""
        beginner = (user.profile.cooking_level or "").casefold() == "beginner"
        return self.among(
            candidates, user.profile.allergy_terms(), user.profile.special_diet_items, beginner
        )

    def among(
        self,
        candidates: list[Recipe],
        allergy_terms: list[str],
        diets: list[str],
        beginner: bool = False,
    ) -> list[Recipe]:
        """The candidates without the named allergens, within the diets (search filters name
        them explicitly), in their order; beginners get no "Difícil" recipe."""
        codes = (
            set(self._catalog.allergen_codes_for_terms(allergy_terms)) if allergy_terms else set()
        )
        vegetarian = bool({d.casefold() for d in diets} & VEGETARIAN_DIETS)
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
