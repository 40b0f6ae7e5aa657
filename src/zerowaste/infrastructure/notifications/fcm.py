"""Push notifications through Firebase Cloud Messaging (firebase-admin), behind `PushSender`.

`send_each_for_multicast` takes at most 500 tokens, so the tokens go in batches of BATCH_SIZE.
Per token, FCM answers one of:
- success;
- unregistered (404 UNREGISTERED), sender mismatch or an invalid token (400 INVALID_ARGUMENT):
  the token is reported back to be pruned from the subscriptions;
- 429 (quota) or 5xx (internal, unavailable): the token is tried again, alone with the other
  throttled ones, after an exponential backoff with jitter, up to `attempts` times in all;
- anything else (auth, payload): counted as failed, logged.
firebase-admin's transport already retries 500/503 (4 times, exponential from 0.5 s) inside
each call; a token still answering 5xx, or 429 (which firebase-admin does not retry), is retried
here. `send_each_for_multicast` opens one thread per token of a batch (firebase-admin 7.7).
"""

from __future__ import annotations

import logging
import random
import time
import uuid
import warnings
from collections.abc import Callable, Sequence

import firebase_admin
from firebase_admin import exceptions, messaging

from zerowaste.application.notifications.ports import PushMessage, PushResult
from zerowaste.config import Settings
from zerowaste.infrastructure.accounts.firebase import _credential

log = logging.getLogger(__name__)

BATCH_SIZE = 500  # FCM's limit per send_each_for_multicast
HTTP_TIMEOUT_SECONDS = 10
PRUNE = (
    messaging.UnregisteredError,
    messaging.SenderIdMismatchError,
    exceptions.InvalidArgumentError,
)
RETRY = (
    messaging.QuotaExceededError,
    exceptions.ResourceExhaustedError,
    exceptions.InternalError,
    exceptions.UnavailableError,
)


class FcmPushSender:
    def __init__(
        self,
        app: firebase_admin.App,
        *,
        batch_size: int = BATCH_SIZE,
        attempts: int = 4,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not 1 <= batch_size <= BATCH_SIZE:
            raise ValueError(f"batch_size must be 1..{BATCH_SIZE}")
        self._app = app
        self._batch_size = batch_size
        self._attempts = attempts
        self._backoff = backoff
        self._sleep = sleep

    @classmethod
    def from_settings(cls, settings: Settings) -> FcmPushSender:
        app = firebase_admin.initialize_app(
            _credential(settings.firebase_credentials),
            {"projectId": settings.firebase_project_id, "httpTimeout": HTTP_TIMEOUT_SECONDS},
            name=f"zerowaste-fcm-{uuid.uuid4().hex}",
        )
        return cls(app)

    def close(self) -> None:
        firebase_admin.delete_app(self._app)

    def send(self, tokens: Sequence[str], message: PushMessage) -> PushResult:
        sent = failed = 0
        invalid: list[str] = []
        unique = list(dict.fromkeys(tokens))
        for start in range(0, len(unique), self._batch_size):
            batch = unique[start : start + self._batch_size]
            ok, bad, gone = self._send_batch(batch, message)
            sent, failed = sent + ok, failed + bad
            invalid.extend(gone)
        return PushResult(sent, failed, invalid)

    def _send_batch(self, tokens: list[str], message: PushMessage) -> tuple[int, int, list[str]]:
        sent = failed = 0
        invalid: list[str] = []
        pending = tokens
        for attempt in range(self._attempts):
            if attempt:
                self._sleep(self._backoff * 2 ** (attempt - 1) * (0.5 + random.random() / 2))
            answer = messaging.send_each_for_multicast(_multicast(pending, message), app=self._app)
            retry: list[str] = []
            for token, response in zip(pending, answer.responses, strict=True):
                error = response.exception
                if response.success:
                    sent += 1
                elif isinstance(error, PRUNE):
                    invalid.append(token)
                elif isinstance(error, RETRY):
                    retry.append(token)
                else:
                    failed += 1
                    log.warning("FCM refused a message: %s", error)
            if not retry:
                break
            log.info("FCM throttled or failed %d tokens: retry %d", len(retry), attempt + 1)
            pending = retry
        else:
            failed += len(pending)
        return sent, failed, invalid


def _multicast(tokens: list[str], message: PushMessage) -> messaging.MulticastMessage:
    with warnings.catch_warnings():
        # 7.7 deprecates `tokens` for Installation IDs (`fids`); the app sends FCM
        # registration tokens, which the v1 API still takes as `token`.
        warnings.simplefilter("ignore", DeprecationWarning)
        return messaging.MulticastMessage(
            tokens=tokens,
            notification=messaging.Notification(title=message.title, body=message.body),
            data=dict(message.data),
            android=messaging.AndroidConfig(priority="high"),
        )
