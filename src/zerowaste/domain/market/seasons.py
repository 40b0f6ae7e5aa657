"""Seasons of the produce calendar of Mexico (data/seasonal_produce_mx: national, approximate).

- A month is 1..12; the calendar's only region is Mexico (`REGIONS`), so `region` names it or
  is refused.
- Seasons are the meteorological ones of the northern hemisphere: winter = December-February,
  spring = March-May, summer = June-August, autumn = September-November.
- A recipe **belongs to a season** when at least one of its foods is seasonal produce (on the
  calendar and not year-round) at its peak in one of the season's months, and none of its
  seasonal foods is out of peak in all of them. Year-round produce (avocado, tomato...) and
  foods the calendar does not list say nothing about a season.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zerowaste.domain.shared.errors import InvalidInput

REGIONS = ("mx",)
SEASONS: dict[str, tuple[int, ...]] = {
    "winter": (12, 1, 2),
    "spring": (3, 4, 5),
    "summer": (6, 7, 8),
    "autumn": (9, 10, 11),
}
ALL_MONTHS = frozenset(range(1, 13))


@dataclass(frozen=True)
class SeasonalFood:
    """One entry of the calendar, linked to the ingredient master when the master names it."""

    id: str
    name_es: str
    name_en: str
    type: str  # fruit | vegetable | herb
    months: frozenset[int]
    year_round: bool
    note: str | None
    ingredient_id: str | None

    @property
    def seasonal(self) -> bool:
        """Whether its months say something: not year-round, not every month."""
        return not self.year_round and self.months != ALL_MONTHS


def check_region(region: str) -> str:
    key = region.strip().casefold()
    if key not in REGIONS:
        raise InvalidInput(
            f"Unknown region: {region}", code="unknown_region", details={"allowed": list(REGIONS)}
        )
    return key


def season_of(month: int) -> str:
    return next(name for name, months in SEASONS.items() if month in months)


def in_season(foods: Iterable[SeasonalFood], month: int) -> list[SeasonalFood]:
    """The calendar's foods at their peak in `month`, by Spanish name."""
    return sorted((f for f in foods if month in f.months), key=lambda f: f.name_es.casefold())


def belongs_to(season: str, foods: Iterable[SeasonalFood]) -> bool:
    """Whether a recipe using `foods` (its foods found on the calendar) belongs to `season`."""
    months = set(SEASONS[season])
    seasonal = [f for f in foods if f.seasonal]
    return bool(seasonal) and all(f.months & months for f in seasonal)
