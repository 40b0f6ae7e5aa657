"""In-memory indexes over the reference rows (built once per process by DataPackCatalog).

Project decisions (documented in the tests):
- ALIASES: generic Mexican/English words that fuzzy matching alone resolves badly ("tomate" is
  equally close to tomato, tomatillo and cherry tomato; "pollo" to every chicken cut).
- "mariscos"/"shellfish"/"seafood" as a user's allergy mean crustaceans + molluscs (not fish).
- NEUTRAL_PHRASES contain a word that names an allergen without containing it ("nuez moscada"
  is nutmeg, "leche de arroz" has no milk); ingredient-master names play the same role
  ("leche de coco" -> no allergen, "mantequilla de maní" -> peanuts only).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from zerowaste.infrastructure.reference.matcher import PhraseMatcher, PhraseScanner
from zerowaste.infrastructure.reference.text import Normalizer, name_variants, vocabulary

Row = dict[str, Any]

ALIASES: dict[str, tuple[str, ...]] = {
    "tomato": ("tomate", "tomato"),
    "rice": ("arroz", "arroz blanco"),
    "broth_chicken": ("consomé de pollo", "caldo", "chicken stock"),
    "chicken_whole": ("pollo", "chicken"),
    "chicken_breast": ("pechuga", "pechuga de pollo deshuesada"),
    "beef_stew": ("res", "carne de res", "beef", "carne"),
    "beef_ground": ("carne molida", "molida de res", "beef mince", "minced beef"),
    "pork_loin": ("cerdo", "carne de cerdo", "carne de puerco", "pork"),
    "fish_white": ("pescado", "fish"),
    "black_beans": ("frijol", "beans"),
    "corn_tortilla": ("tortilla", "tortillas de maíz"),
    "vegetable_oil": ("aceite", "oil", "aceite de soya"),
    "cheese_fresh": ("queso", "cheese"),
    "jalapeno": ("chile", "chile serrano", "chile verde"),
    "wheat_flour": ("harina", "flour", "all-purpose flour", "plain flour", "bread flour"),
    "bread": ("pan", "pan de trigo"),
    "milk": ("leche", "milk"),
    "egg": ("huevo", "eggs", "egg yolk", "egg white", "yema", "yema de huevo", "clara de huevo"),
    # Recipe lines (see infrastructure/reference/recipe_foods.py): "salt and pepper", "1/2 tsp
    # pepper" mean black pepper; yolks and whites are counted in eggs.
    "black_pepper": ("pimienta", "pepper"),
    "corn_fresh": ("maíz", "corn"),
    "bell_pepper": ("pimiento",),
    "cream": ("cream",),
    "cinnamon": ("cinnamon powder",),
    "parmesan": ("parmesan", "parmesano"),
    "oats": ("oats",),
    "vanilla": ("vanilla",),
    "pasta": ("spaghetti", "macaroni", "penne", "fusilli", "espagueti", "macarrones"),
}
NEUTRAL_PHRASES = (
    "nuez moscada",
    "nutmeg",
    "leche de arroz",
    "rice milk",
    "manteca de cacao",
    "mantequilla de cacao",
    "cocoa butter",
    "crema de coco",
    "coconut cream",
    "coco rallado",
    "agua de coco",
    "coconut water",
    "leche de coco",
    "coconut milk",
)
TERM_ALIASES: dict[str, tuple[str, ...]] = {
    "mariscos": ("crustaceans", "molluscs"),
    "marisco": ("crustaceans", "molluscs"),
    "shellfish": ("crustaceans", "molluscs"),
    "seafood": ("crustaceans", "molluscs"),
    "frutos del mar": ("crustaceans", "molluscs"),
    "celiaco": ("gluten",),
    "celiaquia": ("gluten",),
    "celiac": ("gluten",),
    "intolerancia a la lactosa": ("milk",),
    "lactose intolerance": ("milk",),
    "nueces de arbol": ("nuts",),
}
_SYNONYM_LANGS_FOR_NAMES = ("es", "en", "extra_es_mx")


def _split_synonym(raw: str) -> list[str]:
    """Data-pack synonyms sometimes carry notes: "mole (suele llevar ajonjolí)"."""
    return [p.strip() for p in raw.replace("(", ",").replace(")", ",").split(",") if p.strip()]


def synonyms(row: Row) -> list[str]:
    """An ingredient's Spanish synonyms, without broken list items such as "de soya" (split
    from "aceite de canola, de soya")."""
    return [s for s in row["synonyms_es"] if not s.casefold().startswith("de ")]


def ingredient_names(rows: Iterable[Row]) -> list[str]:
    """Every name the master and the aliases give its ingredients (for a Normalizer)."""
    names = [n for row in rows for n in (row["name_es"], row["name_en"], *row["synonyms_es"])]
    return names + [name for aliases in ALIASES.values() for name in aliases]


def add_ingredient_names(matcher: PhraseMatcher[str], rows: list[Row]) -> None:
    """Register the master's names, most authoritative first: Spanish names, English names,
    project aliases, then synonyms (the first registration of a key wins)."""
    known = {row["id"] for row in rows}
    for row in rows:
        matcher.add_all(name_variants(row["name_es"]), row["id"], "name_es")
    for row in rows:
        matcher.add_all(name_variants(row["name_en"]), row["id"], "name_en")
    for ingredient_id, names in ALIASES.items():
        if ingredient_id in known:
            matcher.add_all(names, ingredient_id, "alias")
    for row in rows:
        matcher.add_all(synonyms(row), row["id"], "synonym")


class ReferenceIndex:
    """Rows by key plus the matchers; pure data structures, no I/O."""

    def __init__(self, tables: dict[str, list[Row]]) -> None:
        self.ingredients: dict[str, Row] = {r["id"]: r for r in tables["ref_ingredients"]}
        self.shelf: dict[int, Row] = {int(r["id"]): r for r in tables["ref_shelf_life"]}
        self.footprints: dict[str, Row] = {r["product"]: r for r in tables["ref_footprints"]}
        self.allergens: dict[str, Row] = {r["code"]: r for r in tables["ref_allergens"]}
        self.prices: dict[str, list[Row]] = {}
        for row in sorted(tables["ref_prices"], key=lambda r: (-r["observations"], r["basis"])):
            self.prices.setdefault(row["ingredient_id"], []).append(row)
        self.normalizer = Normalizer(vocabulary(self._all_names()))
        self.names: PhraseMatcher[str] = PhraseMatcher(self.normalizer)
        self.foodkeeper: PhraseMatcher[int] = PhraseMatcher(
            self.normalizer, cutoff=90, all_words=True
        )
        self.footprint_names: PhraseMatcher[str] = PhraseMatcher(self.normalizer, cutoff=90)
        self.allergen_scanner = PhraseScanner(self.normalizer)
        self.term_scanner = PhraseScanner(self.normalizer)
        self._build_names()
        self._build_foodkeeper()
        self._build_footprints()
        self._build_allergens()
        self.term_phrases = self.term_scanner.phrases()

    def _all_names(self) -> Iterable[str]:
        for row in self.ingredients.values():
            yield from (row["name_es"], row["name_en"], *row["synonyms_es"])
        for row in self.allergens.values():
            for words in row["synonyms"].values():
                yield from words
        for names in ALIASES.values():
            yield from names

    def _synonyms(self, row: Row) -> list[str]:
        return synonyms(row)

    def _build_names(self) -> None:
        add_ingredient_names(self.names, list(self.ingredients.values()))

    def _build_foodkeeper(self) -> None:
        rows = sorted(self.shelf.values(), key=lambda r: r["id"])
        for row in rows:
            self.foodkeeper.add(row["name"], row["id"], "name")
            if row["subtitle"]:
                self.foodkeeper.add(f"{row['name']} {row['subtitle']}", row["id"], "name")
        # Keywords shared by many products ("products", "half", "fresh") identify none of them.
        counts = Counter(self.normalizer.key(k) for r in rows for k in r["keywords"])
        for row in rows:
            for keyword in row["keywords"]:
                if counts[self.normalizer.key(keyword)] == 1:
                    self.foodkeeper.add(keyword, row["id"], "keyword")

    def _build_footprints(self) -> None:
        for row in self.footprints.values():
            self.footprint_names.add(row["product"], row["product"], "name_en")
            self.footprint_names.add(row["product_es"], row["product"], "name_es")
        for row in self.footprints.values():
            for example in (row["examples_en"] + "," + row["examples_es"]).split(","):
                if example.strip():
                    self.footprint_names.add(example.strip(), row["product"], "example")

    def _build_allergens(self) -> None:
        for row in self.ingredients.values():
            names = [*name_variants(row["name_es"]), *name_variants(row["name_en"])]
            for name in [*names, *self._synonyms(row)]:
                self.allergen_scanner.add(name, row["allergens"])
        for phrase in NEUTRAL_PHRASES:
            self.allergen_scanner.add(phrase, ())
        for code, row in self.allergens.items():
            for lang in _SYNONYM_LANGS_FOR_NAMES:
                for raw in row["synonyms"].get(lang, []):
                    for phrase in _split_synonym(raw):
                        self.allergen_scanner.add(phrase, (code,))
            self._build_terms(code, row)
        for phrase, codes in TERM_ALIASES.items():
            self.term_scanner.add(phrase, codes)

    def _build_terms(self, code: str, row: Row) -> None:
        names = [code, *name_variants(row["name_en"]), *name_variants(row["name_es"])]
        for words in row["synonyms"].values():
            names.extend(p for raw in words for p in _split_synonym(raw))
        for name in names:
            self.term_scanner.add(name, (code,))
