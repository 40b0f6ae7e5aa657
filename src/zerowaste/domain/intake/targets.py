"""Daily energy and macro targets from a nutrition profile.

Formulas and factors (and where they come from):
- Basal metabolic rate, Mifflin-St Jeor (Mifflin MD, St Jeor ST et al., "A new predictive
  equation for resting energy expenditure in healthy individuals", Am J Clin Nutr
  1990;51(2):241-247), weight in kg, height in cm, age in years:
      men:   BMR = 10 x weight + 6.25 x height - 5 x age + 5
      women: BMR = 10 x weight + 6.25 x height - 5 x age - 161
  The equation was fitted on adults (19-78 years): no target is computed for a minor (422).
- Total daily energy expenditure (the estimated need) = BMR x activity factor, with the usual
  multipliers (McArdle, Katch & Katch, Exercise Physiology; the same used with Harris-Benedict):
      sedentary 1.2, light 1.375, moderate 1.55, active 1.725, very_active 1.9.
- Goal adjustment: lose -500 kcal/day (about 0.5 kg a week; NIH/NHLBI, Clinical Guidelines on
  Overweight and Obesity in Adults, 1998: a 500-1,000 kcal/day deficit), maintain 0,
  gain +300 kcal/day (a lean surplus at the low end of the 300-500 kcal/day usually advised).
- A custom calorie target from the profile replaces need + adjustment (`source: "custom"`).
- Macro grams from the split with the Atwater factors: protein and carbohydrate 4 kcal/g,
  fat 9 kcal/g. Energy is rounded to whole kcal, grams to one decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from zerowaste.domain.intake.profile import MacroSplit, NutritionProfile
from zerowaste.domain.shared.errors import RuleViolation

ACTIVITY_FACTORS = {
    "sedentary": 1.2,
    "light": 1.375,
    "moderate": 1.55,
    "active": 1.725,
    "very_active": 1.9,
}
GOAL_ADJUSTMENT_KCAL = {"lose": -500, "maintain": 0, "gain": 300}
SEX_CONSTANT = {"male": 5.0, "female": -161.0}
KCAL_PER_GRAM = {"protein": 4, "fat": 9, "carbs": 4}
ADULT_AGE = 18


@dataclass(frozen=True)
class MacroTargets:
    protein_g: float
    fat_g: float
    carbs_g: float


@dataclass(frozen=True)
class Targets:
    bmr_kcal: float
    estimated_need_kcal: float  # BMR x activity: what maintaining the weight takes
    goal_adjustment_kcal: int
    energy_kcal: int  # the daily target
    source: str  # "calculated" | "custom"
    split: MacroSplit
    macros: MacroTargets


class TargetsForAdultsOnly(RuleViolation):
    code = "targets_for_adults_only"


def bmr(sex: str, weight_kg: float, height_cm: float, age: int) -> float:
    """Mifflin-St Jeor basal metabolic rate, kcal/day."""
    return 10 * weight_kg + 6.25 * height_cm - 5 * age + SEX_CONSTANT[sex]


def profile_bmr(profile: NutritionProfile, today: date) -> float:
    """The profile's BMR on `today`; refused for a minor (the equation is for adults)."""
    age = profile.age_on(today)
    if age < ADULT_AGE:
        raise TargetsForAdultsOnly(
            "Energy targets are calculated for adults only (Mifflin-St Jeor)",
            details={"age": age},
        )
    return bmr(profile.sex, profile.weight_kg, profile.height_cm, age)


def estimated_need(profile: NutritionProfile, today: date) -> float:
    """Energy to maintain the current weight: BMR x activity factor, kcal/day (unrounded)."""
    return profile_bmr(profile, today) * ACTIVITY_FACTORS[profile.activity]


def macro_grams(energy_kcal: float, split: MacroSplit) -> MacroTargets:
    """Grams of protein, fat and carbohydrate that give `split` of `energy_kcal`."""
    return MacroTargets(
        protein_g=round(energy_kcal * split.protein_pct / 100 / KCAL_PER_GRAM["protein"], 1),
        fat_g=round(energy_kcal * split.fat_pct / 100 / KCAL_PER_GRAM["fat"], 1),
        carbs_g=round(energy_kcal * split.carbs_pct / 100 / KCAL_PER_GRAM["carbs"], 1),
    )


def targets(profile: NutritionProfile, today: date) -> Targets:
    """The profile's daily energy target and macro grams on `today`."""
    basal = profile_bmr(profile, today)
    need = basal * ACTIVITY_FACTORS[profile.activity]
    adjustment = GOAL_ADJUSTMENT_KCAL[profile.goal]
    if profile.calorie_target is not None:
        energy, source = profile.calorie_target, "custom"
    else:
        energy, source = round(need + adjustment), "calculated"
    return Targets(
        bmr_kcal=round(basal, 1),
        estimated_need_kcal=round(need, 1),
        goal_adjustment_kcal=adjustment,
        energy_kcal=energy,
        source=source,
        split=profile.split,
        macros=macro_grams(energy, profile.split),
    )
