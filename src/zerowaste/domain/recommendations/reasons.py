"""Why a recipe is recommended, in the user's language (es, else en) (pure).

The first reason that applies, in this order: it uses food about to expire ("Usa tu espinaca
que vence mañana"), it resembles a recipe the user liked ("Como Tortilla de papa, que
cocinaste"), it matches the profile's preferred food types, it is popular; else it is new.
"""

from __future__ import annotations

from zerowaste.domain.recommendations.blend import Scored

_VERBS = {
    "es": {
        "cooked": "que cocinaste",
        "favorite": "que marcaste como favorita",
        "saved": "que guardaste",
        "like": "que te gustó",
        "viewed": "que viste",
    },
    "en": {
        "cooked": "you cooked",
        "favorite": "you favourited",
        "saved": "you saved",
        "like": "you liked",
        "viewed": "you viewed",
    },
}


def when(days_left: int, lang: str) -> str:
    if lang == "es":
        return {0: "hoy", 1: "mañana"}.get(days_left, f"en {days_left} días")
    return {0: "today", 1: "tomorrow"}.get(days_left, f"in {days_left} days")


def reasons(found: Scored, language: str) -> list[str]:
    """Every reason that applies, the strongest first (never empty)."""
    lang = "es" if language.startswith("es") else "en"
    candidate, said = found.candidate, []
    if candidate.expiring:
        soonest = min(candidate.expiring, key=lambda e: (e.days_left, e.name))
        name, days = soonest.name.lower(), when(soonest.days_left, lang)
        said.append(
            f"Usa tu {name} que vence {days}"
            if lang == "es"
            else f"Uses your {name} that expires {days}"
        )
    if candidate.anchor is not None and found.parts.get("model", 0.0) > 0:
        verb = _VERBS[lang].get(candidate.anchor.kind, _VERBS[lang]["viewed"])
        title = candidate.anchor.title
        said.append(f"Como {title}, {verb}" if lang == "es" else f"Like {title}, which {verb}")
    if candidate.profile:
        said.append("Coincide con tus preferencias" if lang == "es" else "Matches your preferences")
    if candidate.popularity > 0 and found.parts.get("popularity", 0.0) > 0:
        said.append("Popular entre otros usuarios" if lang == "es" else "Popular with other users")
    if not said:
        said.append("Algo nuevo para probar" if lang == "es" else "Something new to try")
    return said
