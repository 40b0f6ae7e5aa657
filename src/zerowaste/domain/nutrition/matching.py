"""A food name -> an SR28 food, by SR28's own names (English), never by a guess.

SR28 names read "head, qualifier, qualifier...": "Rice, white, long-grain, regular, enriched,
cooked". The rule (`Sr28Names.best`):
1. The name is folded (accents, case), split into words, made singular; joining words ("of",
   "and", "de"...) are dropped. Preparation words ("cooked", "cocido", "frito", "raw") are
   read apart as the wanted preparation (`PREPARATIONS`, Spanish and English).
2. A food qualifies when every remaining word is a word of its SR28 name and the name's head
   (its first comma part: "Rice", "Chicken", "Oil") is among those words; after a generic head
   (`GENERIC_HEADS`: "Spices, pepper, black", "Nuts, almonds", "Beverages, ...") the second
   part is the head ("milk" is no "Nuts, coconut milk", "butter" no "Seeds, sesame butter").
   The part after the head must be named too, unless its words only say what the plain food
   is (`NEUTRAL_SECOND`: whole, regular, fluid, broilers or fryers...): "cheese" is none of
   "Cheese, blue", "Cheese, cheddar" (ambiguous: unmatched), "milk" is "Milk, whole, ...".
   Size words ("large", "grande") are the amount's, not the food's. With a wanted preparation,
   the SR28 name must say it too.
3. Among qualifying foods: raw first when no preparation is asked and a raw form exists (what
   a recipe starts from); then the fewest processing words the name did not ask for
   (`PROCESSED`: dried, instant, canned, frozen, imitation, low-fat...: "milk" is no "Milk,
   buttermilk, dried"); then the fewest words beyond the name's and `NEUTRAL` (the plainest
   form: "Spinach, raw" over "Spinach, frozen, chopped or leaf, unprepared"); "with salt"
   after "without salt"; then SR28's order (ndb_no).
No qualifying food means no match: a weak match is reported unmatched, never used.
`Sr28Names.variant` finds the prepared form of a food the ingredient master links raw ("arroz
blanco cocido": the master says 20444 "Rice, white, long-grain, regular, raw, unenriched"): a
food with the same head whose name says the preparation, sharing the most words with the
linked name, then the plainest (20445 "..., unenriched, cooked without salt").
`Sr28Names.search` is the looser listing behind the database search: every word of the query
in the SR28 name, foods whose head the query names first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from zerowaste.domain.recipes.notes import SIZES
from zerowaste.domain.recipes.portions import singular
from zerowaste.domain.shared.text import folded

_WORD = re.compile(r"[a-z]+")
JOINING = frozenset({"of", "and", "with", "the", "or", "in", "de", "del", "la", "el", "con", "y"})
GENERIC_HEADS = frozenset({"spice", "nut", "seed", "beverage", "cereal", "snack", "sauce"})
SR28_PREPARATIONS = (
    *("raw", "cooked", "boiled", "fried", "roasted", "baked", "grilled", "steamed", "canned"),
    *("frozen", "dried", "braised", "stewed", "scrambled", "poached", "broiled", "microwaved"),
)
_SPANISH = {
    "crud": "raw",
    "cocid": "cooked",
    "hervid": "boiled",
    "frit": "fried",
    "asad": "roasted",
    "tostad": "roasted",
    "hornead": "baked",
    "enlatad": "canned",
    "congelad": "frozen",
    "sec": "dried",
    "deshidratad": "dried",
    "guisad": "stewed",
    "estofad": "braised",
    "revuelt": "scrambled",
    "escalfad": "poached",
}
PREPARATIONS: dict[str, str] = {
    **{word: word for word in SR28_PREPARATIONS},
    **{f"{stem}{end}": term for stem, term in _SPANISH.items() for end in ("o", "a", "os", "as")},
    "parrilla": "grilled",
    "vapor": "steamed",
    "fresh": "raw",
    "fresco": "raw",
    "fresca": "raw",
}
_SIZE_WORDS = frozenset(folded(word) for word in SIZES) | {"extra"}
NEUTRAL_SECOND = frozenset(
    [
        "whole",
        "regular",
        "plain",
        "fluid",
        "broiler",
        "fryer",
        "mature",
        "all",
        "purpose",
        "uncooked",
    ]
)
NEUTRAL = NEUTRAL_SECOND | frozenset(
    (
        *("year", "round", "average", "ripe", "long", "grain", "enriched", "unenriched"),
        *("without", "salt", "drained", "meat", "only", "flesh", "raw", "uncooked", "fresh"),
    )
)
PROCESSED = frozenset(
    (
        *("dried", "dehydrated", "dry", "instant", "powder", "powdered", "canned", "frozen"),
        *("imitation", "substitute", "concentrate", "mix", "sweetened", "flavored", "low"),
        *("reduced", "nonfat", "lowfat", "fat", "free", "light", "babyfood", "smoked", "cured"),
        *("rotisserie", "bbq", "commercially", "toasted", "fast", "restaurant", "skin"),
    )
)
_RAW = frozenset({"raw", "uncooked"})
_NOTE = re.compile(r"\([^)]*\)")
_WITH_SALT = re.compile(r"\bwith salt\b")


def words_of(text: str) -> list[str]:
    """Folded singular words of a name, in order ("Huevos cocidos" -> huevo, cocido)."""
    return [singular(w) for w in _WORD.findall(folded(text)) if len(w) > 1]


def split_preparation(text: str) -> tuple[list[str], str | None]:
    """(food words without joining words, the SR28 preparation term the name asks for)."""
    food, wanted = [], None
    for word in _WORD.findall(folded(text)):
        if word in PREPARATIONS:
            wanted = PREPARATIONS[word]
        elif word not in JOINING and word not in _SIZE_WORDS and len(word) > 1:
            food.append(singular(word))
    return food, wanted


@dataclass(frozen=True)
class _Entry:
    ndb_no: str
    name: str
    words: frozenset[str]
    head: frozenset[str]
    second: frozenset[str]  # words of the part after the head that say more than NEUTRAL
    salted: bool


class Sr28Names:
    """SR28 names indexed by word (built once; each look-up intersects a few word lists)."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._entries: list[_Entry] = []
        self._postings: dict[str, set[int]] = {}
        for ndb_no, name in names:
            words = frozenset(words_of(name))
            head = _head(name)
            second = _second(name) - NEUTRAL_SECOND - set(SR28_PREPARATIONS)
            entry = _Entry(ndb_no, name, words, head, second, bool(_WITH_SALT.search(name)))
            for word in words:
                self._postings.setdefault(word, set()).add(len(self._entries))
            self._entries.append(entry)

    def best(self, text: str, preparation: str | None = None) -> str | None:
        """The ndb_no of the food `text` names (see the module's rule), or None."""
        food, stated = split_preparation(text)
        if not food:
            return None
        named = set(food)
        found = [e for e in self._containing(food) if e.head <= named and e.second <= named]
        ranked = self._ranked(found, food, preparation or stated)
        return ranked[0].ndb_no if ranked else None

    def variant(self, ndb_no: str, preparation: str) -> str | None:
        """The `preparation` form of the food `ndb_no` (see the module's rule), or None."""
        linked = next((e for e in self._entries if e.ndb_no == ndb_no), None)
        if linked is None or preparation in linked.words:
            return None if linked is None else ndb_no
        own = linked.words - set(PREPARATIONS.values())
        found = [e for e in self._containing(list(linked.head)) if e.head == linked.head]
        found = [e for e in found if preparation in e.words]

        def rank(entry: _Entry) -> tuple[int, int, int, bool, str]:
            extra = entry.words - own - NEUTRAL - set(SR28_PREPARATIONS)
            shared = len(entry.words & own)
            return -shared, len(extra & PROCESSED), len(extra), entry.salted, entry.ndb_no

        return min(found, key=rank).ndb_no if found else None

    def search(self, text: str, preparation: str | None = None) -> list[str]:
        """ndb_nos of every food naming all the query's words: the qualifying ones first (see
        `best`), then those whose head the query names, then the rest; each tier ranked."""
        food, stated = split_preparation(text)
        wanted = preparation or stated
        named = set(food)
        tiers: list[list[_Entry]] = [[], [], []]
        for entry in self._containing(food) if food else []:
            head = entry.head <= named
            tiers[0 if head and entry.second <= named else 1 if head else 2].append(entry)
        return [e.ndb_no for tier in tiers for e in self._ranked(tier, food, wanted)]

    def _containing(self, food: list[str]) -> list[_Entry]:
        postings = [self._postings.get(word, set()) for word in dict.fromkeys(food)]
        if not postings:
            return []
        common = set.intersection(*postings)
        return [self._entries[i] for i in sorted(common)]

    def _ranked(self, found: list[_Entry], food: list[str], wanted: str | None) -> list[_Entry]:
        if wanted is not None:
            found = [e for e in found if wanted in e.words]
        any_raw = wanted is None and any(e.words & _RAW for e in found)
        asked = set(food) | ({wanted} if wanted else set())

        def rank(entry: _Entry) -> tuple[bool, int, int, bool, str]:
            not_raw = any_raw and not entry.words & _RAW
            extra = entry.words - asked - NEUTRAL
            return not_raw, len(extra & PROCESSED), len(extra), entry.salted, entry.ndb_no

        return sorted(found, key=rank)


def _parts(name: str) -> list[frozenset[str]]:
    """Words of each comma part, notes in parentheses and joining words left out."""
    plain = _NOTE.sub(" ", name)
    return [frozenset(words_of(part)) - JOINING for part in plain.split(",")]


def _head(name: str) -> frozenset[str]:
    parts = _parts(name)
    head = parts[0]
    return parts[1] if head <= GENERIC_HEADS and len(parts) > 1 else head


def _second(name: str) -> frozenset[str]:
    parts = _parts(name)
    skip = 2 if parts[0] <= GENERIC_HEADS else 1
    return parts[skip] if len(parts) > skip else frozenset()
