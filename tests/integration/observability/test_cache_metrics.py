"""The shared cache counts its hits and misses (the hit ratio of README "Observability")."""

from __future__ import annotations

from pathlib import Path

from prometheus_client import REGISTRY, generate_latest

from tests.metrics_scrape import sample
from zerowaste.infrastructure.cache import make_cache
from zerowaste.infrastructure.metrics import PrometheusMetrics

LOOKUPS = "zerowaste_cache_lookups_total"


def counts() -> tuple[float, float]:
    text = generate_latest(REGISTRY).decode()
    return sample(text, LOOKUPS, result="hit"), sample(text, LOOKUPS, result="miss")


def test_lookups_are_counted_as_hits_and_misses(tmp_path: Path) -> None:
    cache = make_cache(None, None, tmp_path / "cache", 60, metrics=PrometheusMetrics())
    hits, misses = counts()

    assert cache.get("absent") is None
    cache.set("present", {"n": 1}, 60)
    assert cache.get("present") == {"n": 1}
    assert cache.get_many("present", "absent", "other") == [{"n": 1}, None, None]

    assert counts() == (hits + 2, misses + 3)
