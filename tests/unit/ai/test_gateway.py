"""The AI gateway: cache of identical requests, budgets, fallback to local, usage records."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from tests.fakes import FixedClock
from tests.fakes.ai import FakeVision, fake_providers, ingredient
from zerowaste.application.ai.gateway import AiGateway
from zerowaste.application.ai.model import AiBudget
from zerowaste.application.ai.ports import UsageRecord
from zerowaste.application.ports.ai import AiContext, ImageInput
from zerowaste.application.ports.metrics import NullMetrics
from zerowaste.domain import ai as costs
from zerowaste.domain.recognition.items import Findings

pytestmark = pytest.mark.unit
PRICES = {"fake-vision": costs.ModelPrice(Decimal("1"), Decimal("1"))}  # $1 per M tokens
PHOTO = ImageInput(b"\x89PNG fake bytes", "image/png")
CONTEXT = AiContext("es", "metric")


class MemoryUsage:
    def __init__(self) -> None:
        self.records: list[UsageRecord] = []
        self.households: dict[str, str] = {}  # uid -> household id (else a household of one)

    def add(self, record: UsageRecord) -> None:
        self.records.append(record)

    def totals(self, since: datetime, user_uid: str | None = None) -> costs.UsageTotals:
        mine = [
            r
            for r in self.records
            if r.created_at >= since and (user_uid is None or r.user_uid == user_uid)
        ]
        return costs.UsageTotals(
            len(mine),
            sum(r.tokens_in for r in mine),
            sum(r.tokens_out for r in mine),
            sum(r.images for r in mine),
            sum((r.cost_usd for r in mine), Decimal(0)),
        )

    def household_totals(self, since: datetime, user_uid: str) -> costs.UsageTotals:
        home = self.households.get(user_uid, user_uid)
        cost = sum(
            (
                r.cost_usd
                for r in self.records
                if r.created_at >= since
                and r.user_uid is not None
                and self.households.get(r.user_uid, r.user_uid) == home
            ),
            Decimal(0),
        )
        return costs.UsageTotals(cost_usd=cost)

    def by_operation(self, since: datetime, user_uid: str) -> dict[str, costs.UsageTotals]:
        return {}


class MemoryUow:
    def __init__(self, usage: MemoryUsage) -> None:
        self.ai_usage = usage

    def __enter__(self) -> MemoryUow:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def commit(self) -> None:
        return None

    def rollback(self) -> None:
        return None


class MemoryUowFactory:
    def __init__(self) -> None:
        self.usage = MemoryUsage()

    def __call__(self) -> MemoryUow:
        return MemoryUow(self.usage)

    def read(self) -> MemoryUow:
        return MemoryUow(self.usage)


class DictCache:
    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def get_many(self, *keys: str) -> list[Any]:
        return [self.data.get(k) for k in keys]

    def set(self, key: str, value: Any, ttl_seconds: int) -> None:
        self.data[key] = value

    def delete(self, *keys: str) -> None:
        for key in keys:
            self.data.pop(key, None)


def gateway(
    remote_vision: FakeVision,
    *,
    user_budget: str = "1",
    deployment: str = "10",
    household: str | None = None,
):
    uows, cache = MemoryUowFactory(), DictCache()
    local_vision = FakeVision(provider="local", findings=Findings(notes=("local answer",)))
    cap = None if household is None else Decimal(household)
    budget = AiBudget(Decimal(user_budget), Decimal(deployment), PRICES, cap)
    primary = fake_providers("gemini", vision=remote_vision)
    local = fake_providers("local", vision=local_vision)
    return AiGateway(uows, FixedClock(), cache, primary, local, budget), uows, local_vision


def remote(**changes: Any) -> FakeVision:
    return replace(
        FakeVision(provider="gemini", findings=Findings((ingredient("Tomate"),))), **changes
    )


def test_the_configured_provider_answers_and_its_usage_is_recorded_with_its_cost():
    vision = remote()
    gw, uows, _ = gateway(vision)

    result = gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)

    assert result.provider == "gemini" and not result.degraded and not result.cached
    assert [i.name for i in result.value.ingredients] == ["Tomate"]
    (record,) = uows.usage.records
    assert (record.user_uid, record.model, record.tokens_in, record.tokens_out) == (
        "u1",
        "fake-vision",
        1000,
        200,
    )
    assert record.cost_usd == Decimal("0.001200")


def test_an_identical_request_is_served_from_the_cache_without_a_call():
    vision = remote()
    gw, uows, _ = gateway(vision)

    gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)
    again = gw.recognize("u2", [ImageInput(PHOTO.data, "image/png")], "ingredients", CONTEXT)

    assert again.cached and [i.name for i in again.value.ingredients] == ["Tomate"]
    assert len(vision.calls) == 1 and len(uows.usage.records) == 1


def test_other_bytes_or_another_language_are_not_the_same_request():
    vision = remote()
    gw, _, _ = gateway(vision)

    gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)
    gw.recognize("u1", [ImageInput(PHOTO.data + b"!", "image/png")], "ingredients", CONTEXT)
    gw.recognize("u1", [PHOTO], "ingredients", AiContext("en", "metric"))
    gw.recognize("u1", [PHOTO], "foods", CONTEXT)

    assert len(vision.calls) == 4


def test_a_failing_provider_falls_back_to_local_says_so_and_is_not_cached():
    vision = remote(fail=True)
    gw, uows, local = gateway(vision)

    first = gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)
    vision.fail = False
    second = gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)

    assert first.provider == "local" and first.degraded
    assert "unavailable" in first.notes[0]
    assert first.value.notes == ("local answer",)
    assert second.provider == "gemini" and not second.degraded  # retried, not a cached fallback
    assert [r.degraded for r in uows.usage.records] == [True, False]


def test_a_spent_user_budget_answers_locally_without_calling_the_provider():
    vision = remote()
    gw, uows, _ = gateway(vision, user_budget="0.001")

    gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)  # costs 0.0012: budget now spent
    spent = gw.recognize("u1", [ImageInput(b"other", "image/png")], "ingredients", CONTEXT)
    other_user = gw.recognize("u2", [ImageInput(b"other", "image/png")], "ingredients", CONTEXT)

    assert spent.provider == "local" and spent.degraded and "budget" in spent.notes[0]
    assert other_user.provider == "gemini"
    assert len(vision.calls) == 2


def test_a_spent_deployment_budget_stops_remote_calls_for_everyone():
    vision = remote()
    gw, _, _ = gateway(vision, deployment="0")

    result = gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)

    assert result.provider == "local" and "deployment" in result.notes[0]
    assert vision.calls == []


def test_with_local_as_the_configured_provider_nothing_is_degraded():
    uows = MemoryUowFactory()
    local = fake_providers("local")
    gw = AiGateway(uows, FixedClock(), DictCache(), local, local, AiBudget(Decimal(0), Decimal(0)))

    result = gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)

    assert result.provider == "local" and not result.degraded
    assert uows.usage.records[0].cost_usd == 0


def test_usage_reports_the_month_and_what_is_left():
    gw, _, _ = gateway(remote())
    gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)

    report = gw.usage("u1")

    assert report.totals.calls == 1 and report.totals.tokens_in == 1000
    assert report.remaining_usd == Decimal("0.998800")


def test_a_spent_household_cap_answers_its_members_locally_but_not_others():
    vision = remote()
    gw, uows, _ = gateway(vision, user_budget="0.002", household="0.002")
    uows.usage.households.update({"u1": "h", "u2": "h"})

    gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)  # 0.0012 each: u1 has 0.0008 left
    gw.recognize("u2", [ImageInput(b"two", "image/png")], "ingredients", CONTEXT)  # h: 0.0024
    capped = gw.recognize("u1", [ImageInput(b"three", "image/png")], "ingredients", CONTEXT)
    alone = gw.recognize("u3", [ImageInput(b"three", "image/png")], "ingredients", CONTEXT)

    assert capped.provider == "local" and capped.degraded
    assert capped.notes == ("your household's AI budget is used up this month; answered locally",)
    assert alone.provider == "gemini" and len(vision.calls) == 3
    report = gw.usage("u2")
    assert report.household_budget_usd == Decimal("0.002")
    assert report.household_remaining_usd == 0 and report.remaining_usd == Decimal("0.000800")


def test_the_household_cap_defaults_to_three_personal_budgets():
    assert AiBudget(Decimal("1.50"), Decimal(100)).household_usd == Decimal("4.50")
    assert AiBudget(Decimal(1), Decimal(100), {}, Decimal(0)).household_usd == 0
    gw, _, _ = gateway(remote(), user_budget="1")
    assert gw.usage("alone").household_budget_usd == Decimal(3)


class RecordingMetrics(NullMetrics):
    def __init__(self) -> None:
        self.ai_calls: list[tuple[str, str, int, int, Decimal]] = []

    def ai_call(
        self, provider: str, operation: str, tokens_in: int, tokens_out: int, cost_usd: Decimal
    ) -> None:
        self.ai_calls.append((provider, operation, tokens_in, tokens_out, cost_usd))


def test_each_recorded_call_is_counted_with_its_tokens_and_cost():
    metrics = RecordingMetrics()
    uows = MemoryUowFactory()
    budget = AiBudget(Decimal(1), Decimal(10), PRICES)
    primary = fake_providers("gemini", vision=remote())
    local = fake_providers("local", vision=FakeVision(provider="local"))
    gw = AiGateway(uows, FixedClock(), DictCache(), primary, local, budget, metrics)

    gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)
    gw.recognize("u1", [PHOTO], "ingredients", CONTEXT)  # from the cache: no call, no count

    (record,) = uows.usage.records
    assert metrics.ai_calls == [
        ("gemini", record.operation, 1000, 200, Decimal("0.001200")),
    ]
