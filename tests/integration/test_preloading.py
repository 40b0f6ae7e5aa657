"""Warm-up (zerowaste.bootstrap.preloading): with WARM_UP on, an app has loaded the SR28 tables
and its search index before its first request; off (the default outside Gunicorn), nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_settings
from zerowaste.bootstrap import preloading
from zerowaste.infrastructure.reference import sr28
from zerowaste.infrastructure.search import embedder


def _app(tmp_path: Path, sqlite_url: str, warm: bool) -> Any:
    from zerowaste.bootstrap import create_app

    return create_app(make_settings(tmp_path, database_url=sqlite_url, warm_up=warm))


@pytest.mark.parametrize("warm", [True, False])
def test_the_warm_up_loads_the_nutrition_tables_and_the_search_index(
    tmp_path: Path, sqlite_url: str, warm: bool
) -> None:
    sr28._LOADED.clear()  # process-wide: another test may have read them already
    app = _app(tmp_path, sqlite_url, warm)
    try:
        data_dir = app.extensions["zerowaste.settings"].data_dir.resolve()
        assert (data_dir in sr28._LOADED) is warm
        indexer = app.extensions["zerowaste.services"].preloads  # (name, load) pairs
        assert [name for name, _ in indexer][:2] == ["nutrition tables", "search index"]
        index = app.extensions["zerowaste.services"].search._indexer._index
        assert bool(index.version_of("catalog")) is warm  # the catalog part has its version
        assert (embedder._model is not None) or not warm
    finally:
        app.extensions["zerowaste.engine"].dispose()


def test_a_failing_preload_is_logged_and_the_app_still_starts(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    failed: list[str] = []

    def broken(self: Any) -> None:
        failed.append("called")
        raise OSError("disk gone")

    monkeypatch.setattr(sr28.Sr28Nutrition, "warm", broken)
    monkeypatch.setattr(preloading.log, "exception", lambda msg, *args: failed.append(msg % args))
    app = _app(tmp_path, sqlite_url, True)
    try:
        assert failed[0] == "called"
        assert "nutrition tables failed" in failed[1]
        assert app.test_client().get("/healthz/live").status_code == 200
    finally:
        app.extensions["zerowaste.engine"].dispose()
