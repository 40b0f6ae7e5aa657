"""The polite fetcher against fake sites on 127.0.0.1 (tests/fakes/sites.py)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.fakes.sites import FakeSite, fake_site
from zerowaste.infrastructure.scrapers.fetcher import FetchPolicy, PoliteFetcher
from zerowaste.infrastructure.scrapers.guard import AddressGuard, system_resolver
from zerowaste.infrastructure.scrapers.state import MemoryHostPace, MemoryResponseCache

CONTACT = "https://zerowaste.example/bot"


@pytest.fixture
def site() -> Iterator[FakeSite]:
    with fake_site() as served:
        yield served


class Sleeps(list[float]):
    """time.sleep that also records each wait."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        time.sleep(seconds)


@pytest.fixture
def make_fetcher() -> Callable[..., tuple[PoliteFetcher, Sleeps]]:
    def make(
        *, allow_loopback: bool = True, resolver: Any = system_resolver, **policy: Any
    ) -> tuple[PoliteFetcher, Sleeps]:
        settings = {"host_interval": 0.05, "timeout": 3.0, "backoff": 0.1, **policy}
        sleeps = Sleeps()
        fetcher = PoliteFetcher(
            FetchPolicy(contact_url=CONTACT, **settings),
            AddressGuard(resolver, allow_loopback=allow_loopback),
            MemoryResponseCache(),
            MemoryHostPace(),
            sleep=sleeps,
        )
        return fetcher, sleeps

    return make
