"""Names read off a ticket -> ingredient-master entries, conservatively.

The catalog's `match` is built for names people type ("jitomates", "pechuga de pollo") and
its fuzzy step (rapidfuzz WRatio >= 85) also scores partial overlaps at 90: "Coca Cola" gives
Col (cabbage), "Agua" Aguacate, "Refresco" beef. A ticket carries brands, store abbreviations
and OCR slips, so a fuzzy hit is kept here only when a word of the ticket's name is a word of
the entry's Spanish or English name (equal, or rapidfuzz ratio >= 85 for words of five
letters or more: "yoghurt"/"yogur"), qualifiers ("whole", "blanco") not counting. When the
whole name has no safe hit, shorter prefixes are tried under the same rule ("ATUN DOLORES" ->
"ATUN" -> Atún en lata): brands come after the food on Mexican and US tickets. Anything else
is unmatched and dropped by the caller.
Known cost: a generic head word takes the master's nearest entry ("Galletas Marias" ->
Galletas saladas), as a person filing the ticket by its first word would.
Recipe lines need a stricter reading of the same rule: infrastructure.reference.recipe_foods.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.reference import IngredientMatch
from zerowaste.infrastructure.reference.text import Normalizer

MIN_SCORE = 85
MIN_FUZZY_WORD = 5
WORD_SIMILARITY = 85
MAX_WORDS = 6  # prefixes tried: a ticket name is short, OCR junk joined to it is not
# Words that qualify a food without naming it: sharing one of these is not sharing a food
# ("WHOLE FOODS" is a store, not Whole wheat flour; "Leche blanca" is not Arroz blanco).
QUALIFIERS = frozenset(
    (
        *("whole", "white", "red", "green", "yellow", "black", "fresh", "natural", "organic"),
        *("raw", "dry", "dried", "ground", "canned", "frozen", "large", "small", "plain"),
        *("light", "food", "blanco", "blanca", "negro", "negra", "rojo", "roja", "verde"),
        *("amarillo", "amarilla", "entero", "entera", "fresco", "fresca", "organico"),
        *("organica", "molido", "molida", "seco", "seca", "grande", "chico", "chica"),
        *("mediano", "mediana", "lata", "congelado", "congelada", "alimento"),
    )
)


class IngredientResolver:
    def __init__(self, catalog: ReferenceCatalog, *, min_score: int = MIN_SCORE) -> None:
        self._catalog = catalog
        self._min_score = min_score
        self._normalizer = Normalizer()

    def resolve(self, name: str) -> IngredientMatch | None:
        """The master entry the name means, or None when no entry is a safe reading."""
        words = name.split()[:MAX_WORDS]
        for size in range(len(words), 0, -1):
            prefix = " ".join(words[:size])
            found = self._catalog.match(prefix)
            if found is not None and self._acceptable(prefix, found):
                return found
        return None

    def _acceptable(self, name: str, found: IngredientMatch) -> bool:
        if found.exact:
            return True
        if found.score < self._min_score:
            return False
        ours = [w for w in self._normalizer.tokens(name) if w not in QUALIFIERS]
        theirs = self._normalizer.tokens(f"{found.name_es} {found.name_en}")
        return any(same_word(a, b) for a in ours for b in theirs)


def same_word(a: str, b: str, similarity: int = WORD_SIMILARITY) -> bool:
    """Equal, or alike (rapidfuzz ratio >= `similarity`) when both have five letters or more."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_WORD:
        return False
    return fuzz.ratio(a, b) >= similarity
