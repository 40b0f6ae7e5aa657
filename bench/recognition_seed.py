"""Seeding for bench/recognition.py: receipts uploaded through the public API, as the client
uploads a photo before recognising it (row 6), one distinct photo per request planned."""

from __future__ import annotations

import json
import math
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from seed import SeedContext
from tests.integration.ai.local import pictures
from tests.integration.ai.local.test_vision import TICKET


def call(url: str, token: str, data: bytes | None = None, ctype: str = "") -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} | ({"Content-Type": ctype} if ctype else {})
    request = urllib.request.Request(url, data=data, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        body: dict[str, Any] = json.loads(response.read())
        return body


def receipt(number: int) -> bytes:
    """The test receipt with a ticket number of its own: a new photo, so every job really runs
    OCR (the AI gateway answers a photo it has seen before from its cache, in ~0.1 s)."""
    lines = [*TICKET]
    lines[1] = f"{lines[1]} T{number:06d}"
    return pictures.encode(pictures.receipt(lines))


class Receipts:
    """Distinct receipts uploaded by the seeded users in turn (multipart, as the client does)."""

    def __init__(self, context: SeedContext) -> None:
        self.context = context
        self.uploaded = 0

    def upload(self, count: int, name: str) -> Path:
        """`count` new uploads, one "token image_path" line each, users interleaved: wrk
        replays the lines round-robin, so no photo is sent twice while count lasts."""
        first, self.uploaded = self.uploaded, self.uploaded + count
        with ThreadPoolExecutor(max_workers=4) as pool:
            lines = list(pool.map(self._one, range(first, first + count)))
        path = self.context.directory / f"uploads-{name}.txt"
        path.write_text("".join(lines))
        return path

    def _one(self, number: int) -> str:
        user = self.context.users[number % len(self.context.users)]
        boundary = uuid.uuid4().hex
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="item_name"\r\n\r\n'
            f'ticket\r\n--{boundary}\r\nContent-Disposition: form-data; name="image"; '
            'filename="ticket.png"\r\nContent-Type: image/png\r\n\r\n'
        )
        body = head.encode() + receipt(number) + f"\r\n--{boundary}--\r\n".encode()
        reply = call(
            f"{self.context.base_url}/api/image_management/upload_image",
            user["access_token"],
            body,
            f"multipart/form-data; boundary={boundary}",
        )
        return f"{user['access_token']} {reply['image']['image_path']}\n"


def planned(users: int, think_ms: int, seconds: int) -> int:
    """Uploads enough for a paced run: its expected requests and a quarter more."""
    return math.ceil(1.25 * users * seconds * 1000 / max(think_ms, 1)) + users
