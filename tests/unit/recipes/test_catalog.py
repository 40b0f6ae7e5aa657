"""The public catalog's decoded copy: one decode per process and version, however many threads
ask at once on a cold process; a new version is decoded again."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from zerowaste.application.recipes.catalog import PublicCatalog

pytestmark = pytest.mark.unit


class SlowCatalog:
    """A recipe repository whose decode takes a while and is counted."""

    def __init__(self) -> None:
        self.version = "v1"
        self.decodes = 0

    def catalog_version(self) -> str:
        return self.version

    def catalog(self, limit: int) -> list[Any]:
        self.decodes += 1
        time.sleep(0.05)
        return [f"{self.version}-recipe"]


class Uow:
    def __init__(self, recipes: SlowCatalog) -> None:
        self.recipes = recipes


def test_threads_on_a_cold_process_share_one_decode_and_a_new_version_is_decoded():
    repository = SlowCatalog()
    public = PublicCatalog()
    got: list[list[Any]] = []

    def ask() -> None:
        got.append(public.recipes(Uow(repository)))  # type: ignore[arg-type]

    threads = [threading.Thread(target=ask) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert repository.decodes == 1 and len(got) == 16
    assert all(copy is got[0] for copy in got)  # one copy in memory, not one per thread
    repository.version = "v2"
    assert public.recipes(Uow(repository)) == ["v2-recipe"]  # type: ignore[arg-type]
    assert repository.decodes == 2
