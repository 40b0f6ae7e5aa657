"""Recipe ingredient lines -> master ingredients with grams: parse, match, convert.

`RecipeLineReader.read(["2 tazas de arroz", "Sal al gusto"], "es")` gives one MappedLine per
line: rice with 370 g (SR28: 1 cup = 185 g), salt optional without amount. The food is tried
first, then its alternatives ("500 g de carne de res (o pollo)" -> beef); further foods of a
list line ("sal y pimienta") are matched too. Parsing English lines costs milliseconds each
(ingredient-parser-nlp), so the catalog is read once, when it is imported, never per request.
"""

from __future__ import annotations

from collections.abc import Sequence

from zerowaste.application.ports.recipe_lines import (
    FoodMeasuresSource,
    IngredientMatcher,
    LineParser,
)
from zerowaste.domain.recipes.conversion import line_grams
from zerowaste.domain.recipes.lines import MappedLine, ParsedLine
from zerowaste.domain.reference import IngredientMatch


class RecipeLineReader:
    def __init__(
        self, parser: LineParser, matcher: IngredientMatcher, measures: FoodMeasuresSource
    ) -> None:
        self._parser = parser
        self._matcher = matcher
        self._measures = measures

    def read(self, lines: Sequence[str], lang: str) -> list[MappedLine]:
        """Every line of one recipe, in order (`lang`: the recipe's language, es or en)."""
        return [self.read_line(text, lang) for text in lines]

    def read_line(self, text: str, lang: str) -> MappedLine:
        line = self._parser.parse(text, lang)
        return self.map_line(line, lang)

    def map_line(self, line: ParsedLine, lang: str) -> MappedLine:
        """A parsed line matched to the master and weighed."""
        found, name = self._first_match((line.food, *line.alternatives), lang)
        more = (self._matcher.resolve(food, lang) for food in line.more_foods)
        ingredient_id = found.ingredient_id if found else None
        measures = self._measures.measures(ingredient_id) if ingredient_id else None
        return MappedLine(
            line=line,
            ingredient_id=ingredient_id,
            food=name,
            grams=line_grams(line, measures),
            more_ingredient_ids=tuple(m.ingredient_id for m in more if m is not None),
        )

    def _first_match(
        self, names: Sequence[str], lang: str
    ) -> tuple[IngredientMatch | None, str | None]:
        for name in names:
            found = self._matcher.resolve(name, lang) if name else None
            if found is not None:
                return found, name
        return None, None
