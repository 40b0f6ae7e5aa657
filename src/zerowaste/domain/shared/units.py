"""Quantities with units: canonical unit codes, the client's spellings, exact conversions.

Canonical codes, and why they are grouped this way:

- mass ``g kg mg lb oz`` and volume ``ml l cup tbsp tsp fl_oz`` convert within their dimension
  with exact Decimal factors (cup = 240 ml as on US nutrition labels, tbsp = 15 ml, tsp = 5 ml,
  fl_oz = 29.5735 ml, lb = 453.59237 g, oz = 28.349523125 g).
- ``unit`` (pieces, unidades) and ``dozen`` (= 12 unit) are counts and convert into each other.
- ``pack can bottle bunch slice clove serving`` are counted too, but each is a group of its own:
  a pack, can or bunch holds an unknown number of pieces, so turning them into ``unit`` would
  invent data. ``serving`` is what prepared foods are counted in (the client's serving_quantity).
  Bags and boxes (bolsa, caja) count as ``pack``.

Mass and volume only meet through an explicit density (``grams_per_ml``); counts never convert.

Recipe measures (``normalize_measure``) add what cookbooks use and a pantry does not stock:
``pint quart gallon`` (US customary, exact: 473.176473, 946.352946, 3785.411784 ml; recipes
in the catalog that say "gal" are US ones), ``dl cl``, and counted measures that are each a
group of their own, like ``clove``: ``pinch dash handful sprig leaf head stalk stick glass``.
A pinch or a glass has no fixed size, so only a food's own portion weights (USDA SR28: "1
dash" of salt, "1 stalk" of celery, "1 stick" of butter) can turn one into grams. The
inventory keeps refusing them (``normalize_unit``): nobody stocks "3 pinches".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.text import strip_accents

THOUSANDTH = Decimal("0.001")
MAX_CANONICAL_AMOUNT = Decimal(100000)  # in g, ml or pieces: 100 kg, 100 l, 100000 packs

T = TypeVar("T")


class InvalidUnit(InvalidInput):
    """The unit is not one the domain knows."""

    code = "invalid_unit"


class InvalidQuantity(InvalidInput):
    """The amount is not a finite number in the accepted range."""

    code = "invalid_quantity"


class IncompatibleUnits(InvalidInput):
    """The two units measure different things (mass vs pieces, packs vs pieces, ...)."""

    code = "incompatible_units"


class Dimension(StrEnum):
    MASS = "mass"
    VOLUME = "volume"
    COUNT = "count"


@dataclass(frozen=True)
class _UnitDef:
    dimension: Dimension
    group: str  # units convert only within the same group
    factor: Decimal  # size in the group's base unit (g, ml, unit, or the unit itself)
    es: str
    en: str
    stocked: bool = True  # False: a recipe measure the inventory does not accept


def _unit(dimension: Dimension, group: str, factor: str, es: str, en: str) -> _UnitDef:
    return _UnitDef(dimension, group, Decimal(factor), es, en)


def _measure(dimension: Dimension, group: str, factor: str, es: str, en: str) -> _UnitDef:
    return _UnitDef(dimension, group, Decimal(factor), es, en, stocked=False)


_M, _V, _C = Dimension.MASS, Dimension.VOLUME, Dimension.COUNT
_UNITS: dict[str, _UnitDef] = {
    "g": _unit(_M, "mass", "1", "g", "g"),
    "kg": _unit(_M, "mass", "1000", "kg", "kg"),
    "mg": _unit(_M, "mass", "0.001", "mg", "mg"),
    "lb": _unit(_M, "mass", "453.59237", "lb", "lb"),
    "oz": _unit(_M, "mass", "28.349523125", "oz", "oz"),
    "ml": _unit(_V, "volume", "1", "ml", "ml"),
    "l": _unit(_V, "volume", "1000", "l", "l"),
    "cup": _unit(_V, "volume", "240", "tazas", "cups"),
    "tbsp": _unit(_V, "volume", "15", "cucharadas", "tbsp"),
    "tsp": _unit(_V, "volume", "5", "cucharaditas", "tsp"),
    "fl_oz": _unit(_V, "volume", "29.5735", "onzas líquidas", "fl oz"),
    "unit": _unit(_C, "unit", "1", "unidades", "units"),
    "dozen": _unit(_C, "unit", "12", "docenas", "dozen"),
    "pack": _unit(_C, "pack", "1", "paquetes", "packs"),
    "can": _unit(_C, "can", "1", "latas", "cans"),
    "bottle": _unit(_C, "bottle", "1", "botellas", "bottles"),
    "bunch": _unit(_C, "bunch", "1", "manojos", "bunches"),
    "slice": _unit(_C, "slice", "1", "rebanadas", "slices"),
    "clove": _unit(_C, "clove", "1", "dientes", "cloves"),
    "serving": _unit(_C, "serving", "1", "porciones", "servings"),
    "pint": _measure(_V, "volume", "473.176473", "pintas", "pints"),
    "quart": _measure(_V, "volume", "946.352946", "cuartos de galón", "quarts"),
    "gallon": _measure(_V, "volume", "3785.411784", "galones", "gallons"),
    "dl": _measure(_V, "volume", "100", "dl", "dl"),
    "cl": _measure(_V, "volume", "10", "cl", "cl"),
    "pinch": _measure(_C, "pinch", "1", "pizcas", "pinches"),
    "dash": _measure(_C, "dash", "1", "chorritos", "dashes"),
    "handful": _measure(_C, "handful", "1", "puñados", "handfuls"),
    "sprig": _measure(_C, "sprig", "1", "ramitas", "sprigs"),
    "leaf": _measure(_C, "leaf", "1", "hojas", "leaves"),
    "head": _measure(_C, "head", "1", "cabezas", "heads"),
    "stalk": _measure(_C, "stalk", "1", "tallos", "stalks"),
    "stick": _measure(_C, "stick", "1", "barras", "sticks"),
    "glass": _measure(_C, "glass", "1", "vasos", "glasses"),
}

# Folded singular spellings; plurals ("-s", "-es") are handled by lookup_label.
UNIT_ALIASES: dict[str, tuple[str, ...]] = {
    "g": ("g", "gr", "grm", "gramo", "gram", "gramme"),
    "kg": ("kg", "kgr", "kilo", "kilogramo", "kilogram", "kilogramme"),
    "mg": ("mg", "miligramo", "milligram", "milligramme"),
    "lb": ("lb", "libra", "pound"),
    "oz": ("oz", "onza", "ounce"),
    "ml": ("ml", "cc", "mililitro", "milliliter", "millilitre"),
    "l": ("l", "lt", "ltr", "litro", "liter", "litre"),
    "cup": ("cup", "taza"),
    "tbsp": ("tbsp", "tbs", "cda", "cucharada", "tablespoon"),
    "tsp": ("tsp", "cdta", "cdita", "cucharadita", "teaspoon"),
    "fl_oz": ("fl oz", "floz", "fluid ounce", "onza liquida", "onzas liquidas"),
    "unit": (
        "unit",
        "u",
        "ud",
        "und",
        "unid",
        "unidad",
        "pieza",
        "pza",
        "pz",
        "pc",
        "piece",
        "each",
    ),
    "dozen": ("dozen", "doz", "docena"),
    "pack": ("pack", "paquete", "paq", "package", "pkg", "packet", "bolsa", "bag", "caja", "box"),
    "can": ("can", "lata", "tin"),
    "bottle": ("bottle", "botella"),
    "bunch": ("bunch", "manojo", "atado"),
    "slice": ("slice", "rebanada", "tajada", "loncha", "rodaja"),
    "clove": ("clove", "diente"),
    "serving": ("serving", "porcion", "racion", "portion"),
}
_UNIT_LOOKUP = {alias: code for code, aliases in UNIT_ALIASES.items() for alias in aliases}
# Spellings of recipe measures (see the module docstring), and cookbook spellings of stocked
# units that a client never types ("tablespoonful", "cucharada sopera").
MEASURE_ALIASES: dict[str, tuple[str, ...]] = {
    "g": ("gm",),
    # "spoon": a spoonful in recipes that own no measuring spoons is a tablespoon (cuchara)
    "tbsp": (
        *("tbl", "tblsp", "tbls", "tablespoonful", "table spoon", "spoon", "spoonful"),
        *("cucharada sopera", "cucharadas soperas"),
    ),
    "tsp": ("teaspoonful", "tea spoon", "cucharadita de cafe", "cucharaditas de cafe"),
    "pack": ("sobre", "pkt", "envelope", "sachet", "container"),
    "unit": ("trozo", "pedazo", "ear", "mazorca", "cube", "loaf", "block", "bulb", "sheet"),
    "slice": ("rasher", "strip", "lonja"),
    "bottle": ("jar", "frasco", "tarro"),
    "pint": ("pint", "pt", "pinta"),
    "quart": ("quart", "qt"),
    "gallon": ("gallon", "gal", "galon"),
    "dl": ("dl", "decilitro", "deciliter", "decilitre"),
    "cl": ("cl", "centilitro", "centiliter", "centilitre"),
    "pinch": ("pinch", "pizca", "pellizco"),
    "dash": ("dash", "splash", "chorrito", "chorro", "drizzle"),
    "handful": ("handful", "punado", "manotada"),
    "sprig": ("sprig", "rama", "ramita", "ramito", "branch"),
    "leaf": ("leaf", "leave", "hoja", "hojita"),
    "head": ("head", "cabeza"),
    "stalk": ("stalk", "tallo", "rib", "stem"),
    "stick": ("stick",),
    "glass": ("glass", "vaso", "copa", "mug", "taza grande"),
}
_MEASURE_LOOKUP = {
    **_UNIT_LOOKUP,
    **{alias: code for code, aliases in MEASURE_ALIASES.items() for alias in aliases},
}


def fold_label(raw: object) -> str:
    """Fold a label for lookup: accents dropped, casefolded, `._-` as spaces, spaces collapsed."""
    if not isinstance(raw, str):
        return ""
    return _fold(raw)


@functools.lru_cache(maxsize=4096)
def _fold(raw: str) -> str:
    # Memoised: list views fold the same few labels for every stack they show.
    return " ".join(strip_accents(raw).translate(_LABEL_PUNCTUATION).split())


_LABEL_PUNCTUATION = str.maketrans("._-", "   ")


def lookup_label(raw: object, table: Mapping[str, T]) -> T | None:
    """Find a folded label in `table`, also trying it without a plural "-s"/"-es" ending."""
    key = fold_label(raw)
    candidates = [key]
    if key.endswith("s"):
        candidates.append(key[:-1])
    if key.endswith("es"):
        candidates.append(key[:-2])
    return next((table[c] for c in candidates if c and c in table), None)


def normalize_unit(raw: str) -> str:
    """Return the canonical code for a unit as the client spells it (es/en, any case or plural)."""
    if isinstance(raw, str) and raw in _UNITS and _UNITS[raw].stocked:  # storage and views
        return raw
    code = lookup_label(raw, _UNIT_LOOKUP)
    if code is None:
        raise InvalidUnit(f"Unknown unit: {str(raw)[:50]!r}", details={"unit": str(raw)[:50]})
    return code


def normalize_measure(raw: str) -> str:
    """Like normalize_unit, but also knowing recipe measures ("pizca", "sprigs", "qt")."""
    if isinstance(raw, str) and raw in _UNITS:
        return raw
    code = lookup_label(raw, _MEASURE_LOOKUP)
    if code is None:
        raise InvalidUnit(f"Unknown unit: {str(raw)[:50]!r}", details={"unit": str(raw)[:50]})
    return code


def _definition(unit: str) -> _UnitDef:
    return _UNITS[normalize_measure(unit)]


def dimension_of(unit: str) -> Dimension:
    """Return what a unit measures: mass, volume or count."""
    return _definition(unit).dimension


def are_convertible(a: str, b: str) -> bool:
    """Tell whether two units convert without extra data (same dimension and group)."""
    return _definition(a).group == _definition(b).group


def unit_factor(unit: str) -> Decimal:
    """A unit's size in its group's base unit (g for mass, ml for volume, 1 for counts)."""
    return _definition(unit).factor


def display_unit(code: str, language: str = "es") -> str:
    """Return the label the mobile client shows for a unit ("unidades", "kg", "tazas"...)."""
    definition = _definition(code)
    return definition.en if language.casefold().startswith("en") else definition.es


def quantize(value: Decimal) -> Decimal:
    """Round to the 3 decimal places quantities are stored with (half up)."""
    return value.quantize(THOUSANDTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Quantity:
    """An amount in a canonical unit; finite and never negative."""

    amount: Decimal
    unit: str

    def __post_init__(self) -> None:
        if self.unit not in _UNITS:
            raise InvalidUnit(f"Not a canonical unit code: {self.unit[:50]!r}")
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise InvalidQuantity("The amount must be a finite Decimal")
        if self.amount < 0:
            raise InvalidQuantity("The amount cannot be negative")


def _to_decimal(amount: object) -> Decimal:
    if isinstance(amount, bool) or not isinstance(amount, int | float | Decimal | str):
        raise InvalidQuantity("The amount must be a number")
    # repr() keeps a float's shortest decimal form: 0.1 becomes 0.1, not 0.1000000000000000055...
    text_or_int = repr(amount) if isinstance(amount, float) else amount
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(text_or_int)
    except (InvalidOperation, ValueError):
        raise InvalidQuantity(f"Not a number: {str(amount)[:50]!r}") from None
    if not value.is_finite():
        raise InvalidQuantity("The amount must be finite")
    return value


def parse_quantity(
    amount: int | float | Decimal | str, unit: str, *, allow_zero: bool = False
) -> Quantity:
    """Validate a client amount and unit: finite, > 0 (≥ 0 if allowed), ≤ 100 kg / 100 l / 1e5."""
    code = normalize_unit(unit)
    value = _to_decimal(amount)
    if value < 0 or (value == 0 and not allow_zero):
        raise InvalidQuantity(
            "The amount must be greater than zero", details={"amount": str(value)}
        )
    if value * _UNITS[code].factor > MAX_CANONICAL_AMOUNT:
        raise InvalidQuantity("The amount is too large", details={"unit": code})
    value = quantize(value)
    if value == 0 and not allow_zero:
        raise InvalidQuantity("The amount rounds to zero at 3 decimal places")
    return Quantity(value, code)


def _across_mass_volume(
    base: Decimal, src: _UnitDef, dst: _UnitDef, grams_per_ml: Decimal | None
) -> Decimal:
    if {src.group, dst.group} != {"mass", "volume"} or grams_per_ml is None:
        raise IncompatibleUnits(
            f"Cannot convert {src.en} to {dst.en}",
            details={"from": src.group, "to": dst.group},
        )
    if not grams_per_ml.is_finite() or grams_per_ml <= 0:
        raise InvalidQuantity("The density must be a positive finite number")
    return base / grams_per_ml if src.group == "mass" else base * grams_per_ml


def convert(q: Quantity, to_unit: str, *, grams_per_ml: Decimal | None = None) -> Quantity:
    """Convert within a dimension (mass↔volume only with a density); not rounded, see quantize."""
    target = normalize_measure(to_unit)
    src, dst = _UNITS[q.unit], _UNITS[target]
    base = q.amount * src.factor
    if src.group != dst.group:
        base = _across_mass_volume(base, src, dst, grams_per_ml)
    return Quantity(base / dst.factor, target)
