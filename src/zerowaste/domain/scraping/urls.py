"""Which URLs the fetcher may reach: http(s) only, no credentials, and (after DNS) no address
that is not public. The DNS half lives in the fetcher, which checks every address a host
resolves to right before connecting; this module holds the rules both halves apply.

Refused on purpose: loopback, private (RFC 1918, unique-local), link-local (169.254/16, the
cloud metadata service among them; fe80::/10), carrier-grade NAT, multicast, reserved,
unspecified, and IPv4 addresses mapped or embedded in IPv6. `ipaddress`'s `is_global` is the
test: an address the internet cannot route is one a request must never reach (SSRF).
Loopback is allowed only when the caller says so (tests serve pages from 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from zerowaste.domain.shared.errors import RuleViolation

MAX_URL_LENGTH = 2000
SCHEMES = ("http", "https")


class UrlRefused(RuleViolation):
    """A URL the fetcher will not reach (a 422 when a request names it)."""

    code = "url_invalid"


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # lowercase; IPv6 without brackets
    port: int

    @property
    def origin(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = (self.scheme == "http" and self.port == 80) or self.port == 443
        return f"{self.scheme}://{host}" + ("" if default else f":{self.port}")


def check_url(url: str) -> Target:
    """The URL's scheme, host and port, or UrlRefused (code `url_invalid`)."""
    text = url.strip() if isinstance(url, str) else ""
    if not text or len(text) > MAX_URL_LENGTH or any(c.isspace() for c in text):
        raise UrlRefused("The URL is empty, too long or contains spaces")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise UrlRefused("The URL cannot be read") from exc
    if parts.scheme.lower() not in SCHEMES:
        raise UrlRefused("Only http and https URLs can be imported")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise UrlRefused("A URL with a user name or password is not accepted")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise UrlRefused("The URL names no host")
    scheme = parts.scheme.lower()
    target = Target(scheme, host, port or (443 if scheme == "https" else 80))
    literal = _ip(host)
    if literal is not None and not address_allowed(host, allow_loopback=True):
        raise UrlRefused("The URL points at a private address", code="url_private")
    return target


def address_allowed(address: str, *, allow_loopback: bool) -> bool:
    """Whether a connection to `address` (an IP literal) is allowed."""
    ip = _ip(address)
    if ip is None:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return address_allowed(str(embedded), allow_loopback=allow_loopback)
    if ip.is_loopback:
        return allow_loopback
    return bool(ip.is_global) and not ip.is_multicast


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
