"""The ALS recommender (trained, stored, reloaded by another process's copy, users folded in)
and the seasonal calendar read from the data pack."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import data_pack_dir
from zerowaste.infrastructure.recommendations.als import AlsRecommender
from zerowaste.infrastructure.recommendations.seasons import SeasonalCalendar

pytestmark = pytest.mark.unit


class MemoryStore:
    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}
        self.order: list[str] = []

    def latest(self) -> str | None:
        return self.order[-1] if self.order else None

    def load(self, version: str) -> bytes | None:
        return self.blobs.get(version)

    def save(self, version: str, blob: bytes, now: datetime) -> None:
        self.blobs[version] = blob
        self.order.append(version)


def tastes() -> dict[str, dict[str, float]]:
    """Ten users like the a-recipes, ten the b-recipes."""
    table = {}
    for n in range(10):
        table[f"a{n}"] = {f"a-{i}": 4.0 for i in range(6) if i != n % 6}
        table[f"b{n}"] = {f"b-{i}": 4.0 for i in range(6) if i != n % 6}
    return table


def test_a_new_user_is_folded_in_from_their_current_weights():
    model = AlsRecommender(None, lambda: datetime.now(UTC), factors=4, iterations=10)
    model.fit(tastes())

    found = model.scores("newcomer", {"a-0": 4.0, "a-1": 4.0}, 6)

    assert {uid[0] for uid in list(found)[:4]} == {"a"}
    assert model.scores("newcomer", {"unknown": 1.0}, 6) == {}


def test_another_process_loads_the_stored_model_once_its_version_changes():
    store = MemoryStore()
    trainer = AlsRecommender(store, lambda: datetime.now(UTC), factors=4, iterations=10)
    server = AlsRecommender(store, lambda: datetime.now(UTC), check_every=0)
    assert server.scores("u", {"b-0": 4.0}, 3) == {}  # nothing trained yet

    version = trainer.fit(tastes())

    assert server.version == version and store.latest() == version
    assert (
        list(server.scores("u", {"b-0": 4.0, "b-1": 4.0}, 6))[:4]
        == list(trainer.scores("u", {"b-0": 4.0, "b-1": 4.0}, 6))[:4]
    )


def test_the_seasonal_calendar_knows_produce_by_spanish_or_english_name():
    calendar = SeasonalCalendar(data_pack_dir())

    assert calendar.in_season("Aguacate", 7) is True  # all year
    assert calendar.in_season("avocado", 1) is True
    assert calendar.in_season("Mandarinas", 11) is True
    assert calendar.in_season("mandarina", 7) is False
    assert calendar.in_season("Tornillos de acero", 5) is None
