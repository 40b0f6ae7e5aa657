"""`GET /api/seasonal/ingredients`: the produce at its peak in a month in Mexico (the data's
only region), with Spanish and English names and, when asked, the PROFECO median prices of
the master ingredient the calendar entry links to (`include_prices`)."""

from __future__ import annotations

from dataclasses import dataclass

from zerowaste.application.market.ports import CulinaryData
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.prices import PriceCatalog
from zerowaste.domain.market.seasons import SeasonalFood, check_region, in_season, season_of
from zerowaste.domain.prices import Price
from zerowaste.domain.search.ranking import page_of
from zerowaste.domain.shared.errors import InvalidInput

ATTRIBUTION = (
    "Calendario de temporada de México (aproximado; ZeroWaste data pack, CC0), compilado de "
    "PROFECO y SADER/SIAP."
)
TYPES = ("fruit", "vegetable", "herb")


@dataclass(frozen=True)
class SeasonalItem:
    food: SeasonalFood
    prices: list[Price] | None  # None when prices were not asked for


@dataclass(frozen=True)
class SeasonalReport:
    month: int
    season: str
    region: str
    items: list[SeasonalItem]
    total: int
    page: int
    per_page: int
    include_prices: bool


class SeasonalProduce:
    def __init__(self, culinary: CulinaryData, prices: PriceCatalog, clock: Clock) -> None:
        self._culinary = culinary
        self._prices = prices
        self._clock = clock

    def in_month(
        self,
        month: int | None,
        region: str = "mx",
        include_prices: bool = False,
        food_type: str | None = None,
        page: int = 1,
        per_page: int = 50,
    ) -> SeasonalReport:
        """What is in season in `month` (this month when None)."""
        month = self._clock.today().month if month is None else month
        if not 1 <= month <= 12:
            raise InvalidInput("month must be 1..12", code="invalid_month")
        key = check_region(region)
        foods = in_season(self._culinary.seasonal_foods(), month)
        if food_type is not None:
            foods = [f for f in foods if f.type == food_type]
        paged = page_of(foods, page, per_page)
        names = self._culinary.ingredient_names() if include_prices else {}
        items = [
            SeasonalItem(f, self._prices_of(f, names) if include_prices else None)
            for f in paged.items
        ]
        return SeasonalReport(
            month,
            season_of(month),
            key,
            items,
            paged.total,
            paged.page,
            paged.per_page,
            include_prices,
        )

    def _prices_of(self, food: SeasonalFood, names: dict[str, tuple[str, str]]) -> list[Price]:
        if food.ingredient_id is None or food.ingredient_id not in names:
            return []
        return [
            p
            for p in self._prices.prices_for(names[food.ingredient_id][0])
            if p.ingredient_id == food.ingredient_id
        ]
