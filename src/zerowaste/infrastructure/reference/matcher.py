"""Name lookups over normalised keys: exact, then guarded fuzzy (rapidfuzz), and phrase scans."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from zerowaste.infrastructure.reference.text import Normalizer

T = TypeVar("T")

FUZZY_CUTOFF = 85
MIN_FUZZY_LENGTH = 3
_CANDIDATES = 8


@dataclass(frozen=True)
class Hit(Generic[T]):
    target: T
    kind: str  # how the key was registered (name_es, name_en, synonym, alias...) or "fuzzy"
    score: int
    key: str


class PhraseMatcher(Generic[T]):
    """Maps names to targets. The first registration of a key wins, so register the most
    authoritative names first (canonical names, then aliases, then synonyms).

    With `all_words`, a fuzzy candidate must contain every word of the name (for secondary
    lookups such as FoodKeeper's English names: "frozen peas" is not "peas, dried split")."""

    def __init__(
        self, normalizer: Normalizer, cutoff: int = FUZZY_CUTOFF, *, all_words: bool = False
    ) -> None:
        self._norm = normalizer
        self._cutoff = cutoff
        self._all_words = all_words
        self._exact: dict[str, tuple[T, str]] = {}
        self._choices: list[str] = []

    def add(self, name: str, target: T, kind: str) -> None:
        key = self._norm.key(name)
        if key and key not in self._exact:
            self._exact[key] = (target, kind)
            self._choices.append(key)

    def add_all(self, names: Iterable[str], target: T, kind: str) -> None:
        for name in names:
            self.add(name, target, kind)

    def __len__(self) -> int:
        return len(self._exact)

    def exact(self, name: str) -> Hit[T] | None:
        key = self._norm.key(name)
        found = self._exact.get(key)
        return Hit(found[0], found[1], 100, key) if found else None

    def lookup(self, name: str) -> Hit[T] | None:
        """Exact key first; else the best fuzzy key (WRatio >= cutoff) containing the name's
        head word ("helado de vainilla" does not become vanilla); ties go to the key sharing
        more words with the name, then the closer, then the shorter one."""
        key = self._norm.key(name)
        found = self._exact.get(key)
        if found:
            return Hit(found[0], found[1], 100, key)
        if len(key.replace(" ", "")) < MIN_FUZZY_LENGTH:
            return None
        results = process.extract(
            key,
            self._choices,
            scorer=fuzz.WRatio,
            processor=None,
            limit=_CANDIDATES,
            score_cutoff=self._cutoff,
        )
        if not results:
            return None
        head = self._norm.head(name) if " " in key else ()
        required = tuple(key.split()) if self._all_words else head
        words = set(key.split())
        ranked = sorted(
            results,
            key=lambda r: (
                -round(r[1]),
                -len(words.intersection(r[0].split())),
                -fuzz.ratio(key, r[0]),
                len(r[0]),
                r[2],
            ),
        )
        for choice, score, _index in ranked:
            if _contains(choice, required, every=self._all_words):
                target = self._exact[choice][0]
                return Hit(target, "fuzzy", min(99, round(score)), choice)
        return None


def _contains(choice: str, required: tuple[str, ...], *, every: bool) -> bool:
    """Whether `choice` has one (head words) or every (`every`) required word, typos allowed."""
    if not required:
        return True
    words = choice.split()
    found = (any(fuzz.ratio(r, w) >= FUZZY_CUTOFF for w in words) for r in required)
    return all(found) if every else any(found)


class PhraseScanner:
    """Finds known phrases as whole words in a text, longest first, left to right.

    A longer phrase consumes its words, so "leche de coco" (no allergen) hides "leche" (milk)
    and "crema de cacahuate" (peanuts) hides "crema" (milk). Labels of a phrase registered
    twice are merged.
    """

    def __init__(self, normalizer: Normalizer) -> None:
        self._norm = normalizer
        self._phrases: dict[tuple[str, ...], set[str]] = {}
        self._longest = 1

    def add(self, phrase: str, labels: Iterable[str]) -> None:
        tokens = self._norm.tokens(phrase)
        if tokens:
            self._phrases.setdefault(tokens, set()).update(labels)
            self._longest = max(self._longest, len(tokens))

    def labels_of(self, phrase: str) -> set[str] | None:
        """Labels of exactly this phrase, or None when it is not registered."""
        found = self._phrases.get(self._norm.tokens(phrase))
        return None if found is None else set(found)

    def scan(self, text: str) -> set[str]:
        tokens = self._norm.tokens(text)
        labels: set[str] = set()
        i = 0
        while i < len(tokens):
            for size in range(min(self._longest, len(tokens) - i), 0, -1):
                found = self._phrases.get(tokens[i : i + size])
                if found is not None:
                    labels |= found
                    i += size
                    break
            else:
                i += 1
        return labels

    def phrases(self) -> dict[str, set[str]]:
        """Every registered phrase (normalised, space-joined) with its labels."""
        return {" ".join(tokens): set(labels) for tokens, labels in self._phrases.items()}
