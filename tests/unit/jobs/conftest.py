"""One JobsWorld per test: fake store, clock and queue, and the service on them."""

from __future__ import annotations

import pytest

from tests.fakes.jobs import JobsWorld


@pytest.fixture
def world() -> JobsWorld:
    return JobsWorld()
