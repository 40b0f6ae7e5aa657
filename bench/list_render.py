"""In-process timing of GET /api/inventory with 200 stacks: served from the rendered-list cache
(warm) and rendered again after the cache key is dropped (cold), on the embedded SQLite.

    .venv/bin/python bench/list_render.py [rounds]

CPU-bound and single-threaded: compare runs on a quiet machine (or interleave them).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).parents[1] / "src")]

from tests.conftest import make_settings  # noqa: E402
from tests.fakes import FixedClock  # noqa: E402

from zerowaste.bootstrap import create_app  # noqa: E402
from zerowaste.infrastructure.db import migrate  # noqa: E402
from zerowaste.infrastructure.db.session import make_engine  # noqa: E402

NAMES = [f"Ingrediente {i:03d}" for i in range(100)]
WARM, COLD = 300, 50


def _app(directory: Path) -> tuple[Any, FixedClock]:
    settings = make_settings(directory)
    engine = make_engine(settings)
    migrate.upgrade(engine)
    engine.dispose()
    clock = FixedClock(datetime.now(UTC).replace(microsecond=0))
    return create_app(settings, clock=clock), clock


def _timed(client: Any, headers: dict[str, str], runs: int, before: Any) -> list[float]:
    times = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        response = client.get("/api/inventory", headers=headers)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return times


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        app, clock = _app(Path(directory))
        client = app.test_client()
        signed = client.post(
            "/api/auth/signup", json={"email": "bench@example.com", "password": "x" * 12}
        ).json
        headers = {"Authorization": f"Bearer {signed['access_token']}"}
        for _ in range(2):  # 100 ingredients x 2 stacks
            lines = [{"name": n, "quantity": 2, "type_unit": "unidades"} for n in NAMES]
            client.post("/api/inventory/ingredients", json={"ingredients": lines}, headers=headers)
            clock.advance(timedelta(minutes=1))
        assert client.get("/api/inventory", headers=headers).json["total_stacks"] == 200
        cache = app.extensions["zerowaste.services"].cache
        key = f"inv:{signed['user']['uid']}"
        for _ in range(rounds):
            warm = _timed(client, headers, WARM, lambda: None)
            cold = _timed(client, headers, COLD, lambda: cache.delete(key))
            print(
                f"warm {statistics.median(warm):.2f} ms (mean {statistics.mean(warm):.2f}), "
                f"cold {statistics.median(cold):.2f} ms (mean {statistics.mean(cold):.2f})"
            )
        app.extensions["zerowaste.engine"].dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
