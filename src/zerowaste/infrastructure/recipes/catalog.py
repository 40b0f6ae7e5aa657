"""The data pack's recipes as the public catalog (`zerowaste data-import`, idempotent).

Each record becomes a catalog recipe with a stable uid, its licence attribution, a category from
its tags, minutes from its prep and cook times, and a difficulty from its length: at most 5
steps and 30 minutes is Fácil, 10 steps or 90 minutes or more is Difícil, the rest Intermedio
(the pack has no difficulty; this is stated, not guessed per recipe). Ingredient lines go
through the line parser given (quantity, unit, food and the ingredient master's key).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from zerowaste.application.recipes.lines import RecipeLineReader
from zerowaste.domain.recipes.recipe import Recipe, RecipeIngredient, catalog_uid, minutes_of
from zerowaste.infrastructure.db.models import import_all_models
from zerowaste.infrastructure.db.recipes import CATALOG_DATASET, SqlAlchemyRecipeRepository
from zerowaste.infrastructure.reference.importer import VERSIONS, ensure_version_row, writing

DATASET = CATALOG_DATASET
CATALOG_VERSION = "2"  # bump when the mapping below changes: the next import rewrites the rows
LINES_VERSION = "recipe-lines-2"  # bump with the line reader: the next import reads lines anew
ATTRIBUTIONS = {
    "pdr": "Recipes: PublicDomainRecipes.com contributors (Unlicense)",
    "cc": "Recetas: ComoCocinar, belal y colaboradores (MIT License)",
}
_CATEGORY_TAGS = (
    ("desayuno", ("breakfast", "desayuno")),
    ("postre", ("dessert", "sweet", "postre", "dulce")),
    ("sopa", ("soup", "sopa", "caldo")),
    ("ensalada", ("salad", "ensalada")),
    ("bebida", ("drink", "bebida", "cocktail")),
    ("snack", ("snack", "side", "sauce", "salsa", "condimento", "appetizer")),
    ("cena", ("dinner", "cena")),
)
LineParser = Callable[[str, str], RecipeIngredient]


def plain_line(text: str, _lang: str) -> RecipeIngredient:
    """No parsing: the whole line as the name (what a line the parser cannot read keeps)."""
    return RecipeIngredient(name=text.strip(), text=text)


def reading_with(reader: RecipeLineReader) -> LineParser:
    """Lines read by the recipe-line reader: quantity, unit, the master's food and grams."""

    def parse(text: str, lang: str) -> RecipeIngredient:
        mapped = reader.read_line(text, lang)
        line = mapped.line
        name = (mapped.food or line.food or text).strip()[:200]
        return RecipeIngredient(
            name=name,
            quantity=line.quantity,
            unit=line.unit,
            # The master's id, else the folded name (as application.recipes.foods keys stock),
            # so requests never match catalog lines again.
            food_key=mapped.ingredient_id or " ".join(name.casefold().split()),
            optional=line.optional,
            text=text,
            grams=mapped.grams,
        )

    return parse


def read_catalog(data_dir: Path, parse: LineParser = plain_line) -> list[Recipe]:
    records = json.loads((data_dir / "recipes" / "recipes.json").read_text(encoding="utf-8"))
    now = datetime.now(UTC)
    seen: Counter[str] = Counter()
    recipes = []
    for record in records:
        # Five ids appear twice in the pack (one dish from two regions): the second gets "#2".
        seen[str(record["id"])] += 1
        count = seen[str(record["id"])]
        key = str(record["id"]) if count == 1 else f"{record['id']}#{count}"
        recipes.append(_recipe(record, key, parse, now))
    return recipes


def import_recipe_catalog(
    engine: Engine, data_dir: Path, parse: LineParser = plain_line, parser_version: str = ""
) -> int | None:
    """Replace the catalog when recipes.json (or the mapping) changed; rows written or None."""
    import_all_models()  # the recipes table's foreign keys name households and users
    source = data_dir / "recipes" / "recipes.json"
    checksum = hashlib.sha256(
        source.read_bytes() + f"{CATALOG_VERSION}:{parser_version}".encode()
    ).hexdigest()
    ensure_version_row(engine, DATASET)
    with writing(engine) as conn, conn.begin():
        stored = conn.execute(
            select(VERSIONS.c.checksum).where(VERSIONS.c.dataset == DATASET).with_for_update()
        ).scalar_one()
        if stored == checksum:
            return None
        recipes = read_catalog(data_dir, parse)
        with Session(bind=conn, join_transaction_mode="create_savepoint") as session:
            count = SqlAlchemyRecipeRepository(session).upsert_catalog(recipes)
            session.commit()
        conn.execute(
            VERSIONS.update()
            .where(VERSIONS.c.dataset == DATASET)
            .values(checksum=checksum, imported_at=datetime.now(UTC), rows=count)
        )
    return count


def _recipe(record: dict[str, Any], key: str, parse: LineParser, now: datetime) -> Recipe:
    lang = record.get("lang") or "en"
    tags = [str(t) for t in record.get("tags") or []]
    steps = [str(s) for s in record.get("steps") or []]
    times = " + ".join(str(t) for t in (record.get("prep_time"), record.get("cook_time")) if t)
    minutes = _sum_minutes(record.get("prep_time"), record.get("cook_time"))
    prefix = str(record["id"]).split("-", 1)[0]
    return Recipe(
        uid=catalog_uid(key),
        title=str(record["title"]),
        source="catalog",
        lang=lang,
        description=str(record.get("description") or ""),
        category=_category(tags),
        difficulty=_difficulty(len(steps), minutes),
        duration=f"{minutes} min" if minutes else times,
        minutes=minutes,
        servings=_servings(record.get("servings")),
        ingredients=[parse(str(line), lang) for line in record.get("ingredients") or []],
        steps=steps,
        footer=" ".join(str(n) for n in record.get("notes") or [])[:1000],
        tags=tags,
        attribution=ATTRIBUTIONS.get(prefix, str(record.get("license") or "")),
        created_at=now,
    )


def _sum_minutes(*texts: object) -> int | None:
    found = [minutes_of(str(t)) for t in texts if t]
    known = [m for m in found if m is not None]
    return sum(known) if known else None


def _category(tags: list[str]) -> str:
    folded = {t.casefold() for t in tags}
    for category, words in _CATEGORY_TAGS:
        if folded & set(words):
            return category
    return "almuerzo"  # a main dish: what most of the pack is


def _difficulty(steps: int, minutes: int | None) -> str:
    if steps >= 10 or (minutes or 0) >= 90:
        return "Difícil"
    if steps <= 5 and (minutes or 0) <= 30:
        return "Fácil"
    return "Intermedio"


def _servings(value: object) -> int | None:
    match = re.search(r"\d+", str(value or ""))
    return int(match.group()) if match else None
