"""The analytics sums on SQLite and MariaDB: bucket keys computed in SQL (day, Monday-started
week, month) and weekdays agree with the domain's, and the same rows give the same report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.api.analytics.seed import Owner, day
from tests.conftest import make_settings
from zerowaste.bootstrap import create_app
from zerowaste.domain.analytics.window import bucket_of

pytestmark = pytest.mark.integration
AGES = (0, 1, 6, 7, 13, 30, 45, 70)  # across weeks and months


@pytest.fixture
def app(tmp_path: Path, db_url: str) -> Iterator[Any]:
    application = create_app(make_settings(tmp_path, database_url=db_url))
    yield application
    application.extensions["zerowaste.engine"].dispose()


@pytest.mark.parametrize("granularity", ["day", "week", "month"])
def test_journal_buckets_match_the_domain_on_each_database(app: Any, granularity: str) -> None:
    owner = Owner(app)
    owner.journal(*[(ago, "consumed", "arroz", "300", "g", None) for ago in AGES])
    owner.journal(*[(ago, "wasted", "arroz", "100", "g", None) for ago in AGES[::2]])
    start, end = day(80), day(0)
    reply = app.test_client().get(
        "/api/analytics/waste-reduction",
        query_string={
            "start": start.isoformat(),
            "end": end.isoformat(),
            "granularity": granularity,
        },
        headers=owner.headers,
    )
    assert reply.status_code == 200, reply.json
    expected: dict[str, list[float]] = {}
    for ago in AGES:
        key = bucket_of(day(ago), granularity).isoformat()  # type: ignore[arg-type]
        expected.setdefault(key, [0.0, 0.0])[0] += 0.3
    for ago in AGES[::2]:
        expected[bucket_of(day(ago), granularity).isoformat()][1] += 0.1  # type: ignore[arg-type]
    found = {
        b["bucket"]: [b["consumed_kg"], b["wasted_kg"]]
        for b in reply.json["buckets"]
        if b["consumed_kg"] or b["wasted_kg"]
    }
    assert found.keys() == expected.keys()
    for key, (consumed, wasted) in expected.items():
        assert found[key] == pytest.approx([consumed, wasted])
    assert reply.json["total"]["waste_rate"] == pytest.approx(0.4 / (2.4 + 0.4), abs=1e-4)


def test_cooks_by_weekday_and_bucket_on_each_database(app: Any) -> None:
    owner = Owner(app)
    owner.cooks(*[(ago, f"r{ago % 3}", f"Receta {ago % 3}") for ago in AGES])
    reply = app.test_client().get(
        "/api/analytics/cooking-patterns",
        query_string={"start": day(75).isoformat(), "granularity": "month"},
        headers=owner.headers,
    )
    body = reply.json
    expected: dict[int, int] = {}
    for ago in AGES:
        expected[day(ago).weekday()] = expected.get(day(ago).weekday(), 0) + 1
    assert {w["weekday"]: w["count"] for w in body["by_weekday"]} == expected
    assert body["total_cooks"] == len(AGES)
    assert body["window"]["end"] == day(0).isoformat()
    assert body["buckets"][0]["key"] == bucket_of(day(75), "month").isoformat()
    assert body["top_recipes"][0]["count"] == max(
        sum(1 for a in AGES if a % 3 == r) for r in range(3)
    )
    assert day(75) + timedelta(days=75) == day(0)
