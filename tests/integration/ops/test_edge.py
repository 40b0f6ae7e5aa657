"""The edge as deployed: nginx.conf (rendered by deploy/nginx_local.py) in a real Nginx with
the API down answers JSON 502s, never HTML; the TLS snippets serve HTTPS from certificate files
with HSTS, and the redirect snippet sends plain HTTP to HTTPS.

Fault drill (issue #15 §5d, `-m faults`): with two upstreams, one killed under load, clients
keep getting 200s (Nginx retries the refused connection on the other and leaves the dead one
out, max_fails/fail_timeout); with both gone, JSON 502s at once; an upstream that accepts and
never answers gets a JSON 504 once proxy_read_timeout passes."""

from __future__ import annotations

import http.client
import json
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.integration.faults.load import Load, statuses
from tests.served import free_port

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed"),
]
ROOT = Path(__file__).resolve().parents[3]
SNIPPETS = ROOT / "deploy" / "nginx"
Reply = tuple[int, dict[str, str], bytes]


def _request(port: int, path: str, tls: bool = False, **headers: str) -> Reply:
    if tls:
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=10, context=context
        )
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers)
        reply = conn.getresponse()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    finally:
        conn.close()


def _self_signed(directory: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(directory / "privkey.pem"),
         "-out", str(directory / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip


def _edge_dir(tmp_path: Path, variant: str, tls_port: int) -> Path:
    """deploy/nginx/<variant> with the certificate paths and 443 pointed at this test's."""
    edge = tmp_path / "edge"
    edge.mkdir()
    certs = tmp_path / "certs"
    certs.mkdir()
    _self_signed(certs)
    for snippet in (SNIPPETS / variant).glob("*.conf"):
        text = snippet.read_text().replace("/etc/nginx/tls/", f"{certs}/")
        (edge / snippet.name).write_text(
            text.replace("listen 443 ", f"listen 127.0.0.1:{tls_port} ")
        )
    return edge


@pytest.fixture
def start_nginx(tmp_path: Path) -> Iterator[object]:
    processes: list[subprocess.Popen[bytes]] = []

    def start(
        edge_dir: Path | None = None, upstreams: list[int] | None = None, read_timeout: str = ""
    ) -> int:
        """Nginx on a free port before `upstreams` (default: one port nothing listens on; given
        upstreams, the edge's per-IP rate is lifted: a drill's load comes from one IP);
        `read_timeout` replaces proxy_read_timeout (a drill need not wait 60 s for a 504)."""
        sys.path.insert(0, str(ROOT / "deploy"))
        import nginx_local

        run_dir = tmp_path / "nginx"
        nginx_local.prepare_run_dir(run_dir)
        port = free_port()
        peers = [f"127.0.0.1:{p}" for p in upstreams or [free_port()]]
        text = nginx_local.render(
            (ROOT / "nginx.conf").read_text(), f"127.0.0.1:{port}", peers, run_dir,
            edge_rate="10000r/s" if upstreams else None, edge_dir=edge_dir,
        )  # fmt: skip
        if read_timeout:
            text = text.replace("proxy_read_timeout 60s;", f"proxy_read_timeout {read_timeout};")
        conf = run_dir / "nginx.conf"
        conf.write_text(text)
        checked = subprocess.run(["nginx", "-t", "-c", str(conf)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        processes.append(subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"]))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                _request(port, "/nginx-health")
                return port
            except OSError:
                time.sleep(0.1)
        pytest.fail(f"nginx did not start: {(run_dir / 'error.log').read_text()[-2000:]}")

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def _assert_json_502(reply: Reply, request_id: str) -> None:
    status, headers, body = reply
    assert status == 502
    assert headers["content-type"].startswith("application/json")
    assert b"<html" not in body.lower()
    document = json.loads(body)
    assert document["code"] == "bad_gateway" and document["error"]
    assert document["request_id"] == headers["x-request-id"] == request_id


def test_upstream_down_answers_a_json_502_with_the_request_id(start_nginx) -> None:  # type: ignore[no-untyped-def]
    port = start_nginx()
    _assert_json_502(_request(port, "/api/inventory", **{"X-Request-ID": "edge-test-0001"}),
                     "edge-test-0001")  # fmt: skip
    status, headers, body = _request(port, "/apidocs/")
    assert status == 502 and headers["content-type"].startswith("application/json")
    assert json.loads(body)["request_id"] == headers["x-request-id"]  # minted by Nginx


def test_tls_snippet_serves_https_from_certificate_files_with_hsts(
    tmp_path: Path, start_nginx
) -> None:  # type: ignore[no-untyped-def]
    tls_port = free_port()
    port = start_nginx(_edge_dir(tmp_path, "https", tls_port))
    status, headers, body = _request(tls_port, "/nginx-health", tls=True)
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    assert headers["strict-transport-security"].startswith("max-age=63072000")
    _assert_json_502(_request(tls_port, "/api/x", tls=True, **{"X-Request-ID": "tls-test-01"}),
                     "tls-test-01")  # fmt: skip
    assert _request(port, "/nginx-health")[0] == 200  # plain HTTP still served


def test_redirect_snippet_sends_plain_http_to_https(tmp_path: Path, start_nginx) -> None:  # type: ignore[no-untyped-def]
    tls_port = free_port()
    port = start_nginx(_edge_dir(tmp_path, "https-redirect", tls_port))
    status, headers, _ = _request(port, "/api/inventory?x=1", Host="api.example.com")
    assert status == 301 and headers["location"] == "https://api.example.com/api/inventory?x=1"
    assert _request(port, "/nginx-health")[0] == 200  # the health check stays on HTTP
    assert _request(tls_port, "/nginx-health", tls=True)[0] == 200


def test_the_redirect_variant_carries_the_same_tls_settings() -> None:
    same = (SNIPPETS / "https" / "tls.conf").read_text()
    assert (SNIPPETS / "https-redirect" / "tls.conf").read_text() == same
    for line in ("ssl_protocols TLSv1.2 TLSv1.3;", "ssl_certificate /etc/nginx/tls/fullchain.pem;"):
        assert line in same


class _Upstream(BaseHTTPRequestHandler):
    """A stand-in API process: answers every GET with JSON naming itself."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = json.dumps({"served_by": self.server.server_port}).encode()  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def upstreams() -> Iterator[list[ThreadingHTTPServer]]:
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), _Upstream) for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield servers
    for server in servers:
        server.shutdown()
        server.server_close()


def _down(server: ThreadingHTTPServer) -> None:
    """The process is gone: its port refuses connections."""
    server.shutdown()
    server.server_close()


@pytest.mark.faults
@pytest.mark.xdist_group("faults")
def test_an_upstream_killed_under_load_is_skipped_and_none_left_answers_json_502(
    start_nginx, upstreams: list[ThreadingHTTPServer], record_property: Any
) -> None:  # type: ignore[no-untyped-def]
    first, second = upstreams
    port = start_nginx(upstreams=[s.server_port for s in upstreams])

    def one(_worker: int, _sequence: int) -> tuple[int, str]:
        status, _headers, body = _request(port, "/api/inventory")
        return status, body.decode()[:100] if status != 200 else ""

    with Load(one, threads=2, pause=0.01) as load:
        load.wait_for(20)
        killed = time.monotonic()
        _down(first)
        time.sleep(1.5)
    after = load.between(killed, time.monotonic())
    served_after: set[tuple[int, Any]] = set()
    for _ in range(6):
        status, _headers, body = _request(port, "/api/inventory")
        served_after.add((status, json.loads(body).get("served_by")))
    _down(second)
    began = time.monotonic()
    reply = _request(port, "/api/inventory", **{"X-Request-ID": "drill-edge-0001"})
    took = time.monotonic() - began
    figures = (
        f"Nginx drill: {len(load.answers)} requests {statuses(load.answers)}; after one of two "
        f"upstreams died {len(after)} requests {statuses(after)}; none left: "
        f"{reply[0]} {reply[1]['content-type']} in {took * 1000:.0f} ms"
    )
    record_property("drill", figures)
    assert {a.status for a in load.answers} == {200} and len(after) >= 20, figures
    assert served_after == {(200, second.server_port)}, served_after
    _assert_json_502(reply, "drill-edge-0001")
    assert took < 1.0, figures


@pytest.mark.faults
@pytest.mark.xdist_group("faults")
def test_an_upstream_that_never_answers_gets_a_json_504(start_nginx) -> None:  # type: ignore[no-untyped-def]
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # accepts (the kernel completes the handshake) and never answers
    try:
        port = start_nginx(upstreams=[silent.getsockname()[1]], read_timeout="1s")
        began = time.monotonic()
        status, headers, body = _request(port, "/api/inventory")
        took = time.monotonic() - began
    finally:
        silent.close()
    assert status == 504 and headers["content-type"].startswith("application/json")
    assert b"<html" not in body.lower()
    assert json.loads(body)["code"] == "gateway_timeout"
    assert 0.9 < took < 5, took
