"""A user's nutrition profile: body data, activity level, goal and optional custom targets.

Rules (why, not how):
- Age is either given (a number of years) or derived from a birth date on the day it is needed,
  so a profile saved with a birth date never goes stale. Exactly one of the two is stored.
- Bounds refuse impossible values rather than computing nonsense from them: age 1-120 years,
  height 50-250 cm, weight 20-400 kg, a birth date no later than today.
- A macro split is three whole percentages (protein, fat, carbohydrate) that add up to 100.
- A custom calorie target replaces the calculated energy target (800-10,000 kcal; whether a
  low one needs a safety screening is the screening's business, not the profile's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from zerowaste.domain.shared.errors import InvalidInput

SEXES = ("female", "male")
ACTIVITY_LEVELS = ("sedentary", "light", "moderate", "active", "very_active")
GOALS = ("lose", "maintain", "gain")
AGE_RANGE = (1, 120)
HEIGHT_CM_RANGE = (50.0, 250.0)
WEIGHT_KG_RANGE = (20.0, 400.0)
CALORIE_TARGET_RANGE = (800, 10_000)


@dataclass(frozen=True)
class MacroSplit:
    """Shares of the daily energy, in whole percent, from protein, fat and carbohydrate."""

    protein_pct: int
    fat_pct: int
    carbs_pct: int

    def __post_init__(self) -> None:
        parts = (self.protein_pct, self.fat_pct, self.carbs_pct)
        if any(p < 0 or p > 100 for p in parts) or sum(parts) != 100:
            raise InvalidInput(
                "The macro split must be three percentages adding up to 100",
                code="invalid_macro_split",
                details={"protein_pct": parts[0], "fat_pct": parts[1], "carbs_pct": parts[2]},
            )


# Default split: 20 % protein, 30 % fat, 50 % carbohydrate, inside the Acceptable Macronutrient
# Distribution Ranges for adults (protein 10-35 %, fat 20-35 %, carbohydrate 45-65 %; Institute
# of Medicine, Dietary Reference Intakes for Energy and Macronutrients, 2005).
DEFAULT_SPLIT = MacroSplit(protein_pct=20, fat_pct=30, carbs_pct=50)


@dataclass(frozen=True)
class NutritionProfile:
    sex: str
    height_cm: float
    weight_kg: float
    activity: str
    goal: str
    age: int | None = None
    birth_date: date | None = None
    calorie_target: int | None = None
    macro_split: MacroSplit | None = None
    updated_at: datetime | None = None

    def age_on(self, today: date) -> int:
        """Age in whole years on `today` (from the birth date when there is one)."""
        if self.birth_date is None:
            return int(self.age or 0)
        born = self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    @property
    def split(self) -> MacroSplit:
        return self.macro_split or DEFAULT_SPLIT


def _check(name: str, value: float, bounds: tuple[float, float]) -> None:
    if not bounds[0] <= value <= bounds[1]:
        raise InvalidInput(
            f"{name} must be between {bounds[0]:g} and {bounds[1]:g}",
            details={name: value},
        )


def _one_of(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise InvalidInput(f"Unknown {name}", details={name: "|".join(allowed)})


def validated(profile: NutritionProfile, today: date) -> NutritionProfile:
    """The profile when every value is possible; InvalidInput (400) naming the first that is not."""
    _one_of("sex", profile.sex, SEXES)
    _one_of("activity", profile.activity, ACTIVITY_LEVELS)
    _one_of("goal", profile.goal, GOALS)
    if (profile.age is None) == (profile.birth_date is None):
        raise InvalidInput("Give either age or birth_date (one of them)", code="age_or_birth_date")
    if profile.birth_date is not None and profile.birth_date > today:
        raise InvalidInput("The birth date is in the future", details={"birth_date": "future"})
    _check("age", profile.age_on(today), AGE_RANGE)
    _check("height_cm", profile.height_cm, HEIGHT_CM_RANGE)
    _check("weight_kg", profile.weight_kg, WEIGHT_KG_RANGE)
    if profile.calorie_target is not None:
        _check("calorie_target", profile.calorie_target, CALORIE_TARGET_RANGE)
    return profile
