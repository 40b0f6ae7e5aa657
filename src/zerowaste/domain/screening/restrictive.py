"""When is a plan restrictive (seed 003)?

A plan is restrictive when any of these holds (each reported, so the 403 can say why):
- its daily energy target is more than 20 % below the user's estimated need
  (target < 0.8 x need; exactly 20 % below is not restrictive),
- its daily energy target is under 1,200 kcal (1,200 itself is not),
- it follows a medical diet: diabetic, renal or low-sodium (Spanish and English names,
  accent- and case-insensitive).
An unknown estimated need (no nutrition profile) leaves only the last two tests; the guard
(application.screening) decides what that means.
"""

from __future__ import annotations

from zerowaste.domain.shared.text import folded

MAX_DEFICIT = 0.20
MIN_DAILY_KCAL = 1_200
MEDICAL_DIETS: dict[str, frozenset[str]] = {
    "diabetic": frozenset({"diabetic", "diabetes", "diabetica", "diabetico", "para diabeticos"}),
    "renal": frozenset({"renal", "kidney", "renal diet", "dieta renal"}),
    "low_sodium": frozenset(
        {
            "low-sodium",
            "low sodium",
            "low_sodium",
            "hyposodic",
            "hiposodica",
            "bajo en sodio",
            "baja en sodio",
        }
    ),
}


def medical_diet(diet: str | None) -> str | None:
    """The medical diet `diet` names (diabetic | renal | low_sodium), else None."""
    if not diet:
        return None
    key = folded(diet)
    return next((code for code, names in MEDICAL_DIETS.items() if key in names), None)


def restrictive_reasons(
    daily_target_kcal: float | None, estimated_need_kcal: float | None, diet: str | None
) -> list[str]:
    """Why a plan is restrictive (empty: it is not): "deficit_over_20_percent",
    "under_1200_kcal", "medical_diet:<code>"."""
    reasons: list[str] = []
    if daily_target_kcal is not None:
        if estimated_need_kcal and daily_target_kcal < (1 - MAX_DEFICIT) * estimated_need_kcal:
            reasons.append("deficit_over_20_percent")
        if daily_target_kcal < MIN_DAILY_KCAL:
            reasons.append("under_1200_kcal")
    diet_code = medical_diet(diet)
    if diet_code:
        reasons.append(f"medical_diet:{diet_code}")
    return reasons


def is_restrictive(
    daily_target_kcal: float | None, estimated_need_kcal: float | None, diet: str | None
) -> bool:
    return bool(restrictive_reasons(daily_target_kcal, estimated_need_kcal, diet))
