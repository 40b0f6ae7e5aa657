"""Risk scoring of a screening (seed 003), a pure function of the answers.

Points (seed 003, verbatim): age under 18 +3 (a minor: needs a guardian's consent), age over
65 +2, each critical condition +5 (type 1 diabetes; kidney disease; an eating disorder or its
history, one condition whether current, past or both), pregnancy +8, breastfeeding +3.
Levels: score >= 8 critical, >= 5 high (both cannot proceed), >= 3 medium (proceeds with
warnings), else low. Medications and other conditions add no points; they add a warning.

Conditions are free text matched accent- and case-insensitively against the names below
(Spanish and English); one that matches none is kept as "other".
A screening is valid for VALIDITY (24 h) from when it was made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from zerowaste.domain.screening.messages import language_of, warning
from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.text import folded

VALIDITY = timedelta(hours=24)
LEVELS = ("low", "medium", "high", "critical")
MINOR_BELOW, OLDER_ABOVE = 18, 65
POINTS = {
    "minor": 3,
    "older_adult": 2,
    "critical_condition": 5,
    "pregnancy": 8,
    "breastfeeding": 3,
}
THRESHOLDS = (("critical", 8), ("high", 5), ("medium", 3))  # highest first; below all: low
CRITICAL_CONDITIONS: dict[str, frozenset[str]] = {
    "type_1_diabetes": frozenset(
        {
            "type 1 diabetes",
            "type_1_diabetes",
            "diabetes type 1",
            "t1d",
            "diabetes tipo 1",
            "diabetes mellitus tipo 1",
            "diabetes mellitus type 1",
        }
    ),
    "kidney_disease": frozenset(
        {
            "kidney disease",
            "kidney_disease",
            "chronic kidney disease",
            "ckd",
            "renal disease",
            "enfermedad renal",
            "enfermedad renal cronica",
            "insuficiencia renal",
        }
    ),
    "eating_disorder": frozenset(
        {
            "eating disorder",
            "eating_disorder",
            "anorexia",
            "anorexia nervosa",
            "bulimia",
            "bulimia nervosa",
            "binge eating disorder",
            "trastorno alimentario",
            "trastorno de la conducta alimentaria",
            "tca",
            "trastorno por atracon",
        }
    ),
}
SEXES = ("female", "male")
AGE_RANGE = (1, 120)
HEIGHT_CM_RANGE = (50.0, 250.0)
WEIGHT_KG_RANGE = (20.0, 400.0)


@dataclass(frozen=True)
class Answers:
    age: int
    sex: str
    weight_kg: float
    height_cm: float
    medical_conditions: tuple[str, ...] = ()
    pregnant: bool = False
    breastfeeding: bool = False
    medications: tuple[str, ...] = ()
    eating_disorder_history: bool = False


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


@dataclass(frozen=True)
class Assessment:
    score: int
    level: str
    can_proceed: bool
    warnings: tuple[Warning, ...]
    critical_conditions: tuple[str, ...]


def level_of(score: int) -> str:
    """critical from 8, high from 5, medium from 3, else low."""
    return next((name for name, least in THRESHOLDS if score >= least), "low")


def can_proceed(level: str) -> bool:
    return level in ("low", "medium")


def critical_conditions(answers: Answers) -> tuple[str, ...]:
    """The critical conditions named (each once), the eating-disorder history included."""
    named = {folded(c) for c in answers.medical_conditions}
    found = [code for code, names in CRITICAL_CONDITIONS.items() if named & names]
    if answers.eating_disorder_history and "eating_disorder" not in found:
        found.append("eating_disorder")
    return tuple(found)


def _other_conditions(answers: Answers) -> list[str]:
    known = set().union(*CRITICAL_CONDITIONS.values())
    return [c for c in answers.medical_conditions if folded(c) not in known and folded(c)]


def check(answers: Answers) -> Answers:
    """The answers when possible; InvalidInput (400) for impossible ones."""
    if answers.sex not in SEXES:
        raise InvalidInput("Unknown sex", details={"sex": "|".join(SEXES)})
    for name, value, (low, high) in (
        ("age", answers.age, AGE_RANGE),
        ("height_cm", answers.height_cm, HEIGHT_CM_RANGE),
        ("weight_kg", answers.weight_kg, WEIGHT_KG_RANGE),
    ):
        if not low <= value <= high:
            raise InvalidInput(
                f"{name} must be between {low:g} and {high:g}", details={name: value}
            )
    if answers.sex == "male" and (answers.pregnant or answers.breastfeeding):
        raise InvalidInput(
            "Pregnancy and breastfeeding are answered for the female sex only",
            details={"sex": answers.sex},
        )
    return answers


def assess(answers: Answers, language: str) -> Assessment:
    """Score, level, whether a restrictive plan may proceed, and the warnings (es/en)."""
    check(answers)
    lang = language_of(language)
    codes: list[str] = []
    score = 0
    if answers.age < MINOR_BELOW:
        score, codes = score + POINTS["minor"], [*codes, "minor"]
    if answers.age > OLDER_ABOVE:
        score, codes = score + POINTS["older_adult"], [*codes, "older_adult"]
    conditions = critical_conditions(answers)
    score += POINTS["critical_condition"] * len(conditions)
    codes += conditions
    if answers.pregnant:
        score, codes = score + POINTS["pregnancy"], [*codes, "pregnancy"]
    if answers.breastfeeding:
        score, codes = score + POINTS["breastfeeding"], [*codes, "breastfeeding"]
    if answers.medications:
        codes.append("medications")
    if _other_conditions(answers):
        codes.append("other_conditions")
    level = level_of(score)
    if not can_proceed(level):
        codes.append("cannot_proceed")
    warnings = tuple(Warning(code, warning(code, lang)) for code in codes)
    return Assessment(score, level, can_proceed(level), warnings, conditions)


@dataclass(frozen=True)
class Screening:
    """A stored screening: the answers, their assessment, and until when it counts."""

    answers: Answers
    assessment: Assessment
    language: str
    created_at: datetime
    valid_until: datetime
    id: int | None = None

    def is_valid(self, now: datetime) -> bool:
        return now < self.valid_until


def screen(answers: Answers, language: str, now: datetime) -> Screening:
    lang = language_of(language)
    return Screening(answers, assess(answers, lang), lang, now, now + VALIDITY)
