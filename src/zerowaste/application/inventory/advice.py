"""A remote model's advice for new inventory items, computed in a job, never in a request.

When an add creates items, the local engine's enrichment is stored at once (it reads the data
pack in milliseconds). With a remote provider configured (Gemini), a job then asks it for the
names it has not advised on yet in the user's language (each name and language once, for every
household: `ai_advice`), and stores that advice on the new items. Footprint figures keep coming
from the data pack: the model's `environmental_impact` is used only for products the data lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from zerowaste.application.ai.gateway import AiGateway
from zerowaste.application.inventory.ports import InventoryUnitOfWork
from zerowaste.application.pictures import JobStarter, Progress
from zerowaste.application.ports.ai import AiContext
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.uow import UnitOfWorkFactory, retrying
from zerowaste.domain.inventory.items import InventoryItem
from zerowaste.domain.pictures import name_key

JOB_TYPE = "inventory.advice"
LOCAL = "local"


class AdviceLibrary(Protocol):
    def get(self, name_key: str, language: str) -> dict[str, Any] | None: ...

    def put(
        self, name_key: str, language: str, provider: str, advice: dict[str, Any], now: Any
    ) -> None: ...


class AdviceUnitOfWork(InventoryUnitOfWork, Protocol):
    @property
    def advice(self) -> AdviceLibrary: ...


@dataclass(frozen=True)
class _Wanted:
    item_id: int
    name: str
    kind: str
    description: str | None


class InventoryAdvice:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[AdviceUnitOfWork],
        clock: Clock,
        gateway: AiGateway,
        jobs: JobStarter,
    ) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self._gateway = gateway
        self._jobs = jobs

    def queue(self, user_id: str, items: list[InventoryItem]) -> str | None:
        """Start the job for items a write created; None when the local engine is the
        configured provider (its advice is already stored) or nothing needs it."""
        if self._gateway.provider == LOCAL or not items:
            return None
        wanted = [
            {"item_id": i.id, "name": i.name, "kind": i.kind, "description": i.description}
            for i in items
            if i.id is not None
        ]
        job = self._jobs.start(user_id, JOB_TYPE, {"items": wanted})
        return str(job.id)

    def run_job(self, user_id: str, payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
        with self._uow_factory.read() as uow:
            user = uow.users.get(user_id)
        if user is None:
            return {"advised": 0, "skipped": "the account is gone"}
        context = AiContext(
            user.profile.language or "es", user.profile.measurement_unit or "metric"
        )
        wanted = [_Wanted(**w) for w in payload.get("items", [])]
        found: list[tuple[int, dict[str, Any]]] = []
        for index, item in enumerate(wanted, start=1):
            advice = self._advice_for(user_id, item, context)
            if advice is not None:
                found.append((item.item_id, advice))
            progress.report(int(90 * index / max(1, len(wanted))), f"advised on {item.name}")
        if found:
            self._store(user_id, found)
        return {"advised": len(found), "items": len(wanted)}

    def _advice_for(self, user_id: str, item: _Wanted, context: AiContext) -> dict[str, Any] | None:
        key = name_key(item.name)
        with self._uow_factory.read() as uow:
            stored = uow.advice.get(key, context.language)
        if stored is not None:
            return stored
        answer = self._gateway.advise(
            user_id, item.name, kind=item.kind, description=item.description, context=context
        )
        if answer.provider == LOCAL:  # the remote one failed or the budget is spent
            return None
        with self._uow_factory() as uow:
            uow.advice.put(key, context.language, answer.provider, answer.value, self._clock.now())
            uow.commit()
        return answer.value

    @retrying
    def _store(self, user_id: str, found: list[tuple[int, dict[str, Any]]]) -> None:
        with self._uow_factory() as uow:
            owner = uow.households.claim(user_id)
            if owner is None:
                return
            current = uow.inventory.enrichments(owner, [item_id for item_id, _ in found])
            for item_id, advice in found:
                if item_id in current:  # an item eaten meanwhile keeps no advice
                    merged = merge(current[item_id], advice)
                    uow.inventory.set_enrichment(owner, item_id, merged)
            uow.commit()


def merge(local: dict[str, Any], remote: dict[str, Any]) -> dict[str, Any]:
    """The remote advice over the local one, except the footprint when the data pack has it."""
    merged = {**local, **{k: v for k, v in remote.items() if v}}
    if local.get("environmental_impact"):
        merged["environmental_impact"] = local["environmental_impact"]
    merged["generated_by"] = "gemini" if remote else local.get("generated_by", LOCAL)
    enriched = [
        k
        for k in ("environmental_impact", "utilization_ideas", "consumption_advice")
        if merged.get(k)
    ]
    merged["enriched_with"] = enriched
    return merged
