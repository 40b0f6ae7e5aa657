"""Food names from recipe lines -> ingredient-master entries, with a stricter guard.

The ticket resolver (resolver.py) keeps a fuzzy hit when the name shares one word with the
entry. Recipe names are compounds whose other word changes the food, and the catalog's
partial-ratio fuzzy step scores them at 86-90: "onion powder" gave bouillon (its name packs
"powder"), "bay leaves" cilantro ("coriander leaves"), "red pepper flakes" corn flakes,
"oyster sauce" clams, "chicken stock" a whole chicken, "carne de cangrejo" beef, "tomillo"
(thyme) tomatillo, "oats" oat drink. So, for a recipe food:

1. Spans are tried in order: the name; the name without descriptive words (`DESCRIPTORS`:
   "fresh", "boneless", "cubes", "leaves", "all-purpose"...); then shorter spans keeping the
   head: English drops words from the front ("basmati rice" -> "rice"), Spanish from the end
   but never the first "de ..." complement ("queso costeño duro" -> "queso", while "carne de
   cangrejo" stays whole).
2. A fuzzy hit (the first two spans only) is kept when every word of the span but descriptors
   and colours is a word of the entry's names (rapidfuzz ratio >= 90: "tumeric" yes, "tomillo"
   no), the span holds the head of one of the entry's names ("frozen corn" is no "Breakfast
   cereal", "vegetable" no "Vegetable oil"), and it names more than a form ("seeds", "fruit").
3. A shorter span must hit exactly: in English an English name, never a project alias ("red
   peppers" is not the "pepper" alias of black pepper, "oven-safe pan" no Spanish "pan"); a
   form word (`FORMS`: oil, salt, powder, juice, bean...) only when the dropped words name no
   food themselves ("sea salt" is salt, "celery salt", "coconut oil", "vanilla bean" are not).
"""

from __future__ import annotations

import re

from zerowaste.application.ports.reference import ReferenceCatalog
from zerowaste.domain.reference import IngredientMatch
from zerowaste.infrastructure.reference.resolver import QUALIFIERS, same_word
from zerowaste.infrastructure.reference.text import Normalizer, fold, name_variants

SIMILARITY = 90
MAX_WORDS = 6
_COLORS = frozenset({"red", "green", "yellow", "black", "white", "rojo", "roja", "verde"})
DESCRIPTORS = (QUALIFIERS - _COLORS) | frozenset(
    (
        *("boneless", "skinless", "lean", "extra", "virgin", "unsalted", "salted", "smoked"),
        *("ripe", "maduro", "madura", "cold", "warm", "tibio", "tibia", "cooked"),
        *("uncooked", "all", "purpose", "plain", "regular", "baby", "mixed"),
        *("cube", "strip", "rasher", "slice", "piece", "chunk", "floret", "leave", "leaf"),
        *("sprig", "stalk", "stick", "fillet", "wedge", "half", "medium", "size", "sized"),
        *("hass", "mexican", "italian", "chopped", "minced", "diced", "sliced", "grated"),
        *("fresca", "frescos", "frescas", "entera", "entero", "limpio", "limpia", "tierno"),
        *("granulated", "caster", "cooking", "neutral", "frying", "good", "quality"),
        *("concentrated", "kosher", "coarse", "fine", "sea"),
    )
)
FORMS = frozenset(
    (
        *("powder", "polvo", "oil", "aceite", "sauce", "salsa", "stock", "broth", "caldo"),
        *("juice", "jugo", "zumo", "paste", "pasta", "flake", "hojuela", "seed", "semilla"),
        *("extract", "esencia", "syrup", "jarabe", "milk", "leche", "cream", "crema"),
        *("flour", "harina", "sugar", "azucar", "cheese", "queso", "bean", "cube", "cubo"),
        *("vinegar", "vinagre", "water", "agua", "soup", "sopa", "meal", "starch", "almidon"),
        *("salt", "sal", "puree", "pure", "leave", "hoja", "fruit", "fruta", "vegetable"),
    )
)
# Ignored when comparing words, but kept in the name's spans: "red peppers" must not become
# the "pepper" alias of black pepper, while "red pepper" still reads as a bell pepper.
IGNORED = DESCRIPTORS | _COLORS | frozenset({"blanco", "blanca", "negro", "negra", "amarillo"})
NEVER_DROPPED = frozenset({"powdered", "moscada", "olor"})  # "nuez moscada" is no walnut
_PARENS = re.compile(r"\([^)]*\)")
_OF = frozenset({"de", "del"})
_SPELLED_THE_SAME = ("name_en", "name_es")


class RecipeFoodMatcher:
    """Implements zerowaste.application.ports.recipe_lines.IngredientMatcher."""

    def __init__(self, catalog: ReferenceCatalog) -> None:
        self._catalog = catalog
        self._normalizer = Normalizer()

    def resolve(self, name: str, lang: str) -> IngredientMatch | None:
        """The entry a recipe's food name means (`lang`: the recipe's, es or en), or None."""
        words = self._normalizer.tokens(name)[:MAX_WORDS]
        if not words:
            return None
        plain = tuple(w for w in words if w not in DESCRIPTORS) or words
        english = lang.casefold().startswith("en")
        for text, span in dict.fromkeys(((name, words), (" ".join(plain), plain))):
            found = self._catalog.match(text)
            if found is not None and self._acceptable(span, found, english):
                return found
        for text, dropped in _shorter(name, words, english):
            found = self._catalog.match(text)
            if found is not None and self._shorter_ok(text, dropped, found, english):
                return found
        return None

    def _acceptable(self, span: tuple[str, ...], found: IngredientMatch, english: bool) -> bool:
        """Exact; or every word but descriptors in the entry's name (in the line's language),
        colours agreeing ("red pepper" is no "Black pepper"), and the name's head in the span."""
        if found.exact:
            return not (all(w in FORMS for w in span) and self._later_part(span, found))
        rest = [w for w in span if w not in IGNORED]
        if all(w in FORMS for w in rest):
            return False  # "seeds", "fruit": a form or a class names no food
        names = found.name_en if english else found.name_es
        entry = self._normalizer.tokens(names)
        colors = _COLORS.intersection(entry)
        if colors and not colors.issuperset(_COLORS.intersection(span)):
            return False
        if not all(self._known(w, entry) for w in rest):
            return False
        return any(self._has_head(span, v, english) for v in name_variants(_strip(names)))

    def _has_head(self, span: tuple[str, ...], name: str, english: bool) -> bool:
        """The span holds the head of the name: its last word in English ("Bell pepper"),
        its first in Spanish ("Harina de maíz nixtamalizado")."""
        own = [w for w in self._normalizer.tokens(name) if w not in IGNORED]
        return bool(own) and self._known(own[-1] if english else own[0], span)

    def _shorter_ok(
        self, text: str, dropped: tuple[str, ...], found: IngredientMatch, english: bool
    ) -> bool:
        span = self._normalizer.tokens(text)
        if not found.exact or not span or NEVER_DROPPED.intersection(dropped):
            return False
        if english and not self._english_name(span, found):
            return False
        if all(w in FORMS for w in span):
            return not any(self._is_food(w) for w in dropped)
        return True

    def _english_name(self, span: tuple[str, ...], found: IngredientMatch) -> bool:
        """The span is the entry's English name, not an alias or synonym, and holds the head
        of its first part ("legs" is no "Chicken thighs / legs", "powder" no bouillon)."""
        if found.matched_on not in _SPELLED_THE_SAME:
            return False
        first = _strip(found.name_en).split("/")[0]
        names = self._normalizer.tokens(found.name_en)
        in_name = all(self._known(w, names) for w in span)
        return in_name and self._has_head(span, first, english=True)

    def _later_part(self, span: tuple[str, ...], found: IngredientMatch) -> bool:
        """A form word that is only a later part of a name ("powder" of "Bouillon cube /
        powder"): "cooking powder" is no bouillon; "oil" (an alias) still is vegetable oil."""
        if found.matched_on not in _SPELLED_THE_SAME:
            return False
        firsts = (_strip(n).split("/")[0] for n in (found.name_en, found.name_es))
        return all(self._normalizer.tokens(first) != span for first in firsts)

    def _is_food(self, word: str) -> bool:
        """Whether a dropped word names a food ("celery" in "celery salt"; not "sea")."""
        if word in IGNORED:
            return False
        found = self._catalog.match(word)
        if found is None:
            return False
        entry = self._normalizer.tokens(f"{found.name_es} {found.name_en}")
        return found.exact or self._known(word, entry)

    @staticmethod
    def _known(word: str, words: tuple[str, ...] | list[str]) -> bool:
        return any(same_word(word, other, SIMILARITY) for other in words)


def _strip(name: str) -> str:
    return " ".join(_PARENS.sub(" ", name).split())


def _shorter(name: str, words: tuple[str, ...], english: bool) -> list[tuple[str, tuple[str, ...]]]:
    """(span, dropped words), keeping the head: English drops leading words ("kaffir lime
    leaves" keeps its "leaves"); Spanish drops trailing ones but keeps the first "de ..."
    complement whole ("harina de maíz precocida" -> "harina de maíz", never "harina"; "carne
    de cangrejo" stays as it is)."""
    if english:
        return [(" ".join(words[i:]), words[:i]) for i in range(1, len(words))]
    folded = fold(name).split()[:MAX_WORDS]
    keep = next((i + 2 for i, w in enumerate(folded) if i and w in _OF), 1)
    return [(" ".join(folded[:n]), tuple(folded[n:])) for n in range(len(folded) - 1, keep - 1, -1)]
