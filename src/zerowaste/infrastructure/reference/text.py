"""Text normalisation for matching food names in Spanish and English.

`Normalizer.tokens("Los Limones de Colima")` -> ("limon", "colima"): accents dropped, lower
case, punctuation removed, stop words dropped, simple plurals made singular. Plurals are
resolved with the catalog's own vocabulary when it knows the singular ("chiles" -> "chile",
"frijoles" -> "frijol"), else by Spanish/English rules ("nueces" -> "nuez", "tomatoes" -> "tomato").
Catalog names and queries go through the same function, so both sides always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zerowaste.domain.shared.text import strip_accents

STOPWORDS = frozenset(
    {
        "de",
        "del",
        "la",
        "las",
        "el",
        "los",
        "lo",
        "un",
        "una",
        "unos",
        "unas",
        "con",
        "sin",
        "en",
        "y",
        "e",
        "o",
        "a",
        "al",
        "para",
        "por",
        "the",
        "of",
        "and",
        "or",
        "with",
        "without",
        "in",
        "an",
        "for",
    }
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_PARENS = re.compile(r"\([^)]*\)?")
_ES_CONSONANT_PLURAL = tuple("lnrdjy")  # limones, frijoles, panes, mieles, ajíes → drop "es"
MIN_PLURAL_LENGTH = 4  # "res", "gas", "mas" are not plurals


def fold(text: str) -> str:
    """Lower case, no accents, words separated by single spaces (ñ -> n, ü -> u)."""
    return " ".join(_NON_WORD.sub(" ", strip_accents(text)).split())


def _singular_candidates(word: str) -> list[str]:
    candidates = [word[:-1]]
    if word.endswith("es"):
        candidates.append(word[:-2])
    if word.endswith("ces"):
        candidates.append(word[:-3] + "z")
    if word.endswith("ies"):
        candidates.append(word[:-3] + "y")
    return candidates


def _singular_by_rule(word: str) -> str:
    if word.endswith("ces"):
        return word[:-3] + "z"  # nueces -> nuez, peces -> pez
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # berries -> berry
    if word.endswith("oes"):
        return word[:-2]  # tomatoes -> tomato
    if word.endswith("es") and word[-3] in _ES_CONSONANT_PLURAL:
        return word[:-2]  # limones -> limon
    return word[:-1]  # papas -> papa, tomates -> tomate, eggs -> egg


class Normalizer:
    """Folds and singularises words, preferring singulars found in `vocabulary`."""

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        self._vocabulary = frozenset(vocabulary)
        self._cache: dict[str, str] = {}

    def singular(self, word: str) -> str:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = word
        if len(word) >= MIN_PLURAL_LENGTH and word.endswith("s") and not word.endswith("ss"):
            known = [c for c in _singular_candidates(word) if c in self._vocabulary]
            result = known[0] if known else _singular_by_rule(word)
        if len(self._cache) < 100_000:
            self._cache[word] = result
        return result

    def tokens(self, text: str) -> tuple[str, ...]:
        return tuple(self.singular(w) for w in fold(text).split() if w not in STOPWORDS)

    def key(self, text: str) -> str:
        return " ".join(self.tokens(text))

    def head(self, text: str) -> tuple[str, ...]:
        """Words that may be the head noun: the first one in Spanish "X de Y" names, else the
        first and the last ("pechuga de pollo" -> pechuga; "red onions" -> red, onion)."""
        words = fold(text).split()
        if "de" in words[1:]:
            words = words[: words.index("de", 1)]
        words = [w for w in words if w not in STOPWORDS]
        if not words:
            return ()
        return tuple(dict.fromkeys((self.singular(words[0]), self.singular(words[-1]))))


def vocabulary(names: Iterable[str]) -> set[str]:
    """All folded words of `names` (used to choose among singular candidates)."""
    return {word for name in names for word in fold(name).split()}


def name_variants(name: str) -> list[str]:
    """A display name and the alternatives it packs: "Lomo / chuleta de cerdo" ->
    ["Lomo / chuleta de cerdo", "Lomo", "chuleta de cerdo", "Lomo de cerdo"]; text in
    parentheses is kept in the full name and dropped from the variants."""
    variants = [name]
    bare = _PARENS.sub(" ", name).strip()
    pieces = [p.strip() for p in bare.split("/") if p.strip()]
    variants.extend(pieces if len(pieces) > 1 else [bare])
    if len(pieces) == 2:
        first, second = (p.split() for p in pieces)
        if len(first) == 1 and len(second) > 1:
            variants.append(" ".join(first + second[1:]))  # "Lomo / chuleta de cerdo"
        elif len(first) > 1 and len(second) == 1:
            variants.append(" ".join(first[:-1] + second))  # "Chile jalapeño / serrano"
    return list(dict.fromkeys(v for v in variants if v))
