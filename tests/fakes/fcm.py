"""A local fake of the FCM v1 HTTP endpoint (TESTING_INTEGRATIONS.md §2, seam (b)): a werkzeug
server on 127.0.0.1 that firebase-admin's messaging is pointed at through
`messaging._MessagingService.FCM_URL`. It answers per token, by the token's prefix:
- `gone-`: 404 UNREGISTERED; `bad-`: 400 INVALID_ARGUMENT (both to be pruned);
- `busy<n>-`: 429 QUOTA_EXCEEDED the first n times, then success; `down-`: 503 always;
- anything else: success. Every request body is recorded in `requests`.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import firebase_admin
import google.auth.credentials
import pytest
from firebase_admin import credentials, messaging
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

PROJECT = "demo-zerowaste"
FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError"


class AnonCred(credentials.Base):  # type: ignore[misc]
    def get_credential(self) -> google.auth.credentials.Credentials:
        return google.auth.credentials.AnonymousCredentials()  # type: ignore[no-untyped-call]


def _error(code: int, status: str, fcm_code: str) -> Response:
    body = {
        "error": {
            "code": code,
            "message": fcm_code,
            "status": status,
            "details": [{"@type": FCM_ERROR, "errorCode": fcm_code}],
        }
    }
    return Response(json.dumps(body), status=code, content_type="application/json")


@dataclass
class FakeFcm:
    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)
    seen: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def tokens(self) -> list[str]:
        return [r["message"]["token"] for r in self.requests]

    def answer(self, request: Request) -> Response:
        body = request.get_json()
        token = body["message"]["token"]
        with self.lock:
            self.requests.append(body)
            self.seen[token] += 1
            times = self.seen[token]
        busy = re.match(r"busy(\d+)-", token)
        if token.startswith("gone-"):
            return _error(404, "NOT_FOUND", "UNREGISTERED")
        if token.startswith("bad-"):
            return _error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT")
        if token.startswith("down-"):
            return _error(503, "UNAVAILABLE", "UNAVAILABLE")
        if busy and times <= int(busy.group(1)):
            return _error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED")
        name = {"name": f"projects/{PROJECT}/messages/{uuid.uuid4().hex}"}
        return Response(json.dumps(name), content_type="application/json")


@pytest.fixture
def fake_fcm(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeFcm]:
    holder: list[FakeFcm] = []

    @Request.application
    def wsgi(request: Request) -> Response:
        return holder[0].answer(request)

    server = make_server("127.0.0.1", 0, wsgi, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    holder.append(FakeFcm(f"{base}/v1/projects/{PROJECT}/messages:send"))
    monkeypatch.setattr(
        messaging._MessagingService, "FCM_URL", base + "/v1/projects/{0}/messages:send"
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield holder[0]
    server.shutdown()
    thread.join(5)


@pytest.fixture
def firebase_app() -> Iterator[firebase_admin.App]:
    """A named app per test (services are cached per app), anonymous: no OAuth token fetch."""
    app = firebase_admin.initialize_app(
        AnonCred(), {"projectId": PROJECT}, name=f"fcm-test-{uuid.uuid4().hex}"
    )
    yield app
    firebase_admin.delete_app(app)
