"""Fakes for the savings feature: a PriceCatalog over a dict."""

from __future__ import annotations

from zerowaste.domain.prices import Price, PriceBasis


class FakePriceCatalog:
    """A PriceCatalog over {casefolded name: [Price, ...]} (most observed first)."""

    def __init__(self, prices: dict[str, list[Price]] | None = None) -> None:
        self.prices = {name.casefold(): found for name, found in (prices or {}).items()}

    def prices_for(self, name: str) -> list[Price]:
        return list(self.prices.get(name.casefold(), []))

    def price_for(self, name: str, basis: PriceBasis | None = None) -> Price | None:
        found = self.prices_for(name)
        return next((p for p in found if basis is None or p.basis == basis), None)
