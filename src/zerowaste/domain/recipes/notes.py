"""What a recipe line says besides amount and food: optional markers, purposes, parentheses,
preparation and size words (Spanish and English together: their words do not collide).

Choices:
- "opcional", "optional", "if desired" make the line optional: the recipe works without that
  food, so the engine never reports it missing. "al gusto", "to taste", "as needed" do so only
  in a line without an amount ("Sal al gusto"); "4 cucharadas de azúcar (ajustar al gusto)"
  still needs its sugar.
- A purpose ("para freír", "para decorar", "for greasing", "to serve") is a comment, not part of
  the food; the line is still needed ("Aceite para freír" uses oil).
- Preparation starts at the first preparation word after the food's first word ("ajo picado",
  "cebolla grande, picada"); adjectives that name a different product stay in the food
  ("carne molida", "leche condensada", "canela en polvo"), since the ingredient master tells
  those apart. English preparation comes first ("chopped fresh cilantro") and is taken from the
  front.
- Size words ("grande", "medianas", "large", "medium-sized") become a size the SR28 portion
  weights know (small, medium, large), removed from the food.
"""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    """A word list written as prose: one word per line would make these lists very long."""
    return frozenset(text.split())


OPTIONAL = re.compile(
    r"\(?\b(?:opcional(?:mente)?|optional(?:ly)?|if desired|si (?:se )?desea)\b\)?[:,;]?",
    re.IGNORECASE,
)
TO_TASTE = re.compile(
    r"\(?\b(?:al gusto|a gusto|to taste|as needed|if needed|si es necesario|según necesidad|"
    r"suficiente|or more|o más)\b\)?[:,;]?",
    re.IGNORECASE,
)
PURPOSE = re.compile(
    r"(?:^|\s)(?:para|for|to)\s+(?:freír|freir|decorar|acompañar|servir|envolver|atar|embutir|"
    r"untar|engrasar|espolvorear|rebozar|adornar|greasing|garnish|garnishing|serving|serve|"
    r"decorate|decorating|dusting|dust|frying|fry|brushing|sprinkling|sprinkle|the\s+\w+)\b.*$",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\(([^()]*)\)?|\[([^\[\]]*)\]?")
_MARKUP = re.compile(r"[*_`#]+|^\s*[-•·]\s+")
_HEADING = re.compile(r"^(?:para|for)\b[^:]{0,60}:\s*$|^[^:\d]{1,40}:\s*$", re.IGNORECASE)

PREPARATION_WORDS = word_set(
    "picado picada picados picadas finamente pelado pelada pelados peladas cortado "
    "cortada cortados cortadas rallado rallada rallados ralladas triturado triturada "
    "triturados trituradas machacado machacada machacados desmenuzado desmenuzada "
    "desmechado desmechada cocido cocida cocidos cocidas limpio limpia limpios "
    "limpias lavado lavada lavados lavadas troceado troceada troceados batido "
    "batida batidos batidas derretido derretida remojado remojados licuado "
    "licuada deshuesado deshuesada partido partida partidos partidas tostado "
    "tostada tostados tostadas sin en tibio tibia fría frío hervido hervida "
    "chopped minced diced sliced grated shredded peeled crushed cubed halved "
    "quartered seeded cored trimmed rinsed drained softened melted beaten "
    "sifted packed cooked uncooked thinly finely roughly coarsely freshly "
    "boiled toasted mashed julienned torn cut divided separated room "
)
# Words that start preparation only when a food word came before them ("en cubos" but not
# "en polvo" / "en lata", which name products).
_EN_PRODUCTS = frozenset({"polvo", "lata", "conserva", "almíbar", "salmuera", "rama", "grano"})
SIZES = {
    **dict.fromkeys(("pequeño", "pequeña", "pequeños", "pequeñas", "chico", "chica"), "small"),
    **dict.fromkeys(("chicos", "chicas", "small"), "small"),
    **dict.fromkeys(("mediano", "mediana", "medianos", "medianas", "medium"), "medium"),
    **dict.fromkeys(("medium-sized", "medium-size"), "medium"),
    **dict.fromkeys(("grande", "grandes", "large", "big", "jumbo", "extra-large"), "large"),
}
LENGTH_WORDS = frozenset({"cm", "inch", "inches", "in", "pulgada", "pulgadas", "mm"})


def strip_markup(text: str) -> str:
    """Markdown left in the catalog ("*morcillas*", "- 2 eggs")."""
    return _MARKUP.sub(" ", text)


def is_heading(text: str) -> bool:
    """ "Para el hogao:" or "Sauce:" heads a group of lines; it is no ingredient."""
    return bool(_HEADING.match(text.strip()))


def take_optional(text: str) -> tuple[str, bool, bool]:
    """The text without its markers, whether it said "optional", whether "to taste"."""
    cleaned, optional = OPTIONAL.subn(" ", text)
    cleaned, to_taste = TO_TASTE.subn(" ", cleaned)
    return " ".join(cleaned.split()), optional > 0, to_taste > 0


def take_purpose(text: str) -> tuple[str, str | None]:
    found = PURPOSE.search(text)
    if found is None or found.start() == 0:
        return text, None
    return text[: found.start()].strip(" ,;"), found.group(0).strip(" ,;")


def take_parentheses(text: str) -> tuple[str, list[str]]:
    """The text without its (parenthesised) or [bracketed] parts, and those parts."""
    inner: list[str] = []

    def keep(found: re.Match[str]) -> str:
        part = (found.group(1) or found.group(2) or "").strip()
        if part:
            inner.append(part)
        return " "

    return " ".join(_PARENS.sub(keep, text).split()), inner


def take_size(words: list[str]) -> tuple[list[str], str | None]:
    """Words without size words, and the size they named (the last one wins)."""
    size = None
    kept = []
    for word in words:
        found = SIZES.get(word.casefold().strip(",;"))
        if found is None:
            kept.append(word)
        else:
            size = found
    return kept, size


def split_preparation(words: list[str], lang: str) -> tuple[list[str], list[str]]:
    """(food words, preparation words): preparation from the front ("finely chopped onion"),
    and in Spanish also from the first preparation word after the food's first word."""
    start = 0
    while start < len(words) - 1 and _is_preparation(words, start):
        start += 1
    lead = words[:start]
    if lang != "es":
        return words[start:], lead
    for index in range(start + 1, len(words)):
        if _is_preparation(words, index):
            return words[start:index], lead + words[index:]
    return words[start:], lead


def is_preparation(word: str) -> bool:
    """Whether a word alone reads as preparation ("picado", "chopped"; "en" needs more)."""
    return word.casefold().strip(",;") in PREPARATION_WORDS - {"en", "sin", "room"}


def _is_preparation(words: list[str], index: int) -> bool:
    word = words[index].casefold().strip(",;")
    if word not in PREPARATION_WORDS:
        return False
    if word in ("en", "sin", "room"):
        following = words[index + 1].casefold() if index + 1 < len(words) else ""
        return bool(following) and following not in _EN_PRODUCTS
    return True
