"""Locally minted Firebase ID tokens and the Google endpoints they need, served by `responses`.

TESTING_INTEGRATIONS.md §2: firebase-admin fetches `{kid: x509 PEM}` from
`_token_gen.ID_TOKEN_CERT_URI`; registering that URL with `responses` is the only seam needed for
verification. With a service account configured, `check_revoked` also calls Google's OAuth token
endpoint and Identity Toolkit `accounts:lookup`; both are registered here too, so nothing leaves
the machine.
"""

from __future__ import annotations

import datetime
import functools
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import responses
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from firebase_admin import _token_gen
from google.auth import crypt, jwt

PROJECT = "demo-zerowaste"
KID = "k1"
TOKEN_URI = "https://oauth2.googleapis.com/token"
LOOKUP_URL = f"https://identitytoolkit.googleapis.com/v1/projects/{PROJECT}/accounts:lookup"


@dataclass(frozen=True)
class SigningKey:
    private_pem: bytes
    cert_pem: str


def _new_key() -> SigningKey:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime.now(datetime.UTC)
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "zerowaste-test")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return SigningKey(private_pem, cert.public_bytes(serialization.Encoding.PEM).decode())


@functools.cache
def google_key() -> SigningKey:
    """The key whose certificate the fake Google endpoint publishes under KID."""
    return _new_key()


@functools.cache
def attacker_key() -> SigningKey:
    """Another key: tokens signed with it claim KID but must fail the signature check."""
    return _new_key()


def mint(
    sub: str = "fb-user-1",
    *,
    provider: str = "password",
    email: str | None = "fb-user@example.com",
    email_verified: bool = True,
    audience: str = PROJECT,
    key: SigningKey | None = None,
    kid: str = KID,
    issued_ago: int = 10,
    lifetime: int = 3600,
    **extra: Any,
) -> str:
    """A Firebase-shaped ID token (RS256) signed with `key` (default: the published key)."""
    now = int(time.time())
    iat = now - issued_ago
    payload: dict[str, Any] = {
        "iss": f"https://securetoken.google.com/{PROJECT}",
        "aud": audience,
        "sub": sub,
        "iat": iat,
        "exp": iat + lifetime,
        "auth_time": iat,
        "firebase": {"sign_in_provider": provider, "identities": {}},
        **extra,
    }
    if email is not None:
        payload["email"] = email
        payload["email_verified"] = email_verified
    signer = crypt.RSASigner.from_string((key or google_key()).private_pem, key_id=kid)
    return jwt.encode(signer, payload).decode()


def serve_certs(rm: responses.RequestsMock) -> None:
    """Publish the Google key's certificate at the URL firebase-admin fetches."""
    rm.get(_token_gen.ID_TOKEN_CERT_URI, json={KID: google_key().cert_pem})


def write_service_account(directory: Path) -> Path:
    """A service-account JSON file (our local key; its token endpoint is served by responses)."""
    info = {
        "type": "service_account",
        "project_id": PROJECT,
        "private_key_id": "sa-key-1",
        "private_key": google_key().private_pem.decode(),
        "client_email": f"firebase-adminsdk@{PROJECT}.iam.gserviceaccount.com",
        "client_id": "1234567890",
        "token_uri": TOKEN_URI,
    }
    path = directory / "service-account.json"
    path.write_text(json.dumps(info))
    return path


def serve_user_lookup(
    rm: responses.RequestsMock,
    uid: str,
    *,
    valid_since: int | None = None,
    disabled: bool = False,
    url: str = LOOKUP_URL,
) -> None:
    """Answer `accounts:lookup` (used by check_revoked) and, for real credentials, OAuth."""
    if url == LOOKUP_URL:
        rm.post(TOKEN_URI, json={"access_token": "ya29.test", "expires_in": 3600})
    user: dict[str, Any] = {"localId": uid, "disabled": disabled}
    if valid_since is not None:
        user["validSince"] = str(valid_since)
    rm.post(url, json={"users": [user]})
