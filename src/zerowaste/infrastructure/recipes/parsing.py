"""RecipeLineParser: the LineParser port, choosing the reader by the recipe's language.

English lines go to ingredient-parser-nlp (infrastructure.recipes.english), which falls back to
the domain's rules when it finds no food; Spanish lines (and any other language) are read by
the rules (domain.recipes.lines): no Spanish model exists on PyPI, and the rules know the
Spanish units and connectors ("2 tazas de arroz").

Why a package of its own (infrastructure/recipes) rather than reference/: this is recipe
technology (an NLP model and the catalog's reading), while reference/ reads and indexes the
data pack; the measures and the master's name matching it uses stay in reference/.
"""

from __future__ import annotations

from pathlib import Path

from zerowaste.domain.recipes.lines import ParsedLine, parse_line
from zerowaste.infrastructure.recipes.english import EnglishLineParser

NLTK_DIR = "nltk_data"


class RecipeLineParser:
    """Implements zerowaste.application.ports.recipe_lines.LineParser."""

    def __init__(self, english: EnglishLineParser | None = None) -> None:
        self._english = english

    @classmethod
    def from_data_dir(cls, data_dir: Path) -> RecipeLineParser:
        """English through the model with the data pack's NLTK tagger."""
        return cls(EnglishLineParser(Path(data_dir) / NLTK_DIR))

    def parse(self, text: str, lang: str) -> ParsedLine:
        english = lang.casefold().startswith("en")
        if english and self._english is not None:
            return self._english.parse(text)
        return parse_line(text, "en" if english else "es")
