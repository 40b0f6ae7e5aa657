"""`zerowaste recipe-lines`: read every catalog recipe's ingredient lines and report coverage.

Prints, per language and in all: lines with quantity and unit, lines mapped to the ingredient
master, lines whose amount converts to grams, the milliseconds per line (English through
ingredient-parser-nlp, Spanish through the rules, matching and conversion included; the
model's one-off load apart), and the foods most often left unmapped: what the master lacks.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import TextIO

from zerowaste.application.recipes.coverage import Coverage
from zerowaste.application.recipes.lines import RecipeLineReader
from zerowaste.bootstrap import build_recipe_line_reader
from zerowaste.config import Settings
from zerowaste.infrastructure.recipes.pack import CatalogRecipe, read_catalog


def run(settings: Settings, worst: int = 25, out: TextIO = sys.stdout) -> dict[str, Coverage]:
    reader = build_recipe_line_reader(settings)
    started = time.perf_counter()
    reader.read(["1 cup rice"], "en")  # loads the model and the indexes
    warm_up = time.perf_counter() - started
    recipes = read_catalog(settings.data_dir)
    coverage, seconds = measure(reader, recipes)
    out.write(f"Recipe lines of {len(recipes)} catalog recipes ({settings.data_dir})\n")
    out.write(f"model and indexes loaded in {warm_up:.2f} s\n")
    for lang, found in coverage.items():
        out.write(_summary(lang, found, seconds.get(lang, 0.0)))
    total = coverage["all"]
    out.write(f"\nmost often unmapped ({worst}):\n")
    for food, count in total.unmapped.most_common(worst):
        out.write(f"  {count:4}  {food}\n")
    out.write("\nmapped and measured, but not convertible to grams (ingredient unit):\n")
    for pair, count in total.unconverted.most_common(worst):
        out.write(f"  {count:4}  {pair}\n")
    return coverage


def measure(
    reader: RecipeLineReader, recipes: Iterable[CatalogRecipe]
) -> tuple[dict[str, Coverage], dict[str, float]]:
    """Coverage per language and in all ("all"), and seconds spent per language."""
    coverage: dict[str, Coverage] = {"all": Coverage()}
    seconds: dict[str, float] = {}
    for recipe in recipes:
        started = time.perf_counter()
        lines = reader.read(recipe.ingredients, recipe.lang)
        seconds[recipe.lang] = seconds.get(recipe.lang, 0.0) + time.perf_counter() - started
        coverage.setdefault(recipe.lang, Coverage()).add(lines)
        coverage["all"].add(lines)
    seconds["all"] = sum(seconds.values())
    return coverage, seconds


def _summary(lang: str, found: Coverage, seconds: float) -> str:
    per_line = 1000 * seconds / found.lines if found.lines else 0.0
    converted = found.percent(found.mapped_in_grams, found.mapped_measured)
    return (
        f"{lang:>3}: {found.recipes} recipes, {found.lines} lines | "
        f"quantity+unit {found.percent(found.measured)} % | "
        f"mapped {found.percent(found.mapped)} % | "
        f"in grams {found.percent(found.in_grams)} % "
        f"(of mapped measured lines {converted} %)"
        f" | optional {found.percent(found.optional)} % | {per_line:.2f} ms/line, "
        f"{seconds:.1f} s\n"
    )
