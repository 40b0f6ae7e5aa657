"""The outage log says when Redis went away and when it came back, not once per call."""

from __future__ import annotations

import logging

import pytest

from zerowaste.infrastructure.redis_client import OutageLog

pytestmark = pytest.mark.unit


def test_an_outage_is_logged_once_when_it_starts_and_once_when_it_ends(caplog):
    outage = OutageLog("redis")
    caplog.set_level(logging.WARNING, logger="zerowaste.infrastructure.redis_client")

    outage.answered()
    for _ in range(50):
        outage.failed("cache get", ConnectionError("refused"))
    down = outage.down
    for _ in range(50):
        outage.answered()
    outage.failed("cache set", ConnectionError("refused again"))

    messages = [r.getMessage() for r in caplog.records]
    assert down and outage.down
    assert len(messages) == 3
    assert "unavailable (cache get): refused" in messages[0]
    assert "answers again" in messages[1]
    assert "refused again" in messages[2]
