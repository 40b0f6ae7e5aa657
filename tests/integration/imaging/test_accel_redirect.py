"""Nginx (nginx.conf as `make stack` renders it) in front of the app with
ZW_ACCEL_REDIRECT_PREFIX: the API checks the signed URL and Nginx sends the stored file, with
the API's Content-Type and Cache-Control; /protected-uploads/ itself is not reachable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from werkzeug.serving import make_server

from tests.api.conftest import bearer, signup
from tests.conftest import make_settings
from tests.images import picture, post
from tests.served import free_port
from zerowaste.bootstrap import create_app

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed"),
]
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def var_dir() -> Iterator[Path]:
    """Outside pytest's 0700 tmp tree: Nginx's workers (`nobody` under root) read the files."""
    path = Path(tempfile.mkdtemp(prefix="zw-accel-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def stack(var_dir: Path, sqlite_url: str) -> Iterator[tuple[Any, str]]:
    """The app served on a thread, Nginx in front; yields (test client, Nginx base URL)."""
    settings = make_settings(
        var_dir, database_url=sqlite_url, accel_redirect_prefix="/protected-uploads/"
    )
    app = create_app(settings)
    (var_dir / "files").mkdir(mode=0o755)
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    nginx, base = _nginx(var_dir / "nginx", f"127.0.0.1:{server.server_port}", var_dir / "files")
    try:
        yield app.test_client(), base
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        server.shutdown()
        app.extensions["zerowaste.engine"].dispose()


def _nginx(run_dir: Path, upstream: str, files: Path) -> tuple[subprocess.Popen[bytes], str]:
    sys.path.insert(0, str(ROOT / "deploy"))
    import nginx_local

    nginx_local.prepare_run_dir(run_dir)
    listen = f"127.0.0.1:{free_port()}"
    conf = run_dir / "nginx.conf"
    text = nginx_local.render(
        (ROOT / "nginx.conf").read_text(), listen, upstream, run_dir, files_dir=files
    )
    conf.write_text(text)
    process = subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"])
    base = f"http://{listen}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/nginx-health", timeout=1).close()
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    pytest.fail(f"nginx did not start: {(run_dir / 'error.log').read_text()[-2000:]}")


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_nginx_sends_the_file_and_the_variant_the_api_signed(stack, var_dir):
    client, base = stack
    headers = bearer(signup(client)["access_token"])
    image = post(client, headers, picture("JPEG", (600, 400)), "p.jpg").json["image"]
    parts = urlsplit(image["image_path"])
    signed = f"{base}{parts.path}?{parts.query}"
    stored = (var_dir / "files" / image["storage_path"]).read_bytes()

    status, got, body = _get(signed)
    assert (status, body) == (200, stored)
    assert got["Content-Type"] == "image/jpeg"
    assert got["Cache-Control"].startswith("private")

    status, got, body = _get(f"{signed}&variant=thumb_256.webp")
    folder = var_dir / "files" / image["storage_path"].rsplit(".", 1)[0]
    assert (status, body) == (200, (folder / "thumb_256.webp").read_bytes())
    assert got["Content-Type"] == "image/webp"
    assert got["Cache-Control"] == "public, max-age=31536000, immutable"

    forged, _, _ = _get(signed.replace("signature=", "signature=x"))
    direct, _, _ = _get(f"{base}/protected-uploads/{image['storage_path']}")
    assert (forged, direct) == (403, 404)
    os.remove(folder / "thumb_512.webp")
    status, _, body = _get(f"{signed}&variant=thumb_512.webp")
    assert status == 404 and b"file_not_found" in body
