"""What search knows of a recipe (a document) and the words it is matched by.

Words are folded (case and accents dropped), stop words of Spanish and English are dropped, and a
light plural rule folds "espinacas"/"espinaca", "eggs"/"egg", "tomates"/"tomate" together (the same
function runs on documents and queries, so the stems only need to agree with each other).
Crossing languages ("spinach" for "espinaca") is the embeddings' job, not the lexical index's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zerowaste.domain.recipes.recipe import Recipe
from zerowaste.domain.shared.text import folded

_WORD = re.compile(r"[a-z0-9]+")
_SPANISH_STOPS = "a al algo con de del el en la las lo los o para por que receta recetas un una y"
_ENGLISH_STOPS = "and for in of on or recipe recipes some something the to with"
STOP_WORDS = frozenset(_SPANISH_STOPS.split()) | frozenset(_ENGLISH_STOPS.split())
EMBEDDED_DESCRIPTION = 300  # characters of the description that go into the embedding


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


def stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The lexical terms of a text, in order (repeats kept: BM25 counts them)."""
    return [stem(w) for w in _WORD.findall(folded(text)) if w not in STOP_WORDS and len(w) > 1]


def matched_terms(query: str, text: str) -> list[str]:
    """The query's terms that the document contains (the "why" of a lexical match)."""
    have = set(words(text))
    return list(dict.fromkeys(w for w in words(query) if w in have))


def embedding_text(recipe: Recipe) -> str:
    """What a recipe's vector is computed from: title, category, tags, the foods of its lines
    and the start of its description (steps add noise and length, not meaning)."""
    foods = ", ".join(line.name for line in recipe.ingredients if line.name)
    parts = [
        recipe.title,
        recipe.category,
        ", ".join(recipe.tags),
        foods,
        recipe.description[:EMBEDDED_DESCRIPTION],
    ]
    return ". ".join(p.strip() for p in parts if p and p.strip())


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
    )
