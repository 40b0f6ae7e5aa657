"""The AI gateway: one door to every AI call, whichever provider answers.

For each call it (1) serves an identical earlier request from the cache (same images by
content hash, same inputs, same language), (2) uses the configured provider while the month's
budget of the caller and of the deployment allows, (3) falls back to the local engine when
the remote provider fails after its own retries or the budget is spent, and says so
(`degraded`, `notes`), and (4) records the model, tokens and estimated cost of every call.
Fallback answers are not cached: the remote provider may answer the same request next time.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from zerowaste.application.ai.codec import findings_from_dict, findings_to_dict
from zerowaste.application.ai.model import AiBudget, UsageReport
from zerowaste.application.ai.ports import AiUnitOfWork, UsageRecord
from zerowaste.application.ports.ai import (
    AiContext,
    AiUsage,
    FoodAdvisor,
    FootprintEstimate,
    FootprintEstimator,
    GeneratedImage,
    ImageGenerator,
    ImageInput,
    ImageSubject,
    ProviderFailed,
    RecipeAnswer,
    RecipeGenerator,
    RecipeRequest,
    VisionRecognizer,
)
from zerowaste.application.ports.cache import Cache
from zerowaste.application.ports.clock import Clock
from zerowaste.application.ports.metrics import Metrics, NullMetrics
from zerowaste.application.ports.uow import UnitOfWorkFactory
from zerowaste.domain import ai as costs
from zerowaste.domain.recognition.items import Findings, Kind

log = logging.getLogger(__name__)
T = TypeVar("T")
CACHE_TTL_SECONDS = 7 * 86400


@dataclass(frozen=True)
class Providers:
    """One provider per capability; `recipes` is None until a provider offers it."""

    name: str
    vision: VisionRecognizer
    advisor: FoodAdvisor
    images: ImageGenerator
    recipes: RecipeGenerator | None = None
    footprints: FootprintEstimator | None = None


@dataclass(frozen=True)
class AiResult(Generic[T]):
    value: T
    provider: str
    degraded: bool = False
    cached: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Call(Generic[T]):
    operation: str
    fingerprint: str
    remote: Callable[[Providers], tuple[T, AiUsage]] | None
    local: Callable[[Providers], tuple[T, AiUsage]]
    encode: Callable[[T], Any] | None = None
    decode: Callable[[Any], T] | None = None


class AiGateway:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory[AiUnitOfWork],
        clock: Clock,
        cache: Cache,
        primary: Providers,
        local: Providers,
        budget: AiBudget,
        metrics: Metrics | None = None,
    ) -> None:
        self._metrics = metrics or NullMetrics()
        self._uow_factory = uow_factory
        self._clock = clock
        self._cache = cache
        self._primary = primary
        self._local = local
        self._budget = budget

    @property
    def provider(self) -> str:
        return self._primary.name

    def recognize(
        self, user_uid: str, images: Sequence[ImageInput], kind: Kind, context: AiContext
    ) -> AiResult[Findings]:
        digests = [hashlib.sha256(i.data).hexdigest() for i in images]

        def run(p: Providers) -> tuple[Findings, AiUsage]:
            answer = p.vision.recognize(images, kind, context)
            return answer.findings, answer.usage

        call = _Call(
            f"recognize_{kind}",
            _fingerprint(digests, kind, context),
            run,
            run,
            findings_to_dict,
            findings_from_dict,
        )
        return self._run(user_uid, call)

    def advise(
        self,
        user_uid: str | None,
        name: str,
        *,
        kind: str,
        description: str | None,
        context: AiContext,
    ) -> AiResult[dict[str, Any]]:
        def run(p: Providers) -> tuple[dict[str, Any], AiUsage]:
            answer = p.advisor.advise(name, kind=kind, description=description, context=context)
            return answer.advice, answer.usage

        fingerprint = _fingerprint(name.strip().lower(), kind, description or "", context)
        return self._run(user_uid, _Call("advise", fingerprint, run, run, dict, dict))

    def render(
        self, user_uid: str | None, subject: ImageSubject, context: AiContext
    ) -> AiResult[GeneratedImage]:
        """Pictures are stored by the caller (one per name), so they are not cached here."""

        def run(p: Providers) -> tuple[GeneratedImage, AiUsage]:
            image = p.images.render(subject, context)
            return image, image.usage

        return self._run(user_uid, _Call("render_image", "", run, run))

    def generate_recipes(
        self, user_uid: str, request: RecipeRequest, context: AiContext
    ) -> AiResult[list[dict[str, Any]]]:
        def run(p: Providers) -> tuple[list[dict[str, Any]], AiUsage]:
            if p.recipes is None:
                raise ProviderFailed(f"{p.name} does not generate recipes", retryable=False)
            answer: RecipeAnswer = p.recipes.generate(request, context)
            return answer.recipes, answer.usage

        fingerprint = _fingerprint(repr(request), context)
        return self._run(user_uid, _Call("generate_recipes", fingerprint, run, run, list, list))

    def estimate_footprints(
        self, user_uid: str | None, names: Sequence[str], context: AiContext
    ) -> AiResult[list[FootprintEstimate]]:
        """Footprints per kg of foods the data lacks, from the remote provider only: the local
        provider has no figures beyond the data, so it answers none (and nothing is guessed)."""

        def remote(p: Providers) -> tuple[list[FootprintEstimate], AiUsage]:
            if p.footprints is None:
                raise ProviderFailed(f"{p.name} does not estimate footprints", retryable=False)
            answer = p.footprints.estimate(names, context)
            return answer.estimates, answer.usage

        def local(p: Providers) -> tuple[list[FootprintEstimate], AiUsage]:
            return [], AiUsage(p.name, "none", "estimate_footprints")

        fingerprint = _fingerprint(sorted(n.strip().casefold() for n in names))
        call = _Call(
            "estimate_footprints",
            fingerprint,
            remote,
            local,
            lambda found: [asdict(e) for e in found],
            lambda raw: [FootprintEstimate(**e) for e in raw],
        )
        return self._run(user_uid, call)

    def usage(self, user_uid: str) -> UsageReport:
        since = costs.month_start(self._clock.now())
        with self._uow_factory.read() as uow:
            mine = uow.ai_usage.totals(since, user_uid)
            home = uow.ai_usage.household_totals(since, user_uid)
            everyone = uow.ai_usage.totals(since)
            by_operation = uow.ai_usage.by_operation(since, user_uid)
        return UsageReport(
            provider=self._primary.name,
            since=since.isoformat(),
            totals=mine,
            by_operation=by_operation,
            budget_usd=self._budget.per_user_usd,
            remaining_usd=costs.remaining(self._budget.per_user_usd, mine.cost_usd),
            deployment_remaining_usd=costs.remaining(
                self._budget.deployment_usd, everyone.cost_usd
            ),
            household_budget_usd=self._budget.household_usd,
            household_remaining_usd=costs.remaining(self._budget.household_usd, home.cost_usd),
        )

    def _run(self, user_uid: str | None, call: _Call[T]) -> AiResult[T]:
        key = f"ai:{self._primary.name}:{call.operation}:{call.fingerprint}"
        if call.decode is not None and call.fingerprint:
            hit = self._cache.get(key)
            if isinstance(hit, dict) and "value" in hit:
                return AiResult(call.decode(hit["value"]), hit["provider"], cached=True)
        notes: list[str] = []
        if self._primary is not self._local and call.remote is not None:
            refusal = self._over_budget(user_uid)
            if refusal is None:
                try:
                    value, usage = call.remote(self._primary)
                except ProviderFailed as failure:
                    log.warning("%s failed for %s: %s", self._primary.name, call.operation, failure)
                    if failure.usage is not None:  # an unusable answer still cost its tokens
                        self._record(user_uid, failure.usage, degraded=True)
                    notes.append(f"{self._primary.name} is unavailable; answered locally")
                else:
                    self._record(user_uid, usage, degraded=False)
                    self._remember(key, call, value, self._primary.name)
                    return AiResult(value, self._primary.name)
            else:
                notes.append(refusal)
        value, usage = call.local(self._local)
        degraded = bool(notes)
        self._record(user_uid, usage, degraded=degraded)
        if not degraded:
            self._remember(key, call, value, self._local.name)
        return AiResult(value, self._local.name, degraded=degraded, notes=tuple(notes))

    def _over_budget(self, user_uid: str | None) -> str | None:
        since = costs.month_start(self._clock.now())
        with self._uow_factory.read() as uow:
            everyone = uow.ai_usage.totals(since).cost_usd
            mine = uow.ai_usage.totals(since, user_uid).cost_usd if user_uid else Decimal(0)
            home = uow.ai_usage.household_totals(since, user_uid).cost_usd if user_uid else None
        if not costs.allows_remote(self._budget.deployment_usd, everyone):
            return "the AI budget of this deployment is used up this month; answered locally"
        if user_uid and not costs.allows_remote(self._budget.per_user_usd, mine):
            return "your AI budget is used up this month; answered locally"
        if home is not None and not costs.allows_remote(self._budget.household_usd, home):
            return "your household's AI budget is used up this month; answered locally"
        return None

    def _record(self, user_uid: str | None, usage: AiUsage, *, degraded: bool) -> None:
        price = self._budget.prices.get(usage.model)
        record = UsageRecord(
            user_uid=user_uid,
            provider=usage.provider,
            model=usage.model,
            operation=usage.operation,
            tokens_in=usage.tokens_in,
            tokens_out=usage.tokens_out,
            images=usage.images,
            cost_usd=costs.call_cost(price, usage.tokens_in, usage.tokens_out, usage.images),
            degraded=degraded,
            created_at=self._clock.now(),
        )
        with self._uow_factory() as uow:
            uow.ai_usage.add(record)
            uow.commit()
        self._metrics.ai_call(
            record.provider, record.operation, record.tokens_in, record.tokens_out, record.cost_usd
        )

    def _remember(self, key: str, call: _Call[T], value: T, provider: str) -> None:
        if call.encode is None or not call.fingerprint:
            return
        self._cache.set(key, {"value": call.encode(value), "provider": provider}, CACHE_TTL_SECONDS)


def _fingerprint(*parts: Any) -> str:
    text = json.dumps(parts, default=repr, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
