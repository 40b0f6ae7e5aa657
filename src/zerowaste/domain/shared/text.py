"""Text rules shared by every feature: accent folding and the identity key of a name.

One definition each: unit and storage labels, catalog look-ups and repository keys all call
these, so "Limón", "limon" and "LIMÓN " mean the same thing everywhere they should.
"""

from __future__ import annotations

import functools
import unicodedata


@functools.lru_cache(maxsize=8192)
def strip_accents(text: str) -> str:
    """Casefolded, accents dropped (ñ -> n, ü -> u); memoised: labels repeat on every row."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def folded(text: str) -> str:
    """Accent- and case-insensitive, single spaces: "Plátano " and "platano" compare equal."""
    return " ".join(strip_accents(text).split())


def name_key(name: str) -> str:
    """Case-insensitive identity of an item name; accents are kept ("año" is not "ano")."""
    return " ".join(name.split()).casefold()
