"""https through the guard: the socket is the guard's (loopback refused without the test
allowance), and TLS still verifies the certificate against the host name."""

from __future__ import annotations

import datetime as dt
import http.server
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from urllib3.exceptions import SSLError

from zerowaste.domain.scraping.urls import UrlRefused
from zerowaste.infrastructure.scrapers.guard import AddressGuard, guarded_pool_manager

pytestmark = pytest.mark.integration


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def tls_site(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    cert, key = self_signed(tmp_path)
    server = http.server.HTTPServer(("127.0.0.1", 0), Quiet)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield int(server.server_address[1]), cert
    server.shutdown()
    server.server_close()


def test_https_goes_through_the_guard_and_still_verifies_the_certificate(tls_site):
    port, cert = tls_site
    url = f"https://localhost:{port}/"
    allowed = guarded_pool_manager(AddressGuard(allow_loopback=True), ca_certs=str(cert))
    refused = guarded_pool_manager(AddressGuard(allow_loopback=False), ca_certs=str(cert))
    untrusted = guarded_pool_manager(AddressGuard(allow_loopback=True))

    assert allowed.request("GET", url, retries=False).status == 200
    with pytest.raises(UrlRefused):
        refused.request("GET", url, retries=False)
    with pytest.raises(SSLError):
        untrusted.request("GET", url, retries=False)
