"""bench/mobile_mix.py's bookkeeping: every endpoint of the mix is a real route of the app, and
its figures (latency per endpoint from Nginx's log, SQL per request from /metrics) add up."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

# The bench scripts import each other from their folder; that folder stays on the path only
# while they are imported (on it, bench/bench.py would hide the `bench` namespace package that
# tests/api/search/test_relevance.py imports from).
_BENCH = str(Path(__file__).resolve().parents[3] / "bench")
sys.path.insert(0, _BENCH)
try:
    import mix_report
    import mix_seed
finally:
    sys.path.remove(_BENCH)

pytestmark = pytest.mark.unit


def test_every_endpoint_of_the_mix_is_a_route_of_the_app(app: Any) -> None:
    rules = [(method, rule.rule) for rule in app.url_map.iter_rules() for method in rule.methods]
    for endpoint in mix_seed.ENDPOINTS:
        matched = [r for m, r in rules if mix_seed.route_endpoint(m, r) == endpoint]
        assert matched, f"{endpoint.name}: no route of the app matches {endpoint.pattern}"


def test_a_request_path_is_classed_by_method_and_path_without_its_query() -> None:
    assert mix_seed.kind_of("GET", "/api/inventory/expiring?days=3") == "read"
    assert mix_seed.kind_of("POST", "/api/inventory/items/42/consume") == "write"
    assert mix_seed.kind_of("GET", "/api/inventory/items/42/consume") is None
    assert mix_seed.kind_of("POST", "/api/search/semantic") == "discovery"
    assert mix_seed.endpoint_of("GET", "/api/inventory/ingredients/Leche/detail") is not None


def _exposition(requests: float, statements: float, hits: float, misses: float) -> str:
    route = 'method="GET",route="/api/user/profile"'
    return (
        f'zerowaste_http_requests_total{{{route},status="200"}} {requests}\n'
        f"zerowaste_db_statements_total{{{route}}} {statements}\n"
        f'zerowaste_cache_lookups_total{{result="hit"}} {hits}\n'
        f'zerowaste_cache_lookups_total{{result="miss"}} {misses}\n'
    )


def test_figures_per_endpoint_come_from_the_log_and_the_metrics_deltas() -> None:
    before, after = _exposition(10, 30, 5, 5), _exposition(14, 34, 13, 7)
    entries = [("GET", "/api/user/profile", 200, t) for t in (0.002, 0.004, 0.010, 0.001)]
    entries += [("POST", "/api/inventory/ingredients", 503, 0.050)]
    entries += [("GET", "/api/user/profile", 499, 9.0)]  # wrk's own cut: not a latency
    log = "\n".join(
        json.dumps({"method": m, "uri": u, "status": s, "request_time": t})
        for m, u, s, t in entries
    )

    rows = {row["endpoint"]: row for row in mix_report.per_endpoint(log, before, after)}

    profile = rows["profile"]
    assert profile["requests"] == 4 and profile["errors"] == 0
    assert profile["p50_ms"] == pytest.approx(2.0) and profile["p99_ms"] == pytest.approx(10.0)
    assert profile["statements"] == pytest.approx(1.0)  # 4 statements over 4 requests
    assert rows["add stack"]["errors"] == 1
    assert rows["cut at the end of the run (499)"]["requests"] == 1
    assert mix_report.cache_ratio(before, after)["ratio"] == pytest.approx(0.8)
