"""A fake of the Google Cloud Storage JSON API (and Firebase download URLs) on 127.0.0.1.

google-cloud-storage sends every call to STORAGE_EMULATOR_HOST when it is set, so the real
firebase-admin / google-cloud-storage code runs against this werkzeug server: multipart and
resumable uploads, media downloads, the OAuth token endpoint named in a service-account JSON,
V4 signed-URL reads (the RSA signature is checked with the service account's public key) and
Firebase download-token reads.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import google_crc32c
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from tests.fakes import firebase as ft

BUCKET = "demo-zerowaste.appspot.com"


class FakeGcs:
    """The parts of the GCS JSON API and Firebase download URLs the store uses."""

    def __init__(self) -> None:
        self.objects: dict[str, dict[str, Any]] = {}
        self.pending: dict[str, dict[str, Any]] = {}
        self.calls: list[tuple[str, str, str, str | None]] = []
        self.fail_with: int | None = None
        self.fail_prefix = "/"
        self.base = ""

    def __call__(self, environ: Any, start_response: Any) -> Any:
        request = Request(environ)
        self.calls.append(
            (
                request.method,
                request.path,
                request.args.get("uploadType", ""),
                request.headers.get("Authorization"),
            )
        )
        failing = self.fail_with and request.path.startswith(self.fail_prefix)
        response = self._fail() if failing else self._route(request)
        return response(environ, start_response)

    def _route(self, req: Request) -> Response:
        path = req.path
        if path == "/token" and req.method == "POST":
            return _json(
                {"access_token": "fake-access-token", "token_type": "Bearer", "expires_in": 3600}
            )
        if path == f"/upload/storage/v1/b/{BUCKET}/o":
            return self._upload(req)
        if path == f"/storage/v1/b/{BUCKET}/o" and req.method == "GET":
            prefix = req.args.get("prefix", "")
            items = [o["resource"] for name, o in self.objects.items() if name.startswith(prefix)]
            return _json({"kind": "storage#objects", "items": items})
        deleted = re.fullmatch(rf"/storage/v1/b/{re.escape(BUCKET)}/o/(.+)", path)
        if deleted and req.method == "DELETE":
            if self.objects.pop(deleted[1], None) is None:
                return _json({"error": {"code": 404, "message": "No such object"}}, 404)
            return Response(status=204)
        for pattern in (
            rf"/download/storage/v1/b/{re.escape(BUCKET)}/o/(.+)",
            rf"/v0/b/{re.escape(BUCKET)}/o/(.+)",
        ):
            match = re.fullmatch(pattern, path)
            if match and req.method == "GET":
                return self._media(match[1], req, token_required=path.startswith("/v0/"))
        if path.startswith(f"/{BUCKET}/") and req.method == "GET":
            if not _v4_signature_valid(req, urlsplit(self.base).netloc):
                return _json({"error": {"code": 403, "message": "SignatureDoesNotMatch"}}, 403)
            return self._media(path[len(BUCKET) + 2 :], req, token_required=False)
        return _json({"error": {"code": 404, "message": "Not Found"}}, 404)

    def _upload(self, req: Request) -> Response:
        kind = req.args.get("uploadType")
        if req.method == "POST" and kind == "multipart":
            metadata, content_type, data = _split_multipart(req)
            return self._store(metadata, content_type, data)
        if req.method == "POST" and kind == "resumable":
            upload_id = uuid.uuid4().hex
            self.pending[upload_id] = req.get_json()
            location = f"{self.base}{req.path}?uploadType=resumable&upload_id={upload_id}"
            return Response(status=200, headers={"Location": location})
        if req.method == "PUT" and kind == "resumable":
            metadata = self.pending.pop(req.args["upload_id"])
            return self._store(metadata, metadata.get("contentType"), req.get_data())
        return _json({"error": {"code": 400, "message": "unsupported upload"}}, 400)

    def _store(self, metadata: dict[str, Any], content_type: str | None, data: bytes) -> Response:
        resource = {
            **metadata,
            "kind": "storage#object",
            "bucket": BUCKET,
            "contentType": metadata.get("contentType", content_type),
            "size": str(len(data)),
            "generation": "1",
            "md5Hash": base64.b64encode(hashlib.md5(data).digest()).decode(),
            "crc32c": _crc32c(data),
        }
        self.objects[metadata["name"]] = {"resource": resource, "data": data}
        return _json(resource)

    def _media(self, name: str, req: Request, *, token_required: bool) -> Response:
        stored = self.objects.get(name)
        if stored is None:
            return _json({"error": {"code": 404, "message": "No such object"}}, 404)
        if token_required:
            tokens = (stored["resource"].get("metadata") or {}).get("firebaseStorageDownloadTokens")
            if req.args.get("alt") != "media" or req.args.get("token") != tokens:
                return _json({"error": {"code": 403, "message": "Permission denied"}}, 403)
        response = Response(stored["data"], content_type=stored["resource"]["contentType"])
        response.headers["X-Goog-Hash"] = (
            f"crc32c={stored['resource']['crc32c']},md5={stored['resource']['md5Hash']}"
        )
        return response

    def _fail(self) -> Response:
        return _json(
            {"error": {"code": self.fail_with, "message": "backend error"}}, self.fail_with or 500
        )


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, content_type="application/json")


def _crc32c(data: bytes) -> str:
    return base64.b64encode(struct.pack(">I", google_crc32c.value(data))).decode()


def _split_multipart(req: Request) -> tuple[dict[str, Any], str, bytes]:
    """multipart/related: a JSON metadata part, then the media part."""
    delimiter = b"--" + req.mimetype_params["boundary"].encode()
    parts = req.get_data().split(delimiter)[1:3]
    decoded = []
    for part in parts:
        head, _, body = part.lstrip(b"\r\n").partition(b"\r\n\r\n")
        decoded.append((head.decode(), body[:-2] if body.endswith(b"\r\n") else body))
    content_type = decoded[1][0].split(":", 1)[1].strip()
    return json.loads(decoded[0][1]), content_type, decoded[1][1]


def _v4_signature_valid(req: Request, host: str) -> bool:
    """Rebuild the V4 string-to-sign from the received URL and check it with the SA's key."""
    args = req.args
    signature = args.get("X-Goog-Signature", "")
    params = sorted(
        f"{quote(k, safe='~')}={quote(v, safe='~')}"
        for k, v in args.items(multi=True)
        if k != "X-Goog-Signature"
    )
    canonical = "\n".join(
        [
            "GET",
            quote(req.path, safe="/~"),
            "&".join(params),
            f"host:{host}\n",
            "host",
            "UNSIGNED-PAYLOAD",
        ]
    )
    scope = args.get("X-Goog-Credential", "").split("/", 1)[-1]
    to_sign = "\n".join(
        [
            "GOOG4-RSA-SHA256",
            args.get("X-Goog-Date", ""),
            scope,
            hashlib.sha256(canonical.encode()).hexdigest(),
        ]
    )
    public_key = serialization.load_pem_private_key(ft.google_key().private_pem, None).public_key()
    try:
        public_key.verify(
            bytes.fromhex(signature), to_sign.encode(), padding.PKCS1v15(), hashes.SHA256()
        )
    except Exception:  # noqa: BLE001 - any failure means "not signed by our key"
        return False
    return True


@contextmanager
def running_fake_gcs() -> Iterator[FakeGcs]:
    fake = FakeGcs()
    server = make_server("127.0.0.1", 0, fake, threaded=True)
    fake.base = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        thread.join(timeout=5)


def service_account_file(directory: Path, gcs: FakeGcs) -> str:
    """A service-account JSON with the test key whose token endpoint is the fake."""
    info = {
        "type": "service_account",
        "project_id": ft.PROJECT,
        "private_key_id": "sa-key-1",
        "private_key": ft.google_key().private_pem.decode(),
        "client_email": f"firebase-adminsdk@{ft.PROJECT}.iam.gserviceaccount.com",
        "client_id": "1234567890",
        "token_uri": f"{gcs.base}/token",
    }
    path = directory / "service-account.json"
    path.write_text(json.dumps(info))
    return str(path)
