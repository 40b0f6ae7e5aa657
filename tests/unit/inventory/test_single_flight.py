"""Concurrent requests for a rendering that is being built share that build (issue #7 §3)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from zerowaste.interface.http.inventory.rendered import SingleFlight

pytestmark = pytest.mark.unit


def _burst(flight: SingleFlight, key: str, build, callers: int = 10) -> list[object]:
    barrier = threading.Barrier(callers)

    def call() -> object:
        barrier.wait()
        try:
            return flight.run(key, build)
        except RuntimeError as error:
            return error

    with ThreadPoolExecutor(max_workers=callers) as pool:
        return list(pool.map(lambda _: call(), range(callers)))


def test_a_burst_of_callers_builds_once_and_all_get_the_body():
    flight, builds = SingleFlight(), []

    def build() -> bytes:
        builds.append(1)
        time.sleep(0.2)  # long enough for every caller to arrive while it runs
        return b"[1,2,3]"

    results = _burst(flight, "inv:u1:render:list:v7", build)

    assert builds == [1] and results == [b"[1,2,3]"] * 10


def test_a_failed_build_fails_every_waiter_and_the_next_call_builds_again():
    flight, calls = SingleFlight(), []

    def failing() -> bytes:
        calls.append(1)
        time.sleep(0.2)
        raise RuntimeError("database down")

    results = _burst(flight, "k", failing)

    assert len(calls) == 1 and all(isinstance(r, RuntimeError) for r in results)
    assert flight.run("k", lambda: b"ok") == b"ok"


def test_different_keys_build_separately():
    flight = SingleFlight()

    assert flight.run("inv:u1:v1", lambda: b"one") == b"one"
    assert flight.run("inv:u1:v2", lambda: b"two") == b"two"
