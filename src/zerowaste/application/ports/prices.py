"""Port: market prices per ingredient of the master (median MXN per kg, litre, piece or bunch).

The adapter (`zerowaste.infrastructure.reference.catalog.DataPackCatalog`) holds the PROFECO
medians imported into ref_prices in memory, like the footprints; every call is a lookup.
"""

from __future__ import annotations

from typing import Protocol

from zerowaste.domain.prices import Price, PriceBasis


class PriceCatalog(Protocol):
    def price_for(self, name: str, basis: PriceBasis | None = None) -> Price | None:
        """The median retail price of the name's master ingredient in `basis`, or in the basis
        with the most observations when `basis` is None; None when the food has no price."""
        ...

    def prices_for(self, name: str) -> list[Price]:
        """Every basis the name's master ingredient is priced in, most observed first."""
        ...
