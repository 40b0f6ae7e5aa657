"""Where a price was seen, as the caller names it: a `location` is a state or a municipality of
the data (accents, case and spacing ignored; "CDMX"/"DF" name Ciudad de México), a
`store_chain` one of the data's chains (same folding). An unknown name is refused with the
names the data knows, never answered with an empty comparison that looks like "no prices"."""

from __future__ import annotations

from collections.abc import Iterable

from zerowaste.domain.shared.errors import InvalidInput
from zerowaste.domain.shared.text import folded

MAX_NAME = 80
_ALIASES = {"cdmx": "ciudad de mexico", "df": "ciudad de mexico", "mexico city": "ciudad de mexico"}


def place_key(name: str) -> str:
    key = " ".join(folded(name).replace(".", " ").split())
    return _ALIASES.get(key, key)


def matching_zones(location: str, zones: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (state, city) zones `location` names (a state names all its cities); a name the
    data does not know is an InvalidInput listing the known ones."""
    known = sorted(set(zones))
    wanted = place_key(location)
    found = [z for z in known if wanted in (place_key(z[0]), place_key(z[1]))]
    if not found:
        names = sorted({name for z in known for name in z})
        raise InvalidInput(
            f"Unknown location: {location}", code="unknown_location", details={"allowed": names}
        )
    return found


def matching_chain(store_chain: str, chains: Iterable[str]) -> str:
    """The data's spelling of `store_chain`, or an InvalidInput listing the known chains."""
    known = sorted(set(chains))
    wanted = place_key(store_chain)
    for name in known:
        if place_key(name) == wanted:
            return name
    raise InvalidInput(
        f"Unknown store chain: {store_chain}",
        code="unknown_store_chain",
        details={"allowed": known},
    )
