"""The fake FCM endpoint and a firebase-admin app per test (tests/fakes/fcm.py), and the whole
app on SQLite and MariaDB with a frozen clock and the real FCM sender pointed at the fake (a
test module may override `clock` or `app`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import firebase_admin
import pytest

from tests.conftest import make_settings
from tests.fakes import FixedClock
from tests.fakes.fcm import FakeFcm, fake_fcm, firebase_app
from zerowaste.infrastructure.notifications.fcm import FcmPushSender

__all__ = ["fake_fcm", "firebase_app"]

# Thursday 15 Jan 2026, 07:30 UTC: 08:30 in Madrid (CET), 01:30 in Mexico City (UTC-6)
START = datetime(2026, 1, 15, 7, 30, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def app(
    tmp_path: Path,
    db_url: str,
    clock: FixedClock,
    fake_fcm: FakeFcm,
    firebase_app: firebase_admin.App,
) -> Iterator[Any]:
    from zerowaste.bootstrap import create_app

    sender = FcmPushSender(firebase_app, sleep=lambda _: None)
    application = create_app(
        make_settings(tmp_path, database_url=db_url), clock=clock, push_sender=sender
    )
    yield application
    application.extensions["zerowaste.engine"].dispose()
