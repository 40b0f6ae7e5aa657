"""A web site on 127.0.0.1 for the scraping tests (no test reaches the internet): routes are
set per test, every request is recorded (path, User-Agent, time), and a route may answer a
sequence of replies (429 then 200 ...)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes | str = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True  # False: the body ends when the connection closes
    delay: float = 0.0  # seconds before answering (a slow site)


@dataclass(frozen=True)
class Seen:
    path: str
    user_agent: str
    at: float


class FakeSite:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.routes: dict[str, list[Reply]] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self.port = 0

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, *replies: Reply) -> None:
        """Answer `path` with these replies in turn, the last one for ever after."""
        self.routes[path] = list(replies)

    def page(self, path: str, html: str) -> None:
        self.serve(path, Reply(body=html))

    def requests(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def _answer(self, path: str, agent: str) -> Reply:
        with self._lock:
            self.seen.append(Seen(path, agent, time.monotonic()))
            replies = self.routes.get(path)
            if not replies:
                return Reply(404, b"not found", "text/plain")
            return replies.pop(0) if len(replies) > 1 else replies[0]


def _handler(site: FakeSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            reply = site._answer(self.path, self.headers.get("User-Agent", ""))
            time.sleep(reply.delay)
            body = reply.body.encode() if isinstance(reply.body, str) else reply.body
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.send_length and "Content-Length" not in reply.headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up on a slow reply (the timeout tests) is expected


@contextmanager
def fake_site(host: str = "127.0.0.1") -> Iterator[FakeSite]:
    site = FakeSite(host)
    server = _Server((host, 0), _handler(site))
    site.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
