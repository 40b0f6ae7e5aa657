"""The FCM adapter with the real firebase-admin client against the local fake FCM endpoint:
payload, batches of at most `batch_size` tokens, unregistered/invalid tokens reported for
pruning, 429/503 retried with backoff (then counted failed)."""

from __future__ import annotations

from typing import Any

import firebase_admin
import pytest
from firebase_admin import _http_client

from tests.fakes.fcm import FakeFcm
from zerowaste.application.notifications.ports import PushMessage
from zerowaste.infrastructure.notifications import fcm
from zerowaste.infrastructure.notifications.fcm import FcmPushSender

pytestmark = pytest.mark.integration
MESSAGE = PushMessage("Tus imágenes están listas", "Listas: pan", {"type": "images_ready"})


def _sender(app: firebase_admin.App, waits: list[float], **kwargs: Any) -> FcmPushSender:
    return FcmPushSender(app, sleep=waits.append, backoff=0.01, **kwargs)


def test_a_message_reaches_every_device_with_its_payload(
    fake_fcm: FakeFcm, firebase_app: firebase_admin.App
) -> None:
    result = _sender(firebase_app, []).send(["dev-1", "dev-2", "dev-1"], MESSAGE)
    assert (result.sent, result.failed, result.invalid_tokens) == (2, 0, [])
    assert sorted(fake_fcm.tokens()) == ["dev-1", "dev-2"]
    sent = fake_fcm.requests[0]["message"]
    assert sent["notification"] == {"title": "Tus imágenes están listas", "body": "Listas: pan"}
    assert sent["data"] == {"type": "images_ready"}
    assert sent["android"] == {"priority": "high"}


def test_unregistered_and_invalid_tokens_are_reported_for_pruning(
    fake_fcm: FakeFcm, firebase_app: firebase_admin.App
) -> None:
    result = _sender(firebase_app, []).send(["gone-1", "ok-1", "bad-1"], MESSAGE)
    assert result.sent == 1 and result.failed == 0
    assert sorted(result.invalid_tokens) == ["bad-1", "gone-1"]
    assert fake_fcm.seen["gone-1"] == 1  # never retried


def test_tokens_go_in_batches_of_at_most_the_batch_size(
    fake_fcm: FakeFcm, firebase_app: firebase_admin.App, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes: list[int] = []
    real = fcm.messaging.send_each_for_multicast

    def counting(message: Any, app: Any = None) -> Any:
        sizes.append(len(message.tokens))
        return real(message, app=app)

    monkeypatch.setattr(fcm.messaging, "send_each_for_multicast", counting)
    tokens = [f"dev-{i}" for i in range(7)]
    result = _sender(firebase_app, [], batch_size=3).send(tokens, MESSAGE)
    assert sizes == [3, 3, 1] and result.sent == 7
    assert sorted(fake_fcm.tokens()) == sorted(tokens)


def test_the_batch_size_cannot_exceed_fcms_500(firebase_app: firebase_admin.App) -> None:
    assert fcm.BATCH_SIZE == 500
    with pytest.raises(ValueError, match="batch_size"):
        FcmPushSender(firebase_app, batch_size=501)


def test_throttled_tokens_are_retried_with_growing_waits(
    fake_fcm: FakeFcm, firebase_app: firebase_admin.App
) -> None:
    waits: list[float] = []
    result = _sender(firebase_app, waits).send(["busy2-a", "ok-b"], MESSAGE)
    assert (result.sent, result.failed) == (2, 0)
    assert fake_fcm.seen["busy2-a"] == 3 and fake_fcm.seen["ok-b"] == 1  # only the throttled one
    assert len(waits) == 2 and waits[1] > waits[0] * 1.0 and all(w > 0 for w in waits)


def test_a_token_failing_every_attempt_counts_as_failed(
    fake_fcm: FakeFcm, firebase_app: firebase_admin.App, monkeypatch: pytest.MonkeyPatch
) -> None:
    # firebase-admin's transport retries 500/503 itself (4 times, 0.5 s backoff): no waits here
    transport = _http_client.DEFAULT_RETRY_CONFIG
    monkeypatch.setattr(transport, "backoff_factor", 0)
    waits: list[float] = []
    result = _sender(firebase_app, waits, attempts=2).send(["down-a", "ok-b"], MESSAGE)
    assert (result.sent, result.failed, result.invalid_tokens) == (1, 1, [])
    assert fake_fcm.seen["down-a"] == 2 * (1 + transport.status) and len(waits) == 1
    assert fake_fcm.seen["ok-b"] == 1
