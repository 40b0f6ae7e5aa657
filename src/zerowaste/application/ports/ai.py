"""AI ports: what the features ask of the local engine or Gemini."""

from __future__ import annotations

from typing import Any, Protocol


class IngredientAdvisor(Protocol):
    """Enrichment of an item: environmental impact, utilization ideas, consumption advice.

    The local engine computes it from the data pack; the Gemini adapter arrives with the AI issue.
    """

    def enrich(self, name: str, *, kind: str, description: str | None) -> dict[str, Any]: ...
