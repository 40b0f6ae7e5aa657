"""AI estimates of footprints for foods the Poore & Nemecek table lacks (contract D.8's
fallback), through the AI gateway (budgets, cache, usage).

Only a remote provider estimates: the local engine has no figures beyond the table, so on the
embedded default (or when the remote provider fails or the budget is spent) the foods stay in
`missing_data`, never guessed. An estimate carries its own citation, which names the provider
and says it is not from the table; land use is not asked (savings do not use it) and is 0.
"""

from __future__ import annotations

from collections.abc import Sequence

from zerowaste.application.ai.gateway import AiGateway
from zerowaste.application.ports.ai import AiContext
from zerowaste.domain.reference import Footprint
from zerowaste.domain.shared.text import folded

SOURCE = "Estimated by {provider} (AI): not in the Poore & Nemecek (2018) data"


class AiFootprints:
    def __init__(self, gateway: AiGateway) -> None:
        self._gateway = gateway

    def __call__(self, user_uid: str | None, names: Sequence[str]) -> dict[str, Footprint]:
        if self._gateway.provider == "local" or not names:
            return {}
        answer = self._gateway.estimate_footprints(user_uid, names, AiContext())
        if answer.degraded:
            return {}
        citation = SOURCE.format(provider=answer.provider)
        return {
            folded(e.name): Footprint(
                product=e.name,
                product_es=e.name,
                category="ai_estimate",
                ghg_kg_co2e_per_kg=e.kg_co2e_per_kg,
                land_use_m2_per_kg=0.0,
                freshwater_l_per_kg=e.water_l_per_kg,
                scarcity_weighted_water_l_per_kg=None,
                attribution=citation,
            )
            for e in answer.value
        }
