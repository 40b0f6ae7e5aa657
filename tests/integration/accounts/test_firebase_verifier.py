"""FirebaseIdentityVerifier with real firebase-admin, offline: Google's endpoints are served by
`responses` (certificates, OAuth token, accounts:lookup) and tokens are minted locally.

Revocation is tested on the production path: a service-account JSON (our local key) turns
`check_revoked` on, and `responses` answers the OAuth token endpoint and Identity Toolkit
`accounts:lookup` with a `validSince` later than the token's `iat`. The emulator seam is tested
too (FIREBASE_AUTH_EMULATOR_HOST, lookup answered by `responses`), restoring the environment.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import requests
import responses

from tests.conftest import make_settings
from tests.fakes import FakeUnitOfWorkFactory, FixedClock
from tests.fakes import firebase as ft
from tests.fakes.accounts import FakeHasher, FakeRevocationStore
from zerowaste.application.accounts.auth import AuthService, Device
from zerowaste.config import ConfigError
from zerowaste.domain.shared.errors import AuthenticationFailed, InvalidInput, UpstreamUnavailable
from zerowaste.infrastructure.accounts.firebase import EMULATOR_ENV, FirebaseIdentityVerifier

pytestmark = pytest.mark.integration

EMULATOR = "127.0.0.1:9099"
EMULATOR_LOOKUP = (
    f"http://{EMULATOR}/identitytoolkit.googleapis.com/v1/projects/{ft.PROJECT}/accounts:lookup"
)


@pytest.fixture
def make_verifier(tmp_path) -> Iterator[Any]:
    built: list[FirebaseIdentityVerifier] = []

    def build(**changes: Any) -> FirebaseIdentityVerifier:
        verifier = FirebaseIdentityVerifier(
            make_settings(tmp_path, firebase_project_id=ft.PROJECT, **changes)
        )
        built.append(verifier)
        return verifier

    yield build
    for verifier in built:
        verifier.close()


@pytest.fixture
def google() -> Iterator[responses.RequestsMock]:
    # Some rejections (audience, malformed) happen before the certificates are needed.
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rm:
        ft.serve_certs(rm)
        yield rm


def _rejects(verifier: FirebaseIdentityVerifier, token: str) -> AuthenticationFailed:
    with pytest.raises(AuthenticationFailed) as caught:
        verifier.verify(token)
    return caught.value


def test_a_valid_token_gives_its_claims(make_verifier, google):
    verifier = make_verifier()
    assert not verifier.checks_revocation  # anonymous credentials: signature checks only

    claims = verifier.verify(ft.mint("fb-1", email="ana@example.com", name="Ana"))

    assert claims["uid"] == claims["sub"] == "fb-1"
    assert claims["email"] == "ana@example.com"
    assert claims["name"] == "Ana"
    assert claims["firebase"]["sign_in_provider"] == "password"


def test_an_expired_token(make_verifier, google):
    error = _rejects(make_verifier(), ft.mint(issued_ago=7200, lifetime=3600))
    assert (error.message, error.code) == ("Token has expired", "token_expired")


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(lambda: ft.mint(audience="another-project"), id="wrong-audience"),
        pytest.param(lambda: ft.mint(key=ft.attacker_key()), id="signed-by-another-key-same-kid"),
        pytest.param(lambda: ft.mint(kid="unknown-kid"), id="unknown-kid"),
        pytest.param(lambda: ft.mint()[:-4] + "AAAA", id="tampered-signature"),
        pytest.param(lambda: "not-a-jwt", id="garbage"),
    ],
)
def test_tokens_that_are_not_from_our_project_are_invalid(make_verifier, google, token):
    error = _rejects(make_verifier(), token())
    assert (error.message, error.code) == ("Invalid token", "invalid_token")


def test_unreachable_certificates_mean_the_provider_is_unavailable(make_verifier):
    verifier = make_verifier()
    with responses.RequestsMock() as rm:
        rm.get(ft._token_gen.ID_TOKEN_CERT_URI, status=503, body="down")
        with pytest.raises(UpstreamUnavailable) as caught:
            verifier.verify(ft.mint())
    assert caught.value.code == "identity_unavailable"


def test_a_token_without_email_passes_verification_and_the_service_refuses_it(
    make_verifier, google
):
    verifier = make_verifier()
    clock = FixedClock()
    uows = FakeUnitOfWorkFactory()
    service = AuthService(
        uows,
        clock,
        FakeHasher(),
        FakeRevocationStore(clock),
        verifier,
        timedelta(minutes=30),
        timedelta(days=30),
    )
    token = ft.mint("fb-no-email", provider="password", email=None)
    assert "email" not in verifier.verify(token)

    with pytest.raises(InvalidInput) as caught:
        service.firebase_signin(token, Device())

    assert caught.value.code == "email_required"
    assert uows.store.users == {}


def test_with_a_service_account_a_revoked_token_is_refused(make_verifier, google, tmp_path):
    verifier = make_verifier(firebase_credentials=str(ft.write_service_account(tmp_path)))
    assert verifier.checks_revocation
    token = ft.mint("fb-1", issued_ago=60)
    ft.serve_user_lookup(google, "fb-1", valid_since=int(time.time()) - 10)

    error = _rejects(verifier, token)

    assert (error.message, error.code) == ("Token has been revoked", "token_revoked")
    lookup = [c for c in google.calls if c.request.url == ft.LOOKUP_URL]
    assert lookup[0].request.headers["Authorization"] == "Bearer ya29.test"


def test_with_a_service_account_a_token_issued_after_revocation_passes(
    make_verifier, google, tmp_path
):
    verifier = make_verifier(firebase_credentials=str(ft.write_service_account(tmp_path)))
    ft.serve_user_lookup(google, "fb-1", valid_since=int(time.time()) - 3600)

    assert verifier.verify(ft.mint("fb-1", issued_ago=60))["uid"] == "fb-1"


def test_a_disabled_user_is_refused_as_revoked(make_verifier, google, tmp_path):
    verifier = make_verifier(firebase_credentials=str(ft.write_service_account(tmp_path)))
    ft.serve_user_lookup(google, "fb-1", disabled=True)

    assert _rejects(verifier, ft.mint("fb-1")).code == "token_revoked"


def test_an_unreadable_service_account_file_refuses_to_start(make_verifier, tmp_path):
    with pytest.raises(ConfigError, match="FIREBASE_CREDENTIALS"):
        make_verifier(firebase_credentials=str(tmp_path / "missing.json"))


def test_with_the_emulator_revocation_is_checked_against_it(make_verifier, monkeypatch):
    monkeypatch.setenv(EMULATOR_ENV, EMULATOR)  # restored after the test
    verifier = make_verifier(firebase_auth_emulator_host=EMULATOR)
    assert verifier.checks_revocation
    with responses.RequestsMock() as rm:
        ft.serve_user_lookup(rm, "fb-1", valid_since=int(time.time()), url=EMULATOR_LOOKUP)
        error = _rejects(verifier, ft.mint("fb-1", issued_ago=60))
    assert error.code == "token_revoked"


def test_with_the_emulator_down_the_provider_is_unavailable(make_verifier, monkeypatch):
    monkeypatch.setenv(EMULATOR_ENV, EMULATOR)
    verifier = make_verifier(firebase_auth_emulator_host=EMULATOR)
    with responses.RequestsMock() as rm, pytest.raises(UpstreamUnavailable) as caught:
        rm.post(EMULATOR_LOOKUP, body=requests.ConnectionError("connection refused"))
        verifier.verify(ft.mint("fb-1"))
    assert caught.value.code == "identity_unavailable"


def test_an_emulator_host_in_the_environment_but_not_in_settings_is_refused(
    make_verifier, monkeypatch
):
    monkeypatch.setenv(EMULATOR_ENV, EMULATOR)
    with pytest.raises(ConfigError, match=EMULATOR_ENV):
        make_verifier()
