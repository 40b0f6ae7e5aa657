"""A small Spanish <-> English glossary of dish and cooking words (written for this project,
CC0), so the lexical signal crosses languages where the ingredient master does not: the master
knows foods ("espinaca" is spinach), not dishes or methods ("sopa" is soup, "al horno" baked).
Keys and values are folded (no accents); a query word adds its translations as terms."""

from __future__ import annotations

_PAIRS = {
    "sopa": "soup",
    "caldo": "broth stock soup",
    "crema": "cream",
    "pan": "bread",
    "panecillo": "bun roll",
    "galleta": "cookie biscuit",
    "ensalada": "salad",
    "pastel": "cake",
    "torta": "cake",
    "tarta": "cake pie tart",
    "bizcocho": "cake sponge",
    "postre": "dessert sweet",
    "guiso": "stew",
    "estofado": "stew",
    "panqueque": "pancake",
    "hotcake": "pancake",
    "crepa": "crepe pancake",
    "salsa": "sauce",
    "pure": "puree mashed",
    "horno": "baked oven",
    "horneado": "baked",
    "frito": "fried",
    "frita": "fried",
    "asado": "roast grilled",
    "asada": "roast grilled",
    "parrilla": "grilled",
    "relleno": "stuffed",
    "rellena": "stuffed",
    "masa": "dough",
    "bebida": "drink",
    "te": "tea",
    "cafe": "coffee",
    "desayuno": "breakfast",
    "cena": "dinner supper",
    "picante": "spicy",
    "rapido": "quick",
    "rapida": "quick",
    "facil": "easy",
    "casero": "homemade",
    "salteado": "stir fry",
    "amasar": "knead",
    "albondiga": "meatball",
    "empanada": "pie patty",
    "guisado": "stew",
    "cremoso": "creamy",
    "dulce": "sweet",
    "budin": "pudding",
    "pudin": "pudding",
    "emparedado": "sandwich",
    "sandwich": "sandwich",
    "hamburguesa": "burger hamburger",
    "tortilla": "tortilla omelet",
}
_REVERSE: dict[str, list[str]] = {}
for _es, _en in _PAIRS.items():
    for _word in _en.split():
        _REVERSE.setdefault(_word, []).append(_es)

GLOSSARY: dict[str, tuple[str, ...]] = {
    **{es: tuple(en.split()) for es, en in _PAIRS.items()},
    **{en: tuple(es) for en, es in _REVERSE.items() if en not in _PAIRS},
}


def translations(word: str) -> tuple[str, ...]:
    """The other language's words for a folded word ("sopa" -> soup), or ()."""
    found = GLOSSARY.get(word)
    if found is None and word.endswith("s"):
        found = GLOSSARY.get(word[:-1]) or GLOSSARY.get(word[:-2] if word.endswith("es") else "")
    return found or ()
