"""What search knows of a recipe (a document) and the words it is matched by.

Words are folded (case and accents dropped), stop words of Spanish and English are dropped, and a
light plural rule folds "espinacas"/"espinaca", "eggs"/"egg", "tomates"/"tomate" together (the same
function runs on documents and queries, so the stems only need to agree with each other).
Crossing languages ("spinach" for "espinaca") is the embeddings' job, not the lexical index's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.search.glossary import translations
from zerowaste.domain.shared.text import folded

_WORD = re.compile(r"[a-z0-9]+")
_SPANISH_STOPS = "a al algo con de del el en la las lo los o para por que receta recetas un una y"
_ENGLISH_STOPS = "and for in of on or recipe recipes some something the to with"
STOP_WORDS = frozenset(_SPANISH_STOPS.split()) | frozenset(_ENGLISH_STOPS.split())
FOOD_PREFIX = "food:"
TITLE_WEIGHT = 3  # a title word counts as often as this in BM25
EMBEDDED_DESCRIPTION = 300  # characters of the description that go into the embedding
WORD_SETS = 8192  # documents whose word sets are kept (the catalog at 10x is 5,000)


@dataclass(frozen=True)
class SearchDoc:
    """A recipe as the index holds it: who may see it, what filters read, its folded words."""

    uid: str
    household_id: str | None  # None: the public catalog
    lang: str
    title: str
    category: str
    difficulty: str
    minutes: int | None
    text: str  # folded title, description, lines and tags
    foods: tuple[str, ...] = ()  # the ingredient master's keys of its lines

    def terms(self) -> list[str]:
        """What BM25 indexes: its words (the title's count `TITLE_WEIGHT` times) and its foods
        (language-neutral `food:<key>` terms)."""
        title = words(self.title) * (TITLE_WEIGHT - 1)
        return [*title, *words(self.text), *food_terms(self.foods)]


def stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The lexical terms of a text, in order (repeats kept: BM25 counts them)."""
    return [stem(w) for w in _WORD.findall(folded(text)) if w not in STOP_WORDS and len(w) > 1]


@lru_cache(maxsize=WORD_SETS)
def word_set(text: str) -> frozenset[str]:
    """The distinct terms of a document's text, kept per text: every hit of every query reads
    them for its "why" (`Query.matched`), ~50 stems a recipe that only change with its text."""
    return frozenset(words(text))


def food_terms(keys: Iterable[str]) -> list[str]:
    return [f"{FOOD_PREFIX}{key}" for key in keys]


@dataclass(frozen=True)
class Query:
    """A query's lexical terms: its words, and the foods some of them name (the ingredient
    master's key), so "espinaca" also matches an English recipe's spinach line."""

    text: str
    foods: dict[str, str]  # food key -> the query's words that named it

    @property
    def terms(self) -> list[str]:
        """Its words, their glossary translations and the foods it names."""
        return [*self._words(), *food_terms(self.foods)]

    def matched(self, doc: SearchDoc) -> list[str]:
        """The query's words that the document contains (itself or a translation), or whose
        food it uses: the "why" of a lexical match."""
        have = word_set(doc.text)
        found = [w for w, term in self._pairs() if term in have]
        found += [said for key, said in self.foods.items() if key in doc.foods]
        return list(dict.fromkeys(found))

    def _pairs(self) -> list[tuple[str, str]]:
        pairs = []
        for raw in _WORD.findall(folded(self.text)):
            if raw in STOP_WORDS or len(raw) < 2:
                continue
            pairs.append((stem(raw), stem(raw)))
            pairs += [(stem(raw), stem(t)) for t in translations(raw)]
        return pairs

    def _words(self) -> list[str]:
        return list(dict.fromkeys(term for _word, term in self._pairs()))


def phrases(text: str) -> list[str]:
    """The spans of a query that may name a food: its two-word and one-word runs."""
    plain = [w for w in _WORD.findall(folded(text)) if w not in STOP_WORDS]
    pairs = [f"{a} {b}" for a, b in zip(plain, plain[1:], strict=False)]
    return [*pairs, *plain]


def embedding_texts(recipe: Recipe) -> tuple[str, str]:
    """What a recipe's vector is the mean of: its title alone, and its title with category,
    tags, the foods of its lines and the start of its description (steps add noise and length,
    not meaning). The title alone keeps a short query close to a long recipe; measured on the
    relevance set, the mean beat either text alone (README, "Search")."""
    foods = ", ".join(line.name for line in recipe.ingredients if line.name)
    parts = [
        recipe.title,
        recipe.category,
        ", ".join(recipe.tags),
        foods,
        recipe.description[:EMBEDDED_DESCRIPTION],
    ]
    return recipe.title, ". ".join(p.strip() for p in parts if p and p.strip())


def document(recipe: Recipe, text: str) -> SearchDoc:
    return SearchDoc(
        uid=recipe.uid,
        household_id=recipe.household_id,
        lang=recipe.lang,
        title=recipe.title,
        category=recipe.category,
        difficulty=recipe.difficulty,
        minutes=recipe.minutes,
        text=text,
        foods=tuple(dict.fromkeys(line.food_key for line in recipe.ingredients if line.food_key)),
    )
