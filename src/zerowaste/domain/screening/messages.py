"""Warnings of a screening in Spanish and English (the profile's language; others get English)."""

from __future__ import annotations

LANGUAGES = ("es", "en")

WARNINGS: dict[str, dict[str, str]] = {
    "minor": {
        "en": "Minor: a restrictive plan needs a parent's or guardian's consent.",
        "es": "Menor de edad: un plan restrictivo necesita el consentimiento de un tutor.",
    },
    "older_adult": {
        "en": "Over 65: check energy and protein needs with a health professional.",
        "es": "Mayor de 65 años: revisa tus necesidades de energía y proteína con un profesional "
        "de la salud.",
    },
    "type_1_diabetes": {
        "en": "Type 1 diabetes: a restrictive plan needs medical supervision (hypoglycaemia risk).",
        "es": "Diabetes tipo 1: un plan restrictivo requiere supervisión médica (riesgo de "
        "hipoglucemia).",
    },
    "kidney_disease": {
        "en": "Kidney disease: protein, sodium and potassium must be set by your doctor.",
        "es": "Enfermedad renal: la proteína, el sodio y el potasio los debe fijar tu médico.",
    },
    "eating_disorder": {
        "en": "Eating disorder (current or past): restrictive plans are not offered; please talk "
        "to a health professional.",
        "es": "Trastorno de la conducta alimentaria (actual o pasado): no se ofrecen planes "
        "restrictivos; habla con un profesional de la salud.",
    },
    "pregnancy": {
        "en": "Pregnancy: energy restriction is not advised; follow your prenatal care.",
        "es": "Embarazo: no se aconseja restringir la energía; sigue tu control prenatal.",
    },
    "breastfeeding": {
        "en": "Breastfeeding: energy needs are higher; avoid strong restriction.",
        "es": "Lactancia: las necesidades de energía son mayores; evita restricciones fuertes.",
    },
    "medications": {
        "en": "Medications: some interact with diet changes; ask your doctor or pharmacist.",
        "es": "Medicamentos: algunos interactúan con cambios de dieta; consulta a tu médico o "
        "farmacéutico.",
    },
    "other_conditions": {
        "en": "Other medical conditions: ask a health professional before a restrictive plan.",
        "es": "Otras condiciones médicas: consulta a un profesional de la salud antes de un plan "
        "restrictivo.",
    },
    "cannot_proceed": {
        "en": "A restrictive plan cannot be generated for you without professional supervision.",
        "es": "No se puede generar un plan restrictivo para ti sin supervisión profesional.",
    },
}


def language_of(preferred: str | None) -> str:
    return preferred if preferred in LANGUAGES else "en"


def warning(code: str, language: str) -> str:
    return WARNINGS[code][language_of(language)]
