"""Firebase Storage (a Google Cloud Storage bucket) behind the ImageStore port.

Chosen by the composition root when FIREBASE_PROJECT_ID and FIREBASE_STORAGE_BUCKET are set.
Credentials: the service account in FIREBASE_CREDENTIALS; else none when STORAGE_EMULATOR_HOST
points google-cloud-storage at an emulator; else Application Default Credentials.

URLs: with a service-account key (which can sign locally) a V4 signed URL valid for the TTL
(7 days). Credentials that cannot sign (Application Default on Cloud Run/GCE) get the Firebase
download URL instead: every object is uploaded with a `firebaseStorageDownloadTokens` value, an
HMAC of its key, so that URL is unguessable but does not expire.
"""

from __future__ import annotations

import logging
import os
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import firebase_admin
import google.api_core.exceptions
import google.auth.credentials
import google.auth.exceptions
import requests
from firebase_admin import credentials, storage
from google.cloud.storage.retry import DEFAULT_RETRY

from zerowaste.application.ports.storage import UrlSigner
from zerowaste.config import ConfigError, Settings
from zerowaste.domain.images import is_valid_key
from zerowaste.domain.shared.errors import UpstreamUnavailable
from zerowaste.infrastructure.accounts.firebase import AnonymousCredential

log = logging.getLogger(__name__)

EMULATOR_ENV = "STORAGE_EMULATOR_HOST"  # read by google-cloud-storage itself
DOWNLOAD_HOST = "https://firebasestorage.googleapis.com"
TIMEOUT_SECONDS = 15
RETRY = DEFAULT_RETRY.with_timeout(30.0)
_TRANSPORT_ERRORS = (
    google.api_core.exceptions.GoogleAPIError,
    google.auth.exceptions.GoogleAuthError,
    requests.RequestException,
)


class FirebaseImageStore:
    def __init__(self, settings: Settings, signer: UrlSigner, *, retry: Any = RETRY) -> None:
        bucket_name = settings.firebase_storage_bucket
        if not (settings.firebase_project_id and bucket_name):
            raise ConfigError("FIREBASE_PROJECT_ID and FIREBASE_STORAGE_BUCKET are required")
        credential = _credential(settings.firebase_credentials)
        self._app = firebase_admin.initialize_app(
            credential,
            {"projectId": settings.firebase_project_id, "storageBucket": bucket_name},
            name=f"zerowaste-storage-{uuid.uuid4().hex}",
        )
        try:
            self._bucket = storage.bucket(app=self._app)
            google_credential = credential.get_credential()
        except google.auth.exceptions.DefaultCredentialsError as exc:
            firebase_admin.delete_app(self._app)
            raise ConfigError(
                "Firebase Storage needs FIREBASE_CREDENTIALS or Application Default Credentials"
            ) from exc
        self._can_sign = isinstance(google_credential, google.auth.credentials.Signing)
        self._signer = signer
        self._retry = retry

    @property
    def signs_urls(self) -> bool:
        return self._can_sign

    def save(self, key: str, data: bytes, content_type: str) -> None:
        blob = self._bucket.blob(key)
        blob.metadata = {"firebaseStorageDownloadTokens": self._signer.token(key)}
        blob.cache_control = "private, max-age=604800"
        self._call(
            blob.upload_from_string, data, content_type=content_type, timeout=TIMEOUT_SECONDS
        )

    def url(self, key: str, ttl: timedelta) -> str:
        if self._can_sign:
            blob = self._bucket.blob(key)
            return str(blob.generate_signed_url(version="v4", expiration=ttl, method="GET"))
        base = os.environ.get(EMULATOR_ENV) or DOWNLOAD_HOST
        token = self._signer.token(key)
        return f"{base}/v0/b/{self._bucket.name}/o/{quote(key, safe='')}?alt=media&token={token}"

    def open(self, key: str) -> bytes | None:
        if not is_valid_key(key):
            return None
        try:
            return bytes(
                self._call(self._bucket.blob(key).download_as_bytes, timeout=TIMEOUT_SECONDS)
            )
        except google.api_core.exceptions.NotFound:
            return None

    def key_from_url(self, url: str) -> str | None:
        """The key in a signed, download, media or gs:// URL of this bucket."""
        parts = urlsplit(url)
        bucket = self._bucket.name
        path = parts.path
        prefixes = (f"/v0/b/{bucket}/o/", f"/download/storage/v1/b/{bucket}/o/", f"/{bucket}/")
        if parts.netloc == bucket or parts.netloc.startswith(f"{bucket}."):
            key = unquote(path[1:])  # gs://bucket/key or virtual-hosted https://bucket.host/key
        else:
            prefix = next((p for p in prefixes if path.startswith(p)), None)
            key = unquote(path[len(prefix) :]) if prefix else ""
        return key if is_valid_key(key) else None

    def delete_prefix(self, prefix: str) -> int:
        blobs = list(self._call(self._bucket.list_blobs, prefix=prefix, timeout=TIMEOUT_SECONDS))
        for blob in blobs:
            try:
                self._call(blob.delete, timeout=TIMEOUT_SECONDS)
            except google.api_core.exceptions.NotFound:
                continue  # deleted meanwhile
        return len(blobs)

    def list_keys(self, prefix: str) -> list[str]:
        """Names of the bucket's objects under `prefix` (every page of the listing)."""

        def names(**options: Any) -> list[str]:  # the pages are fetched while iterating
            return [str(blob.name) for blob in self._bucket.list_blobs(**options)]

        found = self._call(names, prefix=prefix, timeout=TIMEOUT_SECONDS)
        return sorted(name for name in found if is_valid_key(name))

    def close(self) -> None:
        firebase_admin.delete_app(self._app)

    def _call(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, retry=self._retry, **kwargs)
        except google.api_core.exceptions.NotFound:
            raise
        except _TRANSPORT_ERRORS as exc:
            log.warning("image storage failed: %s: %s", exc.__class__.__name__, exc)
            raise UpstreamUnavailable(
                "Image storage is unavailable", code="storage_unavailable"
            ) from exc


def _credential(path: str | None) -> credentials.Base:
    if path:
        try:
            return credentials.Certificate(path)
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"FIREBASE_CREDENTIALS={path} is not a readable service-account JSON file: {exc}"
            ) from exc
    if os.environ.get(EMULATOR_ENV):
        log.warning("Firebase Storage emulator at %s", os.environ[EMULATOR_ENV])
        return AnonymousCredential()
    return credentials.ApplicationDefault()
